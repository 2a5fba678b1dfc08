/// The triage content in the snapshot (see `ContentSnapshot` for the value forms).
extension SnapshotWriter {
    mutating func write(_ triage: Triage) {
        write(triage.variants.keys.sorted()) { w, key in w.write(key); w.write(triage.variants[key]!) }
        write(triage.cues) { w, cue in
            w.write(cue.kind.rawValue)
            w.write(cue.terms) { w, term in w.write(term) }
        }
        write(triage.features) { w, feature in
            w.write(feature.id)
            w.write(feature.terms) { w, term in w.write(term) }
            w.write(feature.unless) { w, term in w.write(term) }
            w.write(feature.needs)
            w.write(feature.needsSubject)
            w.write(feature.location)
        }
        write(triage.presentations) { w, p in
            w.write(p.id)
            w.write(p.level.rawValue)
            w.write(p.sign)
            w.write(p.patterns) { w, pattern in w.write(pattern) { w, group in w.write(group) } }
            w.write(p.exposure)
            w.write(p.location)
        }
    }

    /// A term word: 0 and a stem, 1 and a number range, or 2 for a gap.
    mutating func write(_ term: [TriageWord]) {
        write(term) { w, word in
            switch word {
            case .stem(let s): w.write(0); w.write(s)
            case .number(let low, let high): w.write(1); w.write(low); w.write(high)
            case .rising(let low, let high): w.write(4); w.write(low); w.write(high)
            case .gap: w.write(2)
            case .word(let s): w.write(3); w.write(s)
            }
        }
    }
}

extension SnapshotReader {
    mutating func triage() throws(Failure) -> Triage {
        var triage = Triage()
        for (key, value) in try list({ (r) throws(Failure) in (try r.string(), try r.strings()) }) { triage.variants[key] = value }
        triage.cues = try list { (r) throws(Failure) in
            let name = try r.string()
            guard let kind = ContextCue.Kind(rawValue: name) else { throw r.failure("unknown cue kind '\(name)'") }
            return ContextCue(kind: kind, terms: try r.list { (r) throws(Failure) in try r.triageTerm() })
        }
        triage.features = try list { (r) throws(Failure) in
            TriageFeature(id: try r.string(), terms: try r.list { (r) throws(Failure) in try r.triageTerm() },
                          unless: try r.list { (r) throws(Failure) in try r.triageTerm() }, needs: try r.strings(), needsSubject: try r.bool(),
                          location: try r.location())
        }
        triage.presentations = try list { (r) throws(Failure) in
            let id = try r.string(), levelName = try r.string()
            guard let level = Presentation.Level(rawValue: levelName) else { throw r.failure("unknown level '\(levelName)'") }
            return Presentation(id: id, level: level, sign: try r.string(),
                                patterns: try r.list { (r) throws(Failure) in try r.list { (r) throws(Failure) in try r.strings() } },
                                exposure: try r.strings(), location: try r.location())
        }
        return triage
    }

    mutating func triageTerm() throws(Failure) -> [TriageWord] {
        try list { (r) throws(Failure) in
            switch try r.int() {
            case 0: return .stem(try r.string())
            case 1: return .number(low: try r.double(), high: try r.double())
            case 2: return .gap
            case 3: return .word(try r.string())
            case 4: return .rising(low: try r.double(), high: try r.double())
            case let other: throw r.failure("unknown term word kind \(other)")
            }
        }
    }
}
