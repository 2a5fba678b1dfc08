/// The analyser's tables in the content snapshot, with the matcher's (see
/// Matcher+Snapshot.swift): every content word worked out (stems, numbers,
/// variants), the concept terms by first stem, and the correction targets.
/// What comes straight from the content (negators, past markers, concept
/// numbers) is derived again.
extension SnapshotWriter {
    mutating func write(_ a: Analyzer) {
        // Stems by number (the numbers run from 0 without a gap).
        write(a.stemIDs.keys)
        write(Array(zip(a.entryWords.keys, a.entries))) { w, pair in
            w.write(pair.0)
            w.write(pair.1.changed)
            w.write(Array(pair.1.forms)) { w, form in
                w.write(form.word)
                w.write(form.stem)
                w.write(Int(form.stemID))
                w.write(form.negator)
                w.write(form.pastMarkers) { w, x in w.write(x) }
            }
        }
        write(a.termIndex.firstStart)
        write(a.termIndex.restStart)
        write(a.termIndex.rests)
        write(a.termIndex.conceptStart)
        write(a.termIndex.concepts)
        write(a.correctionTargets.targets) { w, target in
            w.write(target.0)
            w.write(target.1)
            w.write(target.2)
        }
        write(a.clauseWords)
    }
}

extension Analyzer {
    /// The analyser `SnapshotWriter.write(_:)` wrote for `content`.
    init(_ content: Content, reading r: inout SnapshotReader) throws(SnapshotReader.Failure) {
        typealias Failure = SnapshotReader.Failure
        let lexicon = content.lexicon
        self.lexicon = lexicon
        self.negators = content.negators
        self.pastMarkers = content.pastMarkers
        self.pastMarkersByFirst = Self.firstWords(of: content.pastMarkers)
        self.conceptIndex = Self.conceptIndex(lexicon)

        let stems = try r.strings()
        let stemIDs = StringIndex(stems)
        guard !stemIDs.hasDuplicates else { throw r.failure("a stem twice") }
        self.stemIDs = stemIDs
        let markerCount = content.pastMarkers.count
        // Every entry's forms in one array; the entries take slices of it.
        var forms: [Form] = []
        let written = try r.list { (r) throws(Failure) in
            let word = try r.string()
            let changed = try r.bool()
            let start = forms.count
            for _ in 0..<(try r.count()) {
                let form = Form(word: try r.string(), stem: try r.string(), stemID: Int32(try r.int()), negator: try r.bool(),
                                pastMarkers: try r.list { (r) throws(Failure) in try r.int() })
                guard (-1..<stems.count).contains(Int(form.stemID)), form.pastMarkers.allSatisfy({ (0..<markerCount).contains($0) }) else {
                    throw r.failure("a word's stem or past marker out of range")
                }
                forms.append(form)
            }
            return (word, start..<forms.count, changed)
        }
        let entryWords = StringIndex(written.map(\.0))
        guard !entryWords.hasDuplicates else { throw r.failure("a word twice") }
        self.entryWords = entryWords
        self.entries = written.map { Entry(forms: forms[$0.1], changed: $0.2) }
        let conceptCount = lexicon.concepts.count
        let firstStart = try r.starts(count: stems.count, total: nil)
        let termCount = Int(firstStart[stems.count])
        let restStart = try r.starts(count: termCount, total: nil)
        let rests = try r.int32s(count: Int(restStart[termCount]), in: 0..<stems.count)
        let conceptStart = try r.starts(count: termCount, total: nil)
        let concepts = try r.int32s(count: Int(conceptStart[termCount]), in: 0..<conceptCount)
        self.termIndex = TermIndex(firstStart: firstStart, restStart: restStart, rests: rests, conceptStart: conceptStart,
                                   concepts: concepts)
        let targets = try r.list { (r) throws(Failure) in
            let target = (word: try r.string(), length: try r.int(), weight: try r.int())
            // A target's first letter picks its bucket: it has one.
            guard target.length >= 1, !target.word.unicodeScalars.isEmpty else { throw r.failure("an empty correction target") }
            return target
        }
        self.correctionTargets = LazyCorrectionIndex(targets)
        self.clauseWords = try r.stringSet()
    }
}
