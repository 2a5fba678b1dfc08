// libFuzzer entry (issue 22): the input as a response template of the content format, with
// the real lexicon's slots and lists. Parsing must report problems inside the text's own
// lines and never crash. Parsing plus rendering (with values, without, and with long values)
// over 50 ms of CPU (with the sanitizers' slowdown) is counted and its input kept.
#if canImport(Glibc)
import Glibc
#endif
import CFuzz
import FuzzSupport
import TwitchwiseCore

let engine = FuzzContent.engine()
let lexicon = engine.content.lexicon
let slots = lexicon.slotNames.union(["red_flag"])
let scope = Template.Scope(slots: slots, lists: ["documents": ["id", "title"], "candidates": ["number", "question"]])
let long = String(repeating: "neck ", count: 2_000)
let values = Template.Values(
    slots: ["body_part": "neck", "trigger": "stress", "red_flag": "seizure", "symptom": long],
    display: { _, value in value.uppercased() },
    lists: ["documents": Array(repeating: ["id": "000", "title": "T0"], count: 50),
            "candidates": [["number": "1", "question": "Q?"], ["number": "2", "question": long]]])
let empty = Template.Values(slots: [:])
let tally = FuzzTally(name: "template")

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    var lineCount = 1
    for byte in text.utf8 where byte == 0x0A { lineCount += 1 }
    let origin = TextOrigin(file: "t.yaml", line: 4, column: 5, continuationColumn: size % 2 == 0 ? 3 : nil)
    var parsed: (template: Template, problems: [Diagnostic])?
    let parsing = FuzzClock.milliseconds { parsed = Template.parse(text, origin: origin, scope: scope) }
    guard let (template, problems) = parsed else { return 0 }
    for p in problems {
        check(p.location.file == "t.yaml" && p.location.line >= 4 && p.location.line < 4 + lineCount + 1 && p.location.column >= 1,
              "template problem out of place: \(p)")
    }
    for v in [values, empty] {
        var rendered = ""
        let time = FuzzClock.milliseconds { rendered = template.render(v) }
        tally.record(time + parsing, size: size, input: UnsafeBufferPointer(start: data, count: size))
        _ = rendered
    }
    return 0
}

/// SwiftPM links executables with `main` = `FuzzTemplate_main`: hand over to libFuzzer's driver.
@_cdecl("FuzzTemplate_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    atexit { tally.report() }
    _ = (engine, values)  // load the content before the clock starts
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzz(data!, size) }
}
