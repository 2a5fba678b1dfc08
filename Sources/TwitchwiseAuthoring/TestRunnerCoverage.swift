import TwitchwiseCore
import TwitchwiseContentLoading

/// `twitchwise test --coverage`: the intents, responses and template branches
/// that no conversation reached. A branch (a `{{#slot}}` or `{{^slot}}`
/// section of a response variant) counts as reached when a reply rendered that
/// variant with slots for which the section's condition holds (and its
/// enclosing sections' conditions too).
public struct Coverage {
    public let engine: Engine
    public let source: ContentSource

    public init(engine: Engine, source: ContentSource) {
        self.engine = engine
        self.source = source
    }

    public struct Branch: Hashable, Sendable {
        public var intent: String
        public var variant: Int
        public var condition: SlotCondition
        public var location: SourceLocation
    }

    public struct Result: Sendable {
        public var unreachedIntents: [Intent]
        public var unrenderedResponses: [Response]
        public var unreachedBranches: [Branch]
        public var intentCount: Int
        public var responseCount: Int
        public var branchCount: Int
        public var kinds: [String: Int]
    }

    var content: Content { engine.content }

    func values(_ slots: [String: String]) -> Template.Values {
        let concepts = Dictionary(content.lexicon.concepts.map { ($0.id, $0.display) }, uniquingKeysWith: { a, _ in a })
        return Template.Values(slots: slots, display: { _, value in concepts[value] ?? value },
                               lists: ["documents": content.documents.map { ["id": $0.id, "title": $0.title] }])
    }

    static let lists: Set<String> = ["documents", "candidates"]

    /// Every branch of a template, with the conditions of the sections around it.
    static func branches(_ nodes: [Template.Node], intent: String, variant: Int) -> [Branch] {
        var found: [Branch] = []
        for case .section(let condition, let children, let location) in nodes {
            found.append(Branch(intent: intent, variant: variant, condition: condition, location: location))
            found += branches(children, intent: intent, variant: variant)
        }
        return found
    }

    /// The branches a rendering with these slots goes through.
    static func rendered(_ nodes: [Template.Node], slots: [String: String], intent: String, variant: Int) -> [Branch] {
        var found: [Branch] = []
        for case .section(let condition, let children, let location) in nodes {
            let holds = lists.contains(condition.slot) ? !condition.negated : condition.holds(in: slots)
            if holds {
                found.append(Branch(intent: intent, variant: variant, condition: condition, location: location))
                found += rendered(children, slots: slots, intent: intent, variant: variant)
            }
        }
        return found
    }

    /// The response intents a reply rendered, with the slots each was rendered with.
    func renderings(of reply: Reply) -> [(String, [String: String])] {
        var list: [(String, [String: String])] = []
        if reply.kind == .answer, let intent = reply.intent { list.append((intent, reply.slots)) }
        // An urgent answer carries the topic's answer after it.
        if reply.urgent, let range = reply.explain.decision.firstRange(of: "then answer: ") {
            let rest = reply.explain.decision[range.upperBound...]
            let topic = String(rest.prefix { !$0.isWhitespace })
            var slots = reply.slots
            slots["red_flag"] = nil
            if content.intent(topic) != nil, topic != reply.intent { list.append((topic, slots)) }
        }
        return list
    }

    public func compute(_ replies: [Reply]) -> Result {
        var reachedIntents = Set<String>()
        var renderedResponses = Set<String>()
        var reachedBranches = Set<Branch>()
        var kinds: [String: Int] = [:]
        for reply in replies {
            kinds[reply.kind.rawValue, default: 0] += 1
            if reply.urgent { kinds["urgent", default: 0] += 1 }
            if let intent = reply.intent { reachedIntents.insert(intent) }
            for (intent, slots) in renderings(of: reply) {
                guard let response = content.responses[intent] else { continue }
                renderedResponses.insert(intent)
                // Which variant: the one whose rendering the answer holds.
                var variants = response.variants.indices.filter {
                    let text = response.variants[$0].render(values(slots))
                    return !text.isEmpty && reply.answer.contains(text)
                }
                if variants.isEmpty { variants = Array(response.variants.indices) }
                for v in variants {
                    reachedBranches.formUnion(Self.rendered(response.variants[v].nodes, slots: slots, intent: intent, variant: v))
                }
            }
        }
        let responses = content.responses.values.sorted { $0.location < $1.location }
        let allBranches = responses.flatMap { r in
            r.variants.enumerated().flatMap { Self.branches($0.element.nodes, intent: r.intent, variant: $0.offset) }
        }
        return Result(unreachedIntents: content.intents.filter { !reachedIntents.contains($0.id) },
                      unrenderedResponses: responses.filter { !renderedResponses.contains($0.intent) },
                      unreachedBranches: allBranches.filter { !reachedBranches.contains($0) },
                      intentCount: content.intents.count, responseCount: responses.count, branchCount: allBranches.count,
                      kinds: kinds)
    }

    public func report(_ replies: [Reply]) -> String {
        let r = compute(replies)
        func place(_ l: SourceLocation) -> String { source.relocate(Diagnostic(.warning, "", at: l)).location.description }
        func figure(_ missing: Int, _ total: Int) -> String { "\(total - missing)/\(total)" }
        var out = "coverage: \(figure(r.unreachedIntents.count, r.intentCount)) intents, "
            + "\(figure(r.unrenderedResponses.count, r.responseCount)) responses, "
            + "\(figure(r.unreachedBranches.count, r.branchCount)) template branches reached\n"
        out += "replies: " + ["answer", "clarify", "fallback", "urgent"].map { "\(r.kinds[$0] ?? 0) \($0)" }.joined(separator: ", ") + "\n"
        if !r.unreachedIntents.isEmpty {
            out += "intents no conversation reached:\n"
            for i in r.unreachedIntents { out += "  \(place(i.location)): \(i.id) (\"\(i.question)\")\n" }
        }
        if !r.unrenderedResponses.isEmpty {
            out += "responses never rendered:\n"
            for x in r.unrenderedResponses { out += "  \(place(x.location)): \(x.intent)\n" }
        }
        if !r.unreachedBranches.isEmpty {
            out += "template branches never rendered:\n"
            for b in r.unreachedBranches {
                let d = b.condition.description
                let tag = b.condition.negated ? "{{^\(d.dropFirst())}}" : "{{#\(d)}}"
                let variants = content.responses[b.intent]?.variants.count ?? 1
                out += "  \(place(b.location)): \(tag) in \(b.intent)\(variants > 1 ? " (variant \(b.variant + 1))" : "")\n"
            }
        }
        return out
    }
}
