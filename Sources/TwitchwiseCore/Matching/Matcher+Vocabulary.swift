extension Matcher {
    public func slot(ofConcept id: String) -> String? { slotByConcept[id] }

    /// Whether the message has a feature some intent knows, leaving out stop words and the concept `ignoring`.
    public func hasKnownFeature(_ analysis: Analysis, ignoring: String? = nil) -> Bool {
        for match in analysis.concepts where match.concept != ignoring && conceptFeature[Int(match.conceptIndex)] >= 0 { return true }
        for token in analysis.tokens where !token.covered && token.stemID >= 0 {
            if stemFeature[Int(token.stemID)] >= 0 && !stopStem[Int(token.stemID)] { return true }
        }
        return false
    }

    /// How many content words of the message no intent knows.
    public func unknownWordCount(_ analysis: Analysis) -> Int {
        var count = 0
        for t in analysis.tokens where !t.covered {
            if t.stemID >= 0 && (stemFeature[Int(t.stemID)] >= 0 || stopStem[Int(t.stemID)]) { continue }
            if t.word.allSatisfy(\.isLetter) { count += 1 }
        }
        return count
    }

    /// Feature names of a text as a message would give them (for context carried from an intent's question).
    public func features(of text: String) -> [String] { Self.featureNames(analyzer.analyze(text)) }

    /// `features(of:)` of the intent's question, from the tables (none for an unknown intent).
    func questionFeatures(of intent: String) -> [String] {
        intentIndex[intent].map { questionFeatureIDs[Int($0)].map { featureNameList[Int($0)] } } ?? []
    }
}
