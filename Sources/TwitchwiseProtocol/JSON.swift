/// A JSON value that keeps numbers as written, so an `id` is echoed unchanged,
/// and objects in their order.
/// Not `indirect`: arrays already hold nested values out of line, so a value is never boxed.
public enum JSON: Sendable, Equatable {
    case null
    case bool(Bool)
    /// The number's own text, e.g. `7`, `-1.5e3`.
    case number(String)
    case string(String)
    case array([JSON])
    case object([Member])

    public struct Member: Sendable, Equatable {
        public var key: String
        public var value: JSON
        public init(_ key: String, _ value: JSON) {
            self.key = key
            self.value = value
        }
    }

    public subscript(key: String) -> JSON? {
        guard case .object(let members) = self else { return nil }
        return members.last { $0.key == key }?.value
    }

    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}
