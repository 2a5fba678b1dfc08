import TwitchwiseCore
import Yams

import Yams

/// The YAML of a content file: Yams' tree (`Yams.Node`, every node with its line and
/// column), after a pass over libyaml's events has refused what a content file never
/// needs and what could make composing it unbounded.
public enum YAMLDocument {
    /// How many collections may nest: deeper is an error, not a deep recursion in the
    /// composer.
    public static let maximumDepth = 200

    /// The document of a text; nil when the text holds none (empty, or only comments and
    /// blank lines).
    public static func compose(_ text: String) throws(YAMLError) -> Node? {
        if let refusal = YAMLEventCheck.firstRefusal(in: text) { throw refusal }
        do {
            // `.basic`: no type is resolved, every scalar is its text.
            return try Yams.compose(yaml: text, .basic)
        } catch let error as YamlError {
            throw YAMLError(error, in: text)
        } catch {
            throw YAMLError("\(error)", line: 1, column: 1)
        }
    }
}
