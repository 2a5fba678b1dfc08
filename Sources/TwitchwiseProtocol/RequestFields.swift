import TwitchwiseCore

/// The fields a request may have (docs/protocol.md). Any other field is ignored, and named in
/// the reply's `warnings` so that a misspelling (`"sesion"`, `"explian"`) does not go unseen.
enum RequestFields {
    static let known = ["id", "session", "text", "command", "explain"]

    /// One warning per unknown field, in the order of the request, each field once.
    static func warnings(_ members: [JSON.Member]) -> [String] {
        var seen: Set<String> = []
        var warnings: [String] = []
        for member in members where !known.contains(member.key) && seen.insert(member.key).inserted {
            let guess = DidYouMean.closest(to: member.key, among: known).map { "; did you mean '\($0)'?" } ?? ""
            warnings.append("unknown field '\(member.key)' ignored\(guess)")
        }
        return warnings
    }

    /// `response` with `warnings` as its last member, when there are any.
    static func adding(_ warnings: [String], to response: JSON) -> JSON {
        guard !warnings.isEmpty, case .object(let members) = response else { return response }
        return .object(members + [.init("warnings", .array(warnings.map(JSON.string)))])
    }
}
