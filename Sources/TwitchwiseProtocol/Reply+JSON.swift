import TwitchwiseCore

extension Reply {
    /// Writes the protocol's response object (docs/protocol.md), in its field order, straight
    /// from the reply: no JSON tree is built for it. `warnings` name the request's unknown fields.
    public func write(id: JSON, session: String, explain includeExplain: Bool, warnings: [String] = [],
                      into out: inout JSONWriter) {
        out.beginObject()
        out.key("id")
        out.value(id)
        out.member("session", session)
        out.member("kind", kind.rawValue)
        out.member("intent", intent)
        out.member("confidence", number: Self.format(confidence))
        out.member("urgent", urgent)
        out.key("slots")
        Self.write(slots, into: &out)
        out.member("answer", answer)
        if !guidance.isEmpty { out.member("guidance", guidance) }
        out.key("sources")
        out.objects(sources) { out, source in
            out.member("doc", source.doc)
            out.member("title", source.title)
            out.member("quote", source.quote)
        }
        out.key("suggestions")
        out.strings(suggestions)
        if kind == .clarify {
            out.key("candidates")
            out.strings(candidates)
        }
        if includeExplain {
            out.key("explain")
            explain.write(into: &out)
        }
        if !warnings.isEmpty {
            out.key("warnings")
            out.strings(warnings)
        }
        out.endObject()
    }

    /// Slots as an object, in key order.
    static func write(_ slots: [String: String], into out: inout JSONWriter) {
        out.beginObject()
        // One slot (the most common) needs no sorting, and so no array.
        if slots.count == 1, let (key, value) = slots.first {
            out.member(key, value)
        } else {
            for (key, value) in slots.sorted(by: { $0.key < $1.key }) { out.member(key, value) }
        }
        out.endObject()
    }

    /// A score for the protocol: in [0, 1], three decimals at most, no trailing zeros ("0.5", "1.0").
    public static func format(_ value: Double) -> String {
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
    /// Writes the response's `explain` object.
    public func write(into out: inout JSONWriter) {
        out.beginObject()
        out.member("normalized", normalized)
        out.key("corrections")
        out.objects(corrections) { out, correction in
            out.member("from", correction.from)
            out.member("to", correction.to)
        }
        out.key("terms")
        out.objects(terms) { out, term in
            out.member("text", term.text)
            out.member("concept", term.concept)
            out.member("negated", term.negated)
        }
        out.key("patterns")
        out.strings(patterns)
        out.key("slots")
        Reply.write(slotSources, into: &out)
        out.key("red_flags")
        out.strings(redFlags)
        if !triage.isEmpty {
            out.key("triage")
            out.strings(triage)
        }
        if !reading.isEmpty {
            out.key("reading")
            out.strings(reading)
        }
        out.member("follow_up", followUp)
        out.key("top")
        out.objects(top) { out, score in
            out.member("intent", score.intent)
            out.member("score", number: Reply.format(score.score))
            out.member("evidence", score.evidence)
        }
        out.member("decision", decision)
        out.endObject()
    }
}
