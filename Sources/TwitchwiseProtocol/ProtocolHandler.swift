import TwitchwiseCore

/// Turns one request line into one response line (docs/protocol.md). No I/O:
/// the server, the tests, the fuzzer and the benchmarks all drive this.
public struct ProtocolHandler: Sendable {
    public static let version = "0.1.0"
    public static let protocolVersion = 1
    /// Longest accepted line in bytes, without its newline.
    public static let maxLineBytes = 65_536
    public static let commands = ["reset", "version", "intents", "ping"]
    /// EF BB BF: skipped at the start of a line.
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    public let engine: Engine
    public private(set) var sessions: SessionStore

    public init(engine: Engine, sessionCapacity: Int = 10_000) {
        self.engine = engine
        self.sessions = SessionStore(capacity: sessionCapacity)
    }

    public enum ErrorCode: String, Sendable {
        case invalidJSON = "invalid_json"
        case invalidRequest = "invalid_request"
        case tooLong = "too_long"
        case invalidUTF8 = "invalid_utf8"
        case unknownCommand = "unknown_command"
    }

    static func error(_ code: ErrorCode, _ message: String, id: JSON = .null) -> JSON {
        .object([.init("id", id), .init("error", .object([.init("code", .string(code.rawValue)), .init("message", .string(message))]))])
    }

    /// The `id` of a request, when it is one the protocol allows.
    static func readableID(_ members: [JSON.Member]) -> JSON {
        guard let id = members.last(where: { $0.key == "id" })?.value else { return .null }
        switch id {
        case .string, .number, .null: return id
        default: return .null
        }
    }

    /// Answers one line: writes the response line, without its newline, at the end of `out`.
    /// `truncated` says the line was longer than `maxLineBytes` and `line` holds only its beginning.
    public mutating func respond(to line: [UInt8], truncated: Bool = false, into out: inout JSONWriter) {
        switch response(to: line, truncated: truncated) {
        case .reply(let reply, let id, let session, let explain, let warnings):
            reply.write(id: id, session: session, explain: explain, warnings: warnings, into: &out)
        case .other(let response):
            out.value(response)
        }
    }

    /// The response to one line as a JSON value: the line `respond(to:truncated:into:)` writes, read back.
    public mutating func handle(line: [UInt8], truncated: Bool = false) -> JSON {
        var out = JSONWriter()
        respond(to: line, truncated: truncated, into: &out)
        do { return try JSONParser.parse(out.bytes) } catch {
            preconditionFailure("the response is not JSON (\(error)): \(String(decoding: out.bytes, as: UTF8.self))")
        }
    }

    /// A response: a reply to a message, written from the reply itself, or a small value (an
    /// error, a command's result).
    private enum Response {
        case reply(Reply, id: JSON, session: String, explain: Bool, warnings: [String])
        case other(JSON)
    }

    private mutating func response(to line: [UInt8], truncated: Bool) -> Response {
        if truncated {
            let id = Self.readableID(JSONParser.leadingMembers(line))
            return .other(Self.error(.tooLong, "the line is longer than \(Self.maxLineBytes) bytes", id: id))
        }
        // A UTF-8 byte-order mark, as some tools write at the start of a file, is not part of the JSON.
        let line = line.starts(with: Self.byteOrderMark) ? Array(line.dropFirst(Self.byteOrderMark.count)) : line
        guard let text = String(validating: line, as: UTF8.self) else {
            let id = (try? JSONParser.parse(Array(String(decoding: line, as: UTF8.self).utf8))).map {
                if case .object(let m) = $0 { return Self.readableID(m) } else { return JSON.null }
            } ?? Self.readableID(JSONParser.leadingMembers(line))
            return .other(Self.error(.invalidUTF8, "the line is not valid UTF-8", id: id))
        }
        let value: JSON
        do { value = try JSONParser.parse(Array(text.utf8)) } catch {
            let id = Self.readableID(JSONParser.leadingMembers(line))
            return .other(Self.error(.invalidJSON, error.description, id: id))
        }
        guard case .object(let members) = value else {
            return .other(Self.error(.invalidRequest, "a request must be a JSON object, not \(value.typeName)"))
        }
        let warnings = RequestFields.warnings(members)
        func withWarnings(_ response: JSON) -> Response { .other(RequestFields.adding(warnings, to: response)) }
        if let id = members.last(where: { $0.key == "id" })?.value {
            switch id {
            case .string, .number, .null: break
            default: return withWarnings(Self.error(.invalidRequest, "'id' must be a string, a number or null, not \(id.typeName)"))
            }
        }
        let id = Self.readableID(members)
        var session = "default"
        switch value["session"] {
        case nil: break
        case .string(let s)?: session = s
        case let other?: return withWarnings(Self.error(.invalidRequest, "'session' must be a string, not \(other.typeName)", id: id))
        }
        var explain = false
        switch value["explain"] {
        case nil, .null?: break
        case .bool(let b)?: explain = b
        case let other?: return withWarnings(Self.error(.invalidRequest, "'explain' must be true or false, not \(other.typeName)", id: id))
        }
        switch (value["text"], value["command"]) {
        case (.string(let text)?, nil):
            let engine = self.engine
            let reply = sessions.update(session) { state in engine.respond(to: text, state: &state, explaining: explain) }
            return .reply(reply, id: id, session: session, explain: explain, warnings: warnings)
        case (nil, .string(let command)?):
            return withWarnings(run(command, id: id, session: session))
        case (nil, nil):
            return withWarnings(Self.error(.invalidRequest, "a request needs 'text' (a message) or 'command'", id: id))
        case (.some, .some):
            return withWarnings(Self.error(.invalidRequest, "a request has either 'text' or 'command', not both", id: id))
        case (let text?, nil):
            return withWarnings(Self.error(.invalidRequest, "'text' must be a string, not \(text.typeName)", id: id))
        case (nil, let command?):
            return withWarnings(Self.error(.invalidRequest, "'command' must be a string, not \(command.typeName)", id: id))
        }
    }

    private mutating func run(_ command: String, id: JSON, session: String) -> JSON {
        let head: [JSON.Member] = [.init("id", id), .init("session", .string(session)), .init("command", .string(command))]
        switch command {
        case "ping":
            return .object(head + [.init("ok", .bool(true))])
        case "reset":
            sessions.reset(session)
            return .object(head + [.init("ok", .bool(true))])
        case "version":
            return .object(head + [.init("ok", .bool(true)), .init("version", .string(Self.version)),
                                   .init("protocol", .number(String(Self.protocolVersion)))])
        case "intents":
            let list = engine.content.intents.map {
                JSON.object([.init("id", .string($0.id)), .init("description", .string($0.description))])
            }
            return .object(head + [.init("ok", .bool(true)), .init("intents", .array(list))])
        default:
            return Self.error(.unknownCommand,
                              "unknown command '\(command)'; commands: \(Self.commands.joined(separator: ", "))", id: id)
        }
    }
}
