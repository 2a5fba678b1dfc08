import TwitchwiseProtocol

/// JUnit XML, the report format CI servers read: a `testsuite` per
/// conversation file, a `testcase` per conversation.
public enum JUnit {
    public struct Suite: Sendable {
        public var name: String
        public var cases: [Case]
        public init(name: String, cases: [Case]) {
            self.name = name
            self.cases = cases
        }
    }

    public struct Case: Sendable {
        public enum Outcome: Sendable {
            case passed
            case failed(message: String, details: String)
            /// The file could not be used at all.
            case error(message: String, details: String)
            case skipped(message: String)
        }

        public var name: String
        public var className: String
        public var seconds: Double
        public var outcome: Outcome

        public init(name: String, className: String, seconds: Double = 0, outcome: Outcome) {
            self.name = name
            self.className = className
            self.seconds = seconds
            self.outcome = outcome
        }
    }

    public static func xml(_ suites: [Suite], name: String = "twitchwise test") -> String {
        func count(_ suite: Suite, _ test: (Case.Outcome) -> Bool) -> Int { suite.cases.filter { test($0.outcome) }.count }
        func isFailure(_ o: Case.Outcome) -> Bool { if case .failed = o { return true } else { return false } }
        func isError(_ o: Case.Outcome) -> Bool { if case .error = o { return true } else { return false } }
        func isSkipped(_ o: Case.Outcome) -> Bool { if case .skipped = o { return true } else { return false } }
        func time(_ s: Double) -> String { TextFormat.fixed(s, 3) }

        let tests = suites.map(\.cases.count).reduce(0, +)
        let failures = suites.map { count($0, isFailure) }.reduce(0, +)
        let errors = suites.map { count($0, isError) }.reduce(0, +)
        let skipped = suites.map { count($0, isSkipped) }.reduce(0, +)
        let total = suites.flatMap(\.cases).map(\.seconds).reduce(0, +)
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"\(escape(name))\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"\(errors)\" skipped=\"\(skipped)\" time=\"\(time(total))\">\n"
        for suite in suites {
            let seconds = suite.cases.map(\.seconds).reduce(0, +)
            out += "  <testsuite name=\"\(escape(suite.name))\" tests=\"\(suite.cases.count)\" failures=\"\(count(suite, isFailure))\" errors=\"\(count(suite, isError))\" skipped=\"\(count(suite, isSkipped))\" time=\"\(time(seconds))\">\n"
            for test in suite.cases {
                let head = "    <testcase name=\"\(escape(test.name))\" classname=\"\(escape(test.className))\" time=\"\(time(test.seconds))\""
                switch test.outcome {
                case .passed:
                    out += head + "/>\n"
                case .failed(let message, let details):
                    out += head + ">\n      <failure message=\"\(escape(message))\" type=\"expectation\">\(escape(details, attribute: false))</failure>\n    </testcase>\n"
                case .error(let message, let details):
                    out += head + ">\n      <error message=\"\(escape(message))\" type=\"invalid\">\(escape(details, attribute: false))</error>\n    </testcase>\n"
                case .skipped(let message):
                    out += head + ">\n      <skipped message=\"\(escape(message))\"/>\n    </testcase>\n"
                }
            }
            out += "  </testsuite>\n"
        }
        out += "</testsuites>\n"
        return out
    }

    /// Escapes text for an XML attribute or element, dropping characters XML 1.0 cannot hold.
    public static func escape(_ text: String, attribute: Bool = true) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\n": out += attribute ? "&#10;" : "\n"
            case "\t": out += attribute ? "&#9;" : "\t"
            case "\r": out += "&#13;"
            default:
                let v = scalar.value
                if v < 0x20 || (0xFFFE...0xFFFF).contains(v) { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
