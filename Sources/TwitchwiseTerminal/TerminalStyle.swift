/// ANSI text styles, or nothing at all when colour is off.
public struct TerminalStyle: Sendable, Equatable {
    public enum Role: Sendable {
        case heading, urgent, dim, label, prompt, error
    }

    public let colors: Bool

    public init(colors: Bool) { self.colors = colors }

    public static let plain = TerminalStyle(colors: false)

    static func code(_ role: Role) -> String {
        switch role {
        case .heading: return "\u{1B}[1m"
        case .urgent: return "\u{1B}[1;31m"
        case .dim: return "\u{1B}[2m"
        case .label: return "\u{1B}[36m"
        case .prompt: return "\u{1B}[1;36m"
        case .error: return "\u{1B}[33m"
        }
    }

    static let reset = "\u{1B}[0m"

    /// `text` in the style of `role`; unchanged when colour is off. Apply it
    /// to whole, already wrapped lines: the codes take no columns.
    public func apply(_ role: Role, _ text: String) -> String {
        guard colors, !text.isEmpty else { return text }
        return Self.code(role) + text + Self.reset
    }

    /// A readline prompt: the codes wrapped in \u{1}...\u{2} so readline knows
    /// they take no room.
    public func prompt(_ text: String) -> String {
        guard colors else { return text }
        return "\u{1}" + Self.code(.prompt) + "\u{2}" + text + "\u{1}" + Self.reset + "\u{2}"
    }
}
