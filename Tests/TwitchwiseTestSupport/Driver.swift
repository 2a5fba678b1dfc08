import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TwitchwiseProtocol

/// Drives the built `twitchwise` binary over pipes.
public enum Driver {
    /// The package root: this file is Tests/TwitchwiseTestSupport/Driver.swift.
    public static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `.build/debug/twitchwise`, or `TWITCHWISE_BINARY` when set.
    public static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["TWITCHWISE_BINARY"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        return packageRoot.appendingPathComponent(".build/debug/twitchwise")
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public struct Result: Sendable {
        public var status: Int32
        public var exited: Bool  // false: killed by a signal
        public var stdout: [UInt8]
        public var stderr: [UInt8]

        public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
        public var stderrText: String { String(decoding: stderr, as: UTF8.self) }

        /// Output lines, without their `\n`; fails the split if the last one has none.
        public var lines: [String] {
            var text = stdoutText
            if text.hasSuffix("\n") { text.removeLast() }
            return text.isEmpty ? [] : text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        }
    }

    /// Collects bytes on another thread.
    public final class Sink: @unchecked Sendable {
        private let lock = NSLock()
        private var bytes: [UInt8] = []
        private let done = DispatchSemaphore(value: 0)

        public init() {}

        public func drain(_ handle: FileHandle) {
            let thread = Thread { [self] in
                while true {
                    let chunk = handle.availableData
                    if chunk.isEmpty { break }
                    lock.lock()
                    bytes += chunk
                    lock.unlock()
                }
                done.signal()
            }
            thread.start()
        }

        public func wait(timeout: Double) -> Bool { done.wait(timeout: .now() + timeout) == .success }

        public var value: [UInt8] {
            lock.lock()
            defer { lock.unlock() }
            return bytes
        }
    }

    public static let ignoreSIGPIPE: Void = { signal(SIGPIPE, SIG_IGN) }()

    /// Runs the binary with `input` on stdin, reading all output, within `timeout` seconds.
    /// `closeStdout`: close the reading end at once (a reader that went away).
    /// `executable`: another program to run instead (`/bin/sh` for a redirection).
    public static func run(_ arguments: [String], input: [UInt8], timeout: Double = 60, closeStdout: Bool = false,
                    environment: [String: String]? = nil, executable: URL? = nil) throws -> Result {
        _ = ignoreSIGPIPE
        let process = Process()
        process.executableURL = executable ?? binary
        process.arguments = arguments
        if let environment { process.environment = environment }
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        try process.run()

        let out = Sink(), err = Sink()
        if closeStdout {
            try? stdout.fileHandleForReading.close()
        } else {
            out.drain(stdout.fileHandleForReading)
        }
        err.drain(stderr.fileHandleForReading)
        let writer = Thread {
            let fd = stdin.fileHandleForWriting.fileDescriptor
            var offset = 0
            while offset < input.count {
                let n = input.withUnsafeBytes { write(fd, $0.baseAddress! + offset, input.count - offset) }
                if n > 0 { offset += n } else if n < 0 && errno == EINTR { continue } else { break }
            }
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()

        if exited.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            _ = exited.wait(timeout: .now() + 5)
            throw Failure(description: "twitchwise \(arguments.joined(separator: " ")) did not finish within \(timeout) s")
        }
        guard (closeStdout || out.wait(timeout: 10)) && err.wait(timeout: 10) else {
            throw Failure(description: "output pipes were not closed after the process ended")
        }
        return Result(status: process.terminationStatus, exited: process.terminationReason == .exit,
                      stdout: closeStdout ? [] : out.value, stderr: err.value)
    }

    public static func run(_ arguments: [String], lines: [String], timeout: Double = 60) throws -> Result {
        try run(arguments, input: Array(lines.map { $0 + "\n" }.joined().utf8), timeout: timeout)
    }

    /// Sends `--json` the lines; returns one parsed reply per output line and the raw lines.
    public static func json(_ requests: [String], arguments: [String] = [], timeout: Double = 60) throws -> (Result, [JSON]) {
        let result = try run(["--json"] + arguments, lines: requests, timeout: timeout)
        return (result, try result.lines.map(parse))
    }

    /// A reply line parsed strictly: one JSON object on one line.
    public static func parse(_ line: String) throws -> JSON {
        let value = try JSONParser.parse(line)
        guard case .object = value else { throw Failure(description: "not a JSON object: \(line)") }
        return value
    }
}

extension JSON {
    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    public var numberText: String? {
        if case .number(let n) = self { return n }
        return nil
    }

    public var objectMembers: [JSON.Member]? {
        if case .object(let m) = self { return m }
        return nil
    }

    public var arrayItems: [JSON]? {
        if case .array(let a) = self { return a }
        return nil
    }

    public var keys: [String] { objectMembers?.map(\.key) ?? [] }

    /// `error.code`, when the reply is an error.
    public var errorCode: String? { self["error"]?["code"]?.stringValue }
}

/// A copy of the default content in a temporary folder, to break on purpose.
public struct ContentCopy: ~Copyable {
    public let root: URL

    public init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("twitchwise-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for folder in ["Intents", "Responses", "Documents"] {
            try FileManager.default.copyItem(at: Driver.packageRoot.appendingPathComponent(folder),
                                             to: root.appendingPathComponent(folder))
        }
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    public func read(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    public func write(_ path: String, _ text: String) throws {
        try text.write(to: root.appendingPathComponent(path), atomically: true, encoding: .utf8)
    }

    /// Replaces the first occurrence of `old` in a file; returns the 1-based line where it was.
    @discardableResult
    public func replace(_ path: String, _ old: String, with new: String) throws -> Int {
        let text = try read(path)
        guard let range = text.range(of: old) else { throw Driver.Failure(description: "'\(old)' is not in \(path)") }
        let line = text[..<range.lowerBound].filter { $0 == "\n" }.count + 1
        try write(path, text.replacingCharacters(in: range, with: new))
        return line
    }
}

/// A running `twitchwise` whose stdin stays open: send a line, wait for its reply.
public final class Interactive: @unchecked Sendable {
    public let process = Process()
    private let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
    private let exited = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var buffer: [UInt8] = []
    private var closed = false
    private let arrived = DispatchSemaphore(value: 0)
    private let errors = Driver.Sink()

    /// `nonBlocking`: the process's stdin and stdout pipes are O_NONBLOCK.
    /// `startReading`: false to leave stdout unread until `startReading()`.
    public init(_ arguments: [String], nonBlocking: Bool = false, startReading: Bool = true) throws {
        _ = Driver.ignoreSIGPIPE
        process.executableURL = Driver.binary
        process.arguments = arguments
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        process.terminationHandler = { [exited] _ in exited.signal() }
        if nonBlocking {
            for fd in [stdin.fileHandleForReading.fileDescriptor, stdout.fileHandleForWriting.fileDescriptor] {
                _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            }
        }
        try process.run()
        errors.drain(stderr.fileHandleForReading)
        if startReading { self.startReading() }
    }

    public func startReading() {
        let handle = stdout.fileHandleForReading
        Thread { [self] in
            while true {
                let chunk = handle.availableData
                lock.lock()
                if chunk.isEmpty { closed = true } else { buffer += chunk }
                lock.unlock()
                arrived.signal()
                if chunk.isEmpty { break }
            }
        }.start()
    }

    public var pid: Int32 { process.processIdentifier }

    public func send(_ bytes: [UInt8]) throws {
        try stdin.fileHandleForWriting.write(contentsOf: bytes)
    }

    public func send(_ line: String) throws { try send(Array((line + "\n").utf8)) }

    public func closeInput() throws { try stdin.fileHandleForWriting.close() }

    /// The next output line, or nil when stdout closed or `timeout` passed.
    public func readLine(timeout: Double = 30) -> String? {
        let deadline = DispatchTime.now() + timeout
        while true {
            lock.lock()
            if let nl = buffer.firstIndex(of: 0x0A) {
                let line = String(decoding: buffer[..<nl], as: UTF8.self)
                buffer.removeSubrange(...nl)
                lock.unlock()
                return line
            }
            let done = closed
            lock.unlock()
            if done || arrived.wait(timeout: deadline) == .timedOut { return nil }
        }
    }

    /// Waits for the process to end; nil if it did not within `timeout`.
    public func wait(timeout: Double = 30) -> (status: Int32, exited: Bool)? {
        guard exited.wait(timeout: .now() + timeout) == .success else { return nil }
        return (process.terminationStatus, process.terminationReason == .exit)
    }

    public func stderrText(timeout: Double = 10) -> String {
        _ = errors.wait(timeout: timeout)
        return String(decoding: errors.value, as: UTF8.self)
    }

    /// `VmHWM` (peak resident set) and `VmRSS` in KiB, from /proc.
    public func memory() -> (peak: Int, current: Int)? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        func field(_ name: String) -> Int? {
            guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(name + ":") }) else { return nil }
            return Int(line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first ?? "")
        }
        guard let peak = field("VmHWM"), let current = field("VmRSS") else { return nil }
        return (peak, current)
    }

    deinit {
        if process.isRunning { process.terminate() }
    }
}
