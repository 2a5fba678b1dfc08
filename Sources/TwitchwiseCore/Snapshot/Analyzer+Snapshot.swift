/// The analyser's tables in the content snapshot, with the matcher's (see
/// Matcher+Snapshot.swift): every content word worked out (stems, numbers,
/// variants), the concept terms by first stem, and the correction targets.
/// What comes straight from the content (negators, past markers, concept
/// numbers) is derived again.
extension SnapshotWriter {
    mutating func write(_ a: Analyzer) {
        // Stems by number (the numbers run from 0 without a gap).
        write(a.stemIDs.keys)
        // The word table in columns of numbers (start-up, issue 8: read in a few tight loops
        // rather than field by field): the words, whether each is changed, where each one's forms
        // start; then per form its word, stem, stem number, negator flag and past markers.
        let forms = a.entryForms
        write(a.entryWords.keys)
        write(a.entryChanged.map { Int32($0 ? 1 : 0) })
        write(a.entryFormStart)
        write(forms.map(\.word))
        write(forms.map(\.stem))
        write(forms.map(\.stemID))
        write(forms.map { Int32($0.negator ? 1 : 0) })
        write(Self.starts(forms.map(\.pastMarkers.count)))
        write(forms.flatMap(\.pastMarkers).map { Int32($0) })
        write(a.termIndex.firstStart)
        write(a.termIndex.restStart)
        write(a.termIndex.rests)
        write(a.termIndex.conceptStart)
        write(a.termIndex.concepts)
        write(a.correctionTargets.targets.map(\.word))
        write(a.correctionTargets.targets.map { Int32($0.length) })
        write(a.correctionTargets.targets.map { Int32($0.weight) })
        write(a.clauseWordList)
    }

    /// Where each run of `counts` starts in their concatenation, and where the last ends.
    static func starts(_ counts: [Int]) -> [Int32] {
        var starts: [Int32] = [0]
        for count in counts { starts.append(starts[starts.count - 1] + Int32(count)) }
        return starts
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
        // Every word's forms in one array.
        let words = try r.strings()
        let entryWords = StringIndex(words)
        guard !entryWords.hasDuplicates else { throw r.failure("a word twice") }
        let changed = try r.int32s(count: words.count, in: 0..<2)
        let formStart = try r.starts(count: words.count, total: nil)
        let formCount = Int(formStart[words.count])
        let formWords = try r.strings()
        let formStems = try r.strings()
        guard formWords.count == formCount, formStems.count == formCount else { throw r.failure("a word's forms out of range") }
        let formStemIDs = try r.int32s(count: formCount, in: -1..<stems.count)
        let negators = try r.int32s(count: formCount, in: 0..<2)
        let pastStart = try r.starts(count: formCount, total: nil)
        let past = try r.int32s(count: Int(pastStart[formCount]), in: 0..<markerCount)
        var forms: [Form] = []
        forms.reserveCapacity(formCount)
        for k in 0..<formCount {
            let markers = Int(pastStart[k])..<Int(pastStart[k + 1])
            forms.append(Form(word: formWords[k], stem: formStems[k], stemID: formStemIDs[k], negator: negators[k] == 1,
                              pastMarkers: markers.isEmpty ? [] : past[markers].map { Int($0) }))
        }
        self.entryWords = entryWords
        (self.entryForms, self.entryFormStart, self.entryChanged) = (forms, formStart, changed.map { $0 == 1 })
        let conceptCount = lexicon.concepts.count
        let firstStart = try r.starts(count: stems.count, total: nil)
        let termCount = Int(firstStart[stems.count])
        let restStart = try r.starts(count: termCount, total: nil)
        let rests = try r.int32s(count: Int(restStart[termCount]), in: 0..<stems.count)
        let conceptStart = try r.starts(count: termCount, total: nil)
        let concepts = try r.int32s(count: Int(conceptStart[termCount]), in: 0..<conceptCount)
        self.termIndex = TermIndex(firstStart: firstStart, restStart: restStart, rests: rests, conceptStart: conceptStart,
                                   concepts: concepts)
        let targetWords = try r.strings()
        // A target's first letter picks its bucket: it has one.
        let lengths = try r.int32s(count: targetWords.count, in: 1..<Int(Int32.max))
        let weights = try r.int32s(count: targetWords.count, in: Int(Int32.min)..<Int(Int32.max))
        guard targetWords.allSatisfy({ !$0.isEmpty }) else { throw r.failure("an empty correction target") }
        self.correctionTargets = LazyCorrectionIndex((0..<targetWords.count).map { (targetWords[$0], Int(lengths[$0]), Int(weights[$0])) })
        self.clauseWordList = try r.strings()
    }
}
