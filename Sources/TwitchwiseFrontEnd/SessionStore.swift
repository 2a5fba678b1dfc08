import TwitchwiseCore

/// Conversation states by session name, bounded: past `capacity` live
/// sessions the least recently used are forgotten.
public struct SessionStore: Sendable {
    public let capacity: Int
    private var states: [String: (state: SessionState, used: UInt64)] = [:]
    private var clock: UInt64 = 0

    public init(capacity: Int = 10_000) { self.capacity = max(1, capacity) }

    public var count: Int { states.count }

    public mutating func state(for session: String) -> SessionState {
        states[session]?.state ?? SessionState()
    }

    public mutating func save(_ state: SessionState, for session: String) {
        clock += 1
        states[session] = (state, clock)
        if states.count > capacity { evict() }
    }

    public mutating func reset(_ session: String) { states[session] = nil }

    /// Drops the least recently used tenth (at least one), so eviction is rare and cheap on average.
    private mutating func evict() {
        let drop = max(1, capacity / 10)
        let oldest = states.sorted { $0.value.used < $1.value.used }.prefix(drop).map(\.key)
        for key in oldest { states[key] = nil }
    }
}
