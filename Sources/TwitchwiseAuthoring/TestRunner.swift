import FoundationEssentials
import TwitchwiseCore
import TwitchwiseContentLoading
import TwitchwiseProtocol

/// What a command would print and its exit status, so tests can drive the
/// commands without a process.
public struct CommandOutput: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String

    public init(status: Int32, stdout: String = "", stderr: String = "") {
        self.status = status
        self.stdout = stdout
        self.stderr = stderr
    }
}

/// One expectation that did not hold.
public struct ExpectationFailure: Sendable {
    public var location: SourceLocation
    public var turn: Int
    public var user: String
    public var key: String
    /// One line: what was expected and what came.
    public var summary: String
    /// More lines: the diff of a golden answer, or the answer itself.
    public var details: String
    /// For a golden answer: where it is and the answer that came (for `--record`).
    public var golden: (GoldenSpan, String)?

    public var description: String {
        var text = "\(location): error: turn \(turn) (\"\(TestRunner.clip(user, 60))\"): \(key): \(summary)"
        if !details.isEmpty { text += "\n" + details.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n") }
        return text
    }
}

public struct ConversationResult: Sendable {
    public var conversation: Conversation
    public var failures: [ExpectationFailure]
    public var replies: [Reply]
    public var seconds: Double
    /// Golden answers rewritten by `--record`.
    public var recorded = 0

    public var passed: Bool { failures.isEmpty }
}

public struct TestRunOptions: Sendable {
    public var paths: [String]
    public var source: ContentSource
    public var seed: UInt64
    public var junit: String?
    public var record: Bool
    public var coverage: Bool
    /// Where relative paths start.
    public var workingDirectory: String

    public init(paths: [String] = [], source: ContentSource = .embedded, seed: UInt64 = 0, junit: String? = nil,
                record: Bool = false, coverage: Bool = false,
                workingDirectory: String = FileManager.default.currentDirectoryPath) {
        self.paths = paths
        self.source = source
        self.seed = seed
        self.junit = junit
        self.record = record
        self.coverage = coverage
        self.workingDirectory = workingDirectory
    }
}

/// `twitchwise test`: runs conversation files against the engine.
public enum TestRunner {
    public static let folder = "Conversations"

    /// Runs one conversation in a fresh session.
    public static func run(_ conversation: Conversation, engine: Engine) -> ConversationResult {
        let start = Date()
        var state = SessionState()
        var failures: [ExpectationFailure] = []
        var replies: [Reply] = []
        for (index, turn) in conversation.turns.enumerated() {
            let (reply, next) = engine.respond(to: turn.user, in: state)
            state = next
            replies.append(reply)
            for expectation in turn.expectations {
                if var failure = check(expectation, reply) {
                    failure.turn = index + 1
                    failure.user = turn.user
                    failures.append(failure)
                }
            }
        }
        return ConversationResult(conversation: conversation, failures: failures, replies: replies,
                                  seconds: Date().timeIntervalSince(start))
    }

    /// Runs every conversation of a file.
    public static func run(_ file: ConversationFile, engine: Engine) -> [ConversationResult] {
        file.conversations.map { run($0, engine: engine) }
    }

    static func clip(_ text: String, _ n: Int) -> String {
        let flat = text.replacing(scalar: "\n", with: " ")
        return flat.count <= n ? flat : String(flat.prefix(n - 1)) + "…"
    }

    static func quoted(_ answer: String) -> String {
        "answer:\n" + answer.split(separator: "\n", omittingEmptySubsequences: false).map { "| " + $0 }.joined(separator: "\n")
    }

    static func check(_ e: Expectation, _ reply: Reply) -> ExpectationFailure? {
        func fail(_ summary: String, _ details: String = "") -> ExpectationFailure {
            ExpectationFailure(location: e.location, turn: 0, user: "", key: e.key, summary: summary, details: details, golden: nil)
        }
        let got = reply.intent ?? "no intent (\(reply.kind.rawValue))"
        switch e.check {
        case .intent(let ids):
            if ids.isEmpty {
                if let intent = reply.intent { return fail("expected no intent, got \(intent)") }
            } else if !ids.contains(reply.intent ?? "") {
                let expected = ids.count == 1 ? ids[0] : "one of " + ids.joined(separator: ", ")
                return fail("expected \(expected), got \(got)", "confidence \(Reply.format(reply.confidence)); \(reply.explain.decision)")
            }
        case .kind(let kind):
            if reply.kind != kind { return fail("expected \(kind.rawValue), got \(reply.kind.rawValue) (\(got))", reply.explain.decision) }
        case .slots(let expected):
            var wrong: [String] = []
            for (slot, value) in expected.sorted(by: { $0.key < $1.key }) {
                let actual = reply.slots[slot]
                if actual != value { wrong.append("\(slot): expected \(value ?? "unset"), got \(actual ?? "unset")") }
            }
            if !wrong.isEmpty {
                let all = reply.slots.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
                return fail(wrong.joined(separator: "; "), "slots of the reply: " + (all.isEmpty ? "none" : all))
            }
        case .urgent(let flag):
            if reply.urgent != flag {
                return fail("expected \(flag), got \(reply.urgent)", "red flags recognised: " +
                            (reply.explain.redFlags.isEmpty ? "none" : reply.explain.redFlags.joined(separator: ", ")))
            }
        case .contains(let words):
            let answer = reply.answer.lowercased()
            let missing = words.filter { !answer.contains($0.lowercased()) }
            if !missing.isEmpty {
                return fail("the answer lacks " + missing.map { "\"\($0)\"" }.joined(separator: ", ") + " (\(got))", quoted(reply.answer))
            }
        case .notContains(let words):
            let answer = reply.answer.lowercased()
            let present = words.filter { answer.contains($0.lowercased()) }
            if !present.isEmpty {
                return fail("the answer has " + present.map { "\"\($0)\"" }.joined(separator: ", ") + " (\(got))", quoted(reply.answer))
            }
        case .matches(let pattern):
            let regex = try? Regex(pattern)
            if regex.flatMap({ try? $0.firstMatch(in: reply.answer) }) == nil {
                return fail("the answer does not match /\(pattern)/ (\(got))", quoted(reply.answer))
            }
        case .answer(let golden, let span):
            let expected = golden.trimming(.newlines)
            if expected != reply.answer {
                var failure = fail("the answer differs from the golden text (\(got))",
                                   LineDiff.unified(expected, reply.answer))
                failure.golden = (span, reply.answer)
                return failure
            }
        }
        return nil
    }

    // MARK: The command

    /// Files to run: the given paths (folders give their `*.yaml`), or the project's `Conversations/`.
    static func collect(_ options: TestRunOptions) -> (files: [(display: String, path: String)], problems: [Diagnostic]) {
        let fm = FileManager.default
        let cwd = options.workingDirectory
        func absolute(_ p: String) -> String { p.hasPrefix("/") ? p : Path.join(cwd, p) }
        func display(_ p: String) -> String {
            let prefix = cwd.hasSuffix("/") ? cwd : cwd + "/"
            return p.hasPrefix(prefix) ? String(p.dropFirst(prefix.count)) : p
        }
        func yamlFiles(in dir: String) -> [String] {
            ((try? fm.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
                .map { Path.join(dir, $0) }
        }
        var files: [(String, String)] = []
        var problems: [Diagnostic] = []
        var paths = options.paths
        if paths.isEmpty {
            var looked: [String] = []
            if case .directory(let root) = options.source {
                looked.append(Path.join(absolute(root), folder))
                looked.append(Path.join(Path.parent(absolute(root)), folder))
            }
            looked.append(Path.join(cwd, folder))
            let standard = looked.map { Path.standardized($0) }
            var unique: [String] = []
            for p in standard where !unique.contains(p) { unique.append(p) }
            var isDir = false
            if let found = unique.first(where: { fm.fileExists(atPath: $0, isDirectory: &isDir) && isDir }) {
                paths = [found]
            } else {
                // Not about a place in a file: an empty file name prints as a plain `error:` line.
                problems.append(Diagnostic(.error, "no conversation files given, and no \(folder)/ folder found",
                                           at: SourceLocation(file: ""),
                                           hint: "looked for " + unique.joined(separator: ", ")
                                               + "; give files or folders: twitchwise test PATH..."))
                return ([], problems)
            }
        }
        for p in paths {
            let full = absolute(p)
            var isDir = false
            guard fm.fileExists(atPath: full, isDirectory: &isDir) else {
                problems.append(Diagnostic(.error, "no such file or folder", at: SourceLocation(file: p)))
                continue
            }
            if isDir {
                let found = yamlFiles(in: full)
                if found.isEmpty {
                    problems.append(Diagnostic(.error, "the folder holds no conversation files (*.yaml)", at: SourceLocation(file: p)))
                }
                files += found.map { (display($0), $0) }
            } else {
                files.append((p.hasPrefix("/") ? display(p) : p, full))
            }
        }
        return (files, problems)
    }

    /// Runs the command: reads the files, runs every conversation, prints a
    /// line per conversation and the failures; writes JUnit XML, records
    /// golden answers and reports coverage when asked.
    public static func main(_ options: TestRunOptions) -> CommandOutput {
        var out = ""
        var err = ""
        let engine: Engine
        do {
            let (content, warnings) = try options.source.load()
            for w in warnings { err += w.description + "\n" }
            engine = Engine(content: content, options: EngineOptions(seed: options.seed))
        } catch {
            return CommandOutput(status: 2, stderr: error.description + "\n")
        }

        let (paths, problems) = collect(options)
        var invalid = problems
        var suites: [JUnit.Suite] = []
        var allResults: [ConversationResult] = []
        var failedCount = 0, passedCount = 0, gapCount = 0, gapPassing = 0, recordedCount = 0

        for problem in problems {
            let name = problem.location.file.isEmpty ? folder : problem.location.file
            suites.append(JUnit.Suite(name: name, cases: [
                JUnit.Case(name: "(load)", className: name, outcome: .error(message: problem.message, details: problem.description)),
            ]))
        }

        for (display, path) in paths {
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                let d = Diagnostic(.error, "cannot read the file as UTF-8 text", at: SourceLocation(file: display))
                invalid.append(d)
                suites.append(JUnit.Suite(name: display, cases: [JUnit.Case(name: "(load)", className: display,
                                                                             outcome: .error(message: d.message, details: d.description))]))
                continue
            }
            let (parsed, diagnostics) = ConversationParser.parse(path: display, text: text)
            guard let file = parsed else {
                invalid += diagnostics
                suites.append(JUnit.Suite(name: display, cases: [JUnit.Case(
                    name: "(load)", className: display,
                    outcome: .error(message: "\(diagnostics.count) problem(s) in the file",
                                    details: diagnostics.map(\.description).joined(separator: "\n")))]))
                continue
            }
            for d in diagnostics { err += d.description + "\n" }
            var results = run(file, engine: engine)
            if options.record {
                let replacements = results.flatMap { $0.failures.compactMap(\.golden) }
                if !replacements.isEmpty {
                    let updated = GoldenRecorder.splice(file.text, replacements)
                    // Never write a file that no longer reads back with the new answers.
                    let (reread, _) = ConversationParser.parse(path: display, text: updated)
                    let goldens = reread?.conversations.flatMap(\.turns).flatMap(\.expectations).compactMap { e -> String? in
                        if case .answer(let text, _) = e.check { return text.trimming(.newlines) } else { return nil }
                    } ?? []
                    if reread?.conversations.count != file.conversations.count || !Set(replacements.map(\.1)).isSubset(of: Set(goldens)) {
                        invalid.append(Diagnostic(.error, "recording the answers would break the file, so it was left as it was",
                                                  at: SourceLocation(file: display), hint: "write golden answers as 'answer: |' blocks"))
                    } else {
                        do {
                            try updated.write(toFile: path, atomically: true, encoding: .utf8)
                            out += "recorded \(replacements.count) golden answer\(replacements.count == 1 ? "" : "s") in \(display)\n"
                            recordedCount += replacements.count
                            for i in results.indices {
                                results[i].recorded = results[i].failures.filter { $0.golden != nil }.count
                                results[i].failures.removeAll { $0.golden != nil }
                            }
                        } catch {
                            invalid.append(Diagnostic(.error, "cannot write the file: \(error)", at: SourceLocation(file: display)))
                        }
                    }
                }
            }
            var cases: [JUnit.Case] = []
            out += "\(display)\n"
            for result in results {
                let c = result.conversation
                let turns = "\(c.turns.count) turn\(c.turns.count == 1 ? "" : "s")"
                let report = result.failures.map(\.description).joined(separator: "\n")
                let outcome: JUnit.Case.Outcome
                if let gap = c.knownGap {
                    gapCount += 1
                    if result.passed {
                        gapPassing += 1
                        out += "✓ \(c.name) (\(turns)) known gap now passes: move it out of the known gaps\n"
                        outcome = .passed
                    } else {
                        out += "~ \(c.name) (\(turns)) known gap: \(gap)\n"
                        outcome = .skipped(message: "known gap: \(gap)")
                    }
                } else if result.passed {
                    passedCount += 1
                    out += "✓ \(c.name) (\(turns))\n"
                    outcome = .passed
                } else {
                    failedCount += 1
                    out += "✗ \(c.name) (\(turns))\n"
                    out += report.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n") + "\n"
                    let first = result.failures[0]
                    outcome = .failed(message: "\(first.location): \(first.key): \(first.summary)", details: report)
                }
                cases.append(JUnit.Case(name: c.name, className: display, seconds: result.seconds, outcome: outcome))
            }
            suites.append(JUnit.Suite(name: display, cases: cases))
            allResults += results
        }

        for d in invalid {
            if d.location.file.isEmpty {
                err += "error: \(d.message)\n" + (d.hint.map { "note: \($0)\n" } ?? "")
            } else {
                err += d.description + "\n"
            }
        }
        var summary = counted(passedCount + failedCount + gapCount, "conversation") + " in " + counted(paths.count, "file") + ": "
            + "\(passedCount) passed, \(failedCount) failed"
        if gapCount > 0 { summary += ", " + counted(gapCount, "known gap") + " (\(gapPassing) now pass)" }
        if recordedCount > 0 { summary += ", " + counted(recordedCount, "golden answer") + " recorded" }
        if !invalid.isEmpty { summary += "; " + counted(invalid.count, "problem") + " in the files" }
        out += summary + "\n"

        if options.coverage {
            out += "\n" + Coverage(engine: engine, source: options.source).report(allResults.flatMap(\.replies))
        }
        if let junit = options.junit {
            let path = junit.hasPrefix("/") ? junit : Path.join(options.workingDirectory, junit)
            do { try JUnit.xml(suites).write(toFile: path, atomically: true, encoding: .utf8) } catch {
                err += "\(junit): error: cannot write the JUnit report: \(error)\n"
                return CommandOutput(status: 2, stdout: out, stderr: err)
            }
        }
        let status: Int32 = !invalid.isEmpty ? 2 : failedCount > 0 ? 1 : 0
        return CommandOutput(status: status, stdout: out, stderr: err)
    }
}
