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

    enum Key: Hashable, Sendable {
        case name(String)
        case digest(UInt64, UInt64)

        init(_ name: String) {
            let bytes = name.utf8
            guard bytes.count > SessionStore.maxNameBytes else { self = .name(name); return }
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

    public mutating func state(for session: String) -> SessionState {
        states[Key(session)]?.state ?? SessionState()
    }

    public mutating func save(_ state: SessionState, for session: String) {
        clock += 1
        states[Key(session)] = (state, clock)
        if states.count > capacity { evict() }
    }

    public mutating func reset(_ session: String) { states[Key(session)] = nil }

    /// Drops the least recently used tenth (at least one), so eviction is rare and cheap on average.
    private mutating func evict() {
        let drop = max(1, capacity / 10)
        let oldest = states.sorted { $0.value.used < $1.value.used }.prefix(drop).map(\.key)
        for key in oldest { states[key] = nil }
    }
}
