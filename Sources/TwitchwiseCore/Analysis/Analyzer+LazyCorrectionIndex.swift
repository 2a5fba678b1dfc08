import Synchronization

extension Analyzer {
    /// The correction targets, and their `CorrectionIndex` built the first time a word needs
    /// correcting (start-up, issue 8): most messages have no unknown word, and building the index
    /// is a tenth of what reading the engine from the snapshot costs.
    final class LazyCorrectionIndex: Sendable {
        /// By rank (length in characters, then alphabetical), as `CorrectionIndex.init` takes them.
        let targets: [(word: String, length: Int, weight: Int)]
        private let built = Mutex<CorrectionIndex?>(nil)

        init(_ targets: [(word: String, length: Int, weight: Int)]) { self.targets = targets }

        var index: CorrectionIndex {
            built.withLock { built in
                if let index = built { return index }
                let index = CorrectionIndex(targets)
                built = index
                return index
            }
        }
    }
}
