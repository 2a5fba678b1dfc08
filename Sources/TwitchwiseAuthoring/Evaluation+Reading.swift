import FoundationEssentials
import TwitchwiseCore
import TwitchwiseProtocol

/// Reading a question set (docs/evaluation.md) strictly: a field of the wrong type, an
/// unknown `kind` or a set with no case is a located error, never a silent default.
extension Evaluation {
    /// The kinds a turn may expect.
    static let kinds = ["answer", "fallback", "any", "clarify"]

    /// Reads a JSON-lines question set; problems are located by line (and named by field).
    /// Lines may end in "\n" or "\r\n"; a UTF-8 byte-order mark at the start is skipped.
    public static func parse(_ text: String, path: String) -> ([Case], [Diagnostic]) {
        var cases: [Case] = []
        var problems: [Diagnostic] = []
        var body = Substring(text)
        if body.unicodeScalars.first == "\u{FEFF}" { body = Substring(body.unicodeScalars.dropFirst()) }
        // By scalars: "\r\n" is one Character, so splitting Characters on "\n" would miss it.
        let lines = body.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            String(line.last == "\r" ? line.dropLast() : line[...])
        }
        for (n, line) in lines.enumerated() {
            guard !line.allSatisfy(\.isWhitespace) else { continue }
            let at = SourceLocation(file: path, line: n + 1)
            func problem(_ message: String, _ hint: String? = nil) { problems.append(Diagnostic(.error, message, at: at, hint: hint)) }
            let value: JSON
            do { value = try JSONParser.parse(line) } catch {
                problems.append(Diagnostic(.error, "not JSON: \(error.message)", at: SourceLocation(file: path, line: n + 1, column: error.column)))
                continue
            }
            guard case .object = value else {
                problem("a case must be a JSON object, not \(value.typeName)")
                continue
            }
            let before = problems.count
            let id: String
            switch value["id"] {
            case nil: id = "line \(n + 1)"
            case .string(let s)?: id = s
            case .number(let s)?: id = s
            case let other?: id = "line \(n + 1)"; problem("'id' must be a string or a number, not \(other.typeName)")
            }
            var category = "?"
            switch value["cat"] {
            case nil: break
            case .string(let s)?: category = s
            case let other?: problem("'cat' must be a string, not \(other.typeName)")
            }
            guard case .array(let turnValues)? = value["turns"], !turnValues.isEmpty else {
                problem(value["turns"] == nil ? "a case needs 'turns', a list of turns"
                            : "'turns' must be a non-empty list of turns, not \(value["turns"]!.typeName)")
                continue
            }
            var turns: [Turn] = []
            for (i, t) in turnValues.enumerated() {
                if let turn = readTurn(t, named: "turns[\(i)]", problem: { problem($0, $1) }) { turns.append(turn) }
            }
            if problems.count == before { cases.append(Case(id: id, category: category, turns: turns, line: n + 1)) }
        }
        if cases.isEmpty && problems.isEmpty {
            problems.append(Diagnostic(.error, "the question set has no case", at: SourceLocation(file: path),
                                       hint: "one JSON case per line, as in docs/sample-eval.jsonl"))
        }
        return (cases, problems)
    }

    /// One turn, or nil with its problems reported.
    static func readTurn(_ t: JSON, named name: String, problem: (String, String?) -> Void) -> Turn? {
        guard case .object = t else {
            problem("\(name) must be an object, not \(t.typeName)", nil)
            return nil
        }
        var ok = true
        func fail(_ message: String, _ hint: String? = nil) { problem(message, hint); ok = false }
        var text = ""
        switch t["text"] {
        case .string(let s)?: text = s
        case nil: fail("\(name) needs 'text', the message")
        case let other?: fail("\(name).text must be a string, not \(other.typeName)")
        }
        var kind = "answer"
        switch t["kind"] {
        case nil: break
        case .string(let s)? where kinds.contains(s): kind = s
        case .string(let s)?: fail("\(name).kind '\(s)' is not a kind", "kinds: \(kinds.joined(separator: ", "))")
        case let other?: fail("\(name).kind must be a string, not \(other.typeName)")
        }
        var intents: [String] = []
        switch t["intent"] {
        case nil, .null?: break
        case .array(let items)?:
            for item in items {
                guard case .string(let s) = item else { fail("\(name).intent must hold intent ids (strings), not \(item.typeName)"); break }
                intents.append(s)
            }
        case .string(let s)?: fail("\(name).intent must be a list of intent ids, not a string", "write [\"\(s)\"]")
        case let other?: fail("\(name).intent must be a list of intent ids, not \(other.typeName)")
        }
        var urgent = false
        switch t["urgent"] {
        case nil: break
        case .bool(let b)?: urgent = b
        case let other?: fail("\(name).urgent must be true or false, not \(other.typeName)")
        }
        var mentions: [[String]] = []
        switch t["mentions"] {
        case nil: break
        case .array(let groups)?:
            for group in groups {
                guard case .array(let words) = group else {
                    fail("\(name).mentions must be a list of groups (lists of words), not a list of \(group.typeName)s",
                         "[[\"calm\", \"relax\"]] is \"calm or relax\"; [[\"stress\"], [\"calm\"]] is \"stress and calm\"")
                    break
                }
                var strings: [String] = []
                for word in words {
                    guard case .string(let s) = word else { fail("\(name).mentions must hold words (strings), not \(word.typeName)"); break }
                    strings.append(s)
                }
                mentions.append(strings)
            }
        case let other?: fail("\(name).mentions must be a list of groups (lists of words), not \(other.typeName)")
        }
        return ok ? Turn(text: text, kind: kind, intents: intents, urgent: urgent, mentions: mentions) : nil
    }

    /// The seed documents of a folder (its `.txt` files), squashed as score.py does, by their
    /// three-digit prefix; an error when the folder cannot be read or holds none.
    public static func documents(in folder: String) -> (documents: [String: String], problem: Diagnostic?) {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: folder) } catch {
            return ([:], Diagnostic(.error, "--seeds: cannot read the folder", at: SourceLocation(file: folder),
                             hint: "give the folder of the seed documents, such as Documents/"))
        }
        var docs: [String: String] = [:]
        for name in names.sorted() where name.hasSuffix(".txt") {
            if let text = try? String(contentsOfFile: Path.join(folder, name), encoding: .utf8) {
                docs[String(name.prefix(3))] = squash(text)
            }
        }
        if docs.isEmpty {
            return ([:], Diagnostic(.error, "--seeds: the folder holds no .txt document", at: SourceLocation(file: folder),
                                    hint: "give the folder of the seed documents, such as Documents/"))
        }
        return (docs, nil)
    }
}
