import TwitchwiseCore

extension Reply {
    /// Writes the protocol's response object (spec/protocol.md), in its field order, straight
    /// from the reply: no JSON tree is built for it.
    public func write(id: JSON, session: String, explain includeExplain: Bool, into out: inout JSONWriter) {
        out.beginObject()
        out.key("id")
        out.value(id)
        out.key("session")
        out.string(session)
        out.key("kind")
        out.string(kind.rawValue)
        out.key("intent")
        out.string(orNull: intent)
        out.key("confidence")
        out.number(Self.format(confidence))
        out.key("urgent")
        out.bool(urgent)
        out.key("slots")
        Self.write(slots, into: &out)
        out.key("answer")
        out.string(answer)
        out.key("sources")
        out.beginArray()
        for source in sources {
            out.beginObject()
            out.key("doc")
            out.string(source.doc)
            out.key("title")
            out.string(source.title)
            out.key("quote")
            out.string(source.quote)
            out.endObject()
        }
        out.endArray()
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
        out.endObject()
    }

    /// Slots as an object, in key order.
    static func write(_ slots: [String: String], into out: inout JSONWriter) {
        out.beginObject()
        if slots.count == 1, let (key, value) = slots.first {
            out.key(key)
            out.string(value)
        } else {
            for (key, value) in slots.sorted(by: { $0.key < $1.key }) {
                out.key(key)
                out.string(value)
            }
        }
        out.endObject()
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
    /// Writes the response's `explain` object.
    public func write(into out: inout JSONWriter) {
        out.beginObject()
        out.key("normalized")
        out.string(normalized)
        out.key("corrections")
        out.beginArray()
        for correction in corrections {
            out.beginObject()
            out.key("from")
            out.string(correction.from)
            out.key("to")
            out.string(correction.to)
            out.endObject()
        }
        out.endArray()
        out.key("terms")
        out.beginArray()
        for term in terms {
            out.beginObject()
            out.key("text")
            out.string(term.text)
            out.key("concept")
            out.string(term.concept)
            out.key("negated")
            out.bool(term.negated)
            out.endObject()
        }
        out.endArray()
        out.key("patterns")
        out.strings(patterns)
        out.key("slots")
        Reply.write(slotSources, into: &out)
        out.key("red_flags")
        out.strings(redFlags)
        out.key("follow_up")
        out.bool(followUp)
        out.key("top")
        out.beginArray()
        for score in top {
            out.beginObject()
            out.key("intent")
            out.string(score.intent)
            out.key("score")
            out.number(Reply.format(score.score))
            out.key("evidence")
            out.string(score.evidence)
            out.endObject()
        }
        out.endArray()
        out.key("decision")
        out.string(decision)
        out.endObject()
    }
}
