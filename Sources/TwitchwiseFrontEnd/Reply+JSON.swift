import TwitchwiseCore

extension Reply {
    /// The protocol's response object (spec/protocol.md), in its field order.
    public func json(id: JSON, session: String, explain includeExplain: Bool) -> JSON {
        var members: [JSON.Member] = [
            .init("id", id),
            .init("session", .string(session)),
            .init("kind", .string(kind.rawValue)),
            .init("intent", intent.map(JSON.string) ?? .null),
            .init("confidence", .number(Self.format(confidence))),
            .init("urgent", .bool(urgent)),
            .init("slots", .object(Self.members(slots))),
            .init("answer", .string(answer)),
            .init("sources", .array(sources.map {
                .object([.init("doc", .string($0.doc)), .init("title", .string($0.title)), .init("quote", .string($0.quote))])
            })),
            .init("suggestions", .array(suggestions.map(JSON.string))),
        ]
        if kind == .clarify { members.append(.init("candidates", .array(candidates.map(JSON.string)))) }
        if includeExplain { members.append(.init("explain", explain.json)) }
        return .object(members)
    }

    /// Slots in key order.
    static func members(_ slots: [String: String]) -> [JSON.Member] {
        var members = slots.map { JSON.Member($0.key, .string($0.value)) }
        if members.count > 1 { members.sort { $0.key < $1.key } }
        return members
    }

    /// A score for the protocol: in [0, 1], three decimals at most, no trailing zeros ("0.5", "1.0").
    static func format(_ value: Double) -> String {
        // Thousandths, 0...1000, as printf's "%.3f" rounds them; written digit by digit (a short string: no allocation).
        let scaled = DecimalText.rounded(value.isFinite && value > 0 ? min(1, value) : 0, times: 1000)
        var fraction = Int(scaled % 1000), digits = 3
        while digits > 1 && fraction % 10 == 0 { fraction /= 10; digits -= 1 }
        return String(unsafeUninitializedCapacity: 2 + digits) { out in
            out[0] = UInt8(ascii: "0") + UInt8(scaled / 1000)
            out[1] = UInt8(ascii: ".")
            for k in stride(from: digits - 1, through: 0, by: -1) {
                out[2 + k] = UInt8(ascii: "0") + UInt8(fraction % 10)
                fraction /= 10
            }
            return 2 + digits
        }
    }
}

extension Explanation {
    public var json: JSON {
        .object([
            .init("normalized", .string(normalized)),
            .init("corrections", .array(corrections.map { .object([.init("from", .string($0.from)), .init("to", .string($0.to))]) })),
            .init("terms", .array(terms.map {
                .object([.init("text", .string($0.text)), .init("concept", .string($0.concept)), .init("negated", .bool($0.negated))])
            })),
            .init("patterns", .array(patterns.map(JSON.string))),
            .init("slots", .object(slotSources.sorted { $0.key < $1.key }.map { .init($0.key, .string($0.value)) })),
            .init("red_flags", .array(redFlags.map(JSON.string))),
            .init("follow_up", .bool(followUp)),
            .init("top", .array(top.map {
                .object([.init("intent", .string($0.intent)), .init("score", .number(Reply.format($0.score))),
                         .init("evidence", .string($0.evidence))])
            })),
            .init("decision", .string(decision)),
        ])
    }
}
