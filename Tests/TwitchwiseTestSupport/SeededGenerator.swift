/// A small seeded generator for the tests that compare a fast path with a plain one on many
/// made-up inputs, so that a failure can be replayed.
public struct SeededGenerator {
    public var state: UInt64

    public init(state: UInt64) { self.state = state }

    /// A number in `0..<bound`.
    public mutating func next(_ bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(bound))
    }

    public mutating func pick<T>(_ items: [T]) -> T { items[next(items.count)] }

    /// Up to `length - 1` pieces of `alphabet`, joined.
    public mutating func text(from alphabet: [String], length: Int) -> String {
        (0..<next(length)).map { _ in alphabet[next(alphabet.count)] }.joined()
    }
}
