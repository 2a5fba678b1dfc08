// libFuzzer entry: the real content with one file replaced. The first input
// byte picks the file (k mod n among the YAML files sorted by path), the rest is its new
// text. The loader must never crash: it loads or reports located errors.
// When the content still loads, a few messages go through the engine, so
// that mutated templates and patterns are rendered and matched too.
#if canImport(Glibc)
import Glibc
#endif
import CFuzz
import FuzzSupport
import TwitchwiseCore
import TwitchwiseLoader
import TwitchwiseProtocol

let files: [ContentFile] = FuzzContent.files()
/// The YAML files by path, sorted: input byte k picks the (k mod n)th.
let yamlIndices: [Int] = files.indices.filter { files[$0].path.hasSuffix(".yaml") }.sorted { files[$0].path < files[$1].path }
let paths = Set(files.map(\.path))
let messages = ["why does my neck twitch when I'm stressed?", "and how do I stop it?", "my calf cramps at night and I can't breathe",
                "1", "hello", "is it serious"]


@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let which = yamlIndices[Int(data[0]) % yamlIndices.count]
    var mutated = files
    mutated[which].text = String(decoding: UnsafeBufferPointer(start: data + 1, count: size - 1), as: UTF8.self)
    do {
        let (content, warnings) = try ContentLoader.load(mutated)
        for w in warnings { check(w.location.line >= 1 && w.location.column >= 1, "warning without a location: \(w)") }
        let engine = Engine(content: content)
        var state = SessionState()
        for message in messages {
            let (reply, next) = engine.respond(to: message, in: state)
            var out = JSONWriter()
            reply.write(id: .null, session: "f", explain: true, into: &out)
            check((try? JSONParser.parse(out.bytes)) != nil, "reply is not JSON")
            state = next
        }
    } catch {
        check(!error.errors.isEmpty, "load failed without an error")
        for d in error.diagnostics {
            check(paths.contains(d.location.file), "diagnostic names an unknown file: \(d)")
            check(d.location.line >= 1 && d.location.column >= 1, "diagnostic without a location: \(d)")
            check(!d.message.isEmpty, "empty diagnostic")
        }
    }
    return 0
}

/// SwiftPM links executables with `main` = `FuzzLoader_main`: hand over to libFuzzer's driver.
@_cdecl("FuzzLoader_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzz(data!, size) }
}
