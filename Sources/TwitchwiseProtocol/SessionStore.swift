import TwitchwiseCore

/// Conversation states by session name, bounded: past `capacity` live
/// sessions the least recently used are forgotten.
public struct SessionStore: Sendable {
    public let capacity: Int
    private var states: [Key: (state: SessionState, used: UInt64)] = [:]
    private var clock: UInt64 = 0

    /// Names longer than this many bytes are kept as a 128-bit digest, so that
    /// a live session holds at most this much of its name, whatever was sent.
    public static let maxNameBytes = 256

    /// A session's name as its UTF-8 bytes, never as a `String`: `String ==` compares by
    /// canonical equivalence, so `café` precomposed and decomposed, or U+2126 OHM SIGN and
    /// U+03A9 OMEGA, would be one session (issue 22). Short names and digests alike are bytes.
    enum Key: Hashable, Sendable {
        case name([UInt8])
        case digest(UInt64, UInt64)

        init(_ name: String) {
            let bytes = name.utf8
            guard bytes.count > SessionStore.maxNameBytes else { self = .name(Array(bytes)); return }
            // Two independent 64-bit hashes (FNV-1a, and a multiply-xorshift one).
            var a: UInt64 = 0xcbf2_9ce4_8422_2325
            var b: UInt64 = 0x9e37_79b9_7f4a_7c15 ^ UInt64(bytes.count)
            for byte in bytes {
                a = (a ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
                b = (b &+ UInt64(byte)) &* 0xbf58_476d_1ce4_e5b9
                b ^= b >> 31
            }
            self = .digest(a, b)
        }
    }

    public init(capacity: Int = 10_000) { self.capacity = max(1, capacity) }

    public var count: Int { states.count }

    /// Runs `body` on the session's state (a new one for a session not seen yet) and keeps what
    /// it leaves there, in one look-up.
    public mutating func update<Result>(_ session: String, _ body: (inout SessionState) -> Result) -> Result {
        clock += 1
        let result = Self.visit(&states[Key(session), default: (SessionState(), 0)], clock: clock, body)
        if states.count > capacity { evict() }
        return result
    }

    private static func visit<Result>(_ entry: inout (state: SessionState, used: UInt64), clock: UInt64,
                                      _ body: (inout SessionState) -> Result) -> Result {
        entry.used = clock
        return body(&entry.state)
    }

    public mutating func reset(_ session: String) { states[Key(session)] = nil }

    /// Drops the least recently used tenth (at least one), so eviction is rare and cheap on average.
    private mutating func evict() {
        let drop = max(1, capacity / 10)
        let oldest = states.sorted { $0.value.used < $1.value.used }.prefix(drop).map(\.key)
        for key in oldest { states[key] = nil }
    }
}
