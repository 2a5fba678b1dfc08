import TwitchwiseCore
import Yams

import Yams

/// Why a text is not YAML the loader accepts, and where: libyaml's problem (with its
/// context, "while parsing a block mapping"), or one of the loader's refusals.
public struct YAMLError: Error, Sendable, Hashable, CustomStringConvertible {
    public var problem: String
    /// 1-based, the column counted in characters as libyaml counts them (a tab is one).
    public var line: Int
    public var column: Int

    public init(_ problem: String, line: Int, column: Int) {
        self.problem = problem
        self.line = line
        self.column = column
    }

    public var description: String { "line \(line), column \(column): \(problem)" }

    /// Yams' error in the loader's words, at the place libyaml gives.
    init(_ error: YamlError, in text: String) {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            // libyaml's own bound (1,000 levels, which its scanner can reach before the event check
            // sees the 201st): said as the loader says it.
            let message = problem.hasPrefix("Maximum nesting level reached") ? "nesting is too deep"
                : context.map { "\(problem) \($0.text)" } ?? problem
            self.init(message, line: mark.line, column: mark.column)
        case .reader(let problem, let offset, _, _):
            let (line, column) = Self.place(ofCharacter: offset ?? 0, in: text)
            self.init(problem, line: line, column: column)
        case .duplicatedKeysInMapping(let duplicates, let context):
            // Scalar keys are checked before (at the second place); these are collections.
            let keys = duplicates.filter { $0 != "<uncovertable>" }.map { " '\($0)'" }.joined(separator: ",")
            self.init("duplicate key\(keys) in a mapping", line: context.mark.line, column: context.mark.column)
        default:
            self.init("\(error)", line: 1, column: 1)
        }
    }

    /// The line and column of a character offset (Yams' reader errors give one).
    static func place(ofCharacter offset: Int, in text: String) -> (line: Int, column: Int) {
        var line = 1, column = 1
        for character in text.prefix(offset) {
            if character.isNewline { (line, column) = (line + 1, 1) } else { column += character.unicodeScalars.count }
        }
        return (line, column)
    }
}
