// libFuzzer entry: the input as a template and as a pattern of the content
// format, with the real lexicon's slots. Both parsers must report located
// problems and never crash; what parses is rendered and matched. A cheap
// complement to FuzzLoader, which loads the whole content for every input.
import CFuzz
import FuzzSupport
import TwitchwiseCore

let engine = FuzzContent.engine()
let lexicon = engine.content.lexicon
let slots = lexicon.slotNames.union(["red_flag"])
let scope = Template.Scope(slots: slots, lists: ["documents": ["id", "title"], "candidates": ["number", "question"]])
let slotOf = Dictionary(lexicon.concepts.compactMap { c in c.slot.map { (c.id, $0) } }, uniquingKeysWith: { a, _ in a })
let analyses = ["why does my neck twitch when I'm stressed?", "my calf cramps at night", "hello", ""].map(engine.matcher.analyzer.analyze)
let values = Template.Values(
    slots: ["body_part": "neck", "trigger": "stress", "red_flag": "seizure"],
    display: { _, value in value.uppercased() },
    lists: ["documents": [["id": "000", "title": "T0"], ["id": "001", "title": "T1"]],
            "candidates": [["number": "1", "question": "Q?"]]])

func words(_ text: String) -> [String] {
    Normalizer.pieces(text).compactMap { if case .word(let w) = $0 { lexicon.variants[w]?.joined(separator: " ") ?? w } else { nil } }
        .flatMap { $0.split(separator: " ").map(String.init) }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let lineCount = text.split(separator: "\n", omittingEmptySubsequences: false).count

    let origin = TextOrigin(file: "f.yaml", line: 3, column: 7, continuationColumn: size % 2 == 0 ? 5 : nil)
    let (template, problems) = Template.parse(text, origin: origin, scope: scope)
    for p in problems {
        check(p.location.file == "f.yaml" && p.location.line >= 3 && p.location.line < 3 + lineCount + 1 && p.location.column >= 1,
              "template problem out of place: \(p)")
    }
    _ = template.render(values)
    _ = template.render(Template.Values(slots: [:]))
    _ = template.conditions

    let (pattern, patternProblems) = Pattern.parse(text, location: SourceLocation(file: "p.yaml", line: 2, column: 9)) {
        words($0).map(Stemmer.stem)
    }
    for p in patternProblems { check(p.location.line == 2 && p.location.column >= 9, "pattern problem out of place: \(p)") }
    if let pattern {
        for analysis in analyses + [engine.matcher.analyzer.analyze(text)] { _ = pattern.matches(analysis) { slotOf[$0] } }
    }
    return 0
}

/// SwiftPM links executables with `main` = `FuzzText_main`: hand over to libFuzzer's driver.
@_cdecl("FuzzText_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzz(data!, size) }
}
