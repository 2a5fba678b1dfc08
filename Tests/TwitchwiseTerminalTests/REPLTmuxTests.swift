import Foundation
import Testing
import TwitchwiseCore
import TwitchwiseTerminal
import TwitchwiseTestSupport

/// Drives the real `twitchwise` binary on a terminal: a private tmux server
/// with a 100x30 window, keys sent with send-keys, the screen read with
/// capture-pane. Every wait polls with a generous timeout, for loaded machines.
@Suite struct REPLTmuxTests {
    static let tmux: String? = {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(folder)/tmux"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }()

    /// The binary: $TWITCHWISE_BINARY, else next to the test bundle, else .build/debug.
    static func binary() -> String? {
        var candidates: [String] = []
        if let path = ProcessInfo.processInfo.environment["TWITCHWISE_BINARY"] { candidates.append(path) }
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
        candidates.append(runner.deletingLastPathComponent().appendingPathComponent("twitchwise").path)
        candidates.append(runner.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("twitchwise").path)
        let root = Driver.packageRoot
        candidates.append(root.appendingPathComponent(".build/debug/twitchwise").path)
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// A private tmux server (its own socket, no user configuration).
    struct Tmux {
        let executable: String
        let socket: String

        /// Runs a tmux command (posix_spawn and waitpid, with a time limit).
        /// Its output goes through a file, not a pipe: the server tmux starts
        /// keeps the client's descriptors, so a pipe would never reach its end.
        @discardableResult
        func run(_ arguments: [String]) -> (status: Int32, output: String) {
            let outputPath = socket + ".out"
            defer { unlink(outputPath) }
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
            let argv = ([executable, "-S", socket, "-f", "/dev/null"] + arguments).map { strdup($0) } + [nil]
            defer { argv.forEach { free($0) } }
            var pid: pid_t = 0
            guard posix_spawn(&pid, executable, &actions, nil, argv, environ) == 0 else { return (-1, "") }
            var status: Int32 = 0
            let deadline = Date().addingTimeInterval(10)
            while waitpid(pid, &status, WNOHANG) == 0 {
                if Date() > deadline {
                    kill(pid, SIGKILL)
                    waitpid(pid, &status, 0)
                    return (-1, "")
                }
                usleep(5_000)
            }
            let data = FileManager.default.contents(atPath: outputPath) ?? Data()
            return ((status >> 8) & 0xFF, String(decoding: data, as: UTF8.self))
        }

        /// The screen and its scrollback, trailing blank lines dropped.
        func screen() -> [String] {
            var lines = run(["capture-pane", "-p", "-J", "-S", "-500", "-t", "t"]).output
                .split(separator: "\n", omittingEmptySubsequences: false).map { String($0).trimmingTrailingBlanks }
            while lines.last == "" { lines.removeLast() }
            return lines
        }

        func keys(_ text: String) { run(["send-keys", "-t", "t", "-l", text]) }
        func key(_ name: String) { run(["send-keys", "-t", "t", name]) }
    }

    /// Polls `condition` every 50 ms for up to `timeout` seconds.
    static func wait(timeout: Double = 10, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if condition() { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return condition()
    }

    /// A folder for one test, removed afterwards by `cleanUp`.
    static func temporaryFolder() throws -> String {
        let folder = NSTemporaryDirectory() + "twitchwise-tmux-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    static func quoted(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    /// Starts `arguments` of the binary in a tmux window (100x30 unless told), with
    /// `environment` added; the shell around it records the exit status in
    /// `folder/exit`. Returns the server and a function that stops it.
    static func start(_ binary: String, _ arguments: [String], environment: [String] = [], in folder: String,
                      columns: Int = 100, rows: Int = 30) -> (Tmux, stop: () -> Void)
    {
        let tmux = Tmux(executable: Self.tmux!, socket: folder + "/tmux.sock")
        // The shell survives Ctrl-C (which reaches the whole foreground process
        // group in a tmux pane) to record the exit status.
        let program = ([binary] + arguments).map(quoted).joined(separator: " ")
        let command = "trap : INT; env -u NO_COLOR HOME=\(quoted(folder)) INPUTRC=/dev/null LANG=C.UTF-8 "
            + environment.map(quoted).joined(separator: " ") + " \(program); echo EXIT=$? > \(quoted(folder + "/exit"))"
        tmux.run(["new-session", "-d", "-s", "t", "-x", String(columns), "-y", String(rows), "sh -c \(quoted(command))",
                  ";", "set-option", "-t", "t", "remain-on-exit", "on"])
        let serverPID = pid_t(tmux.run(["display-message", "-p", "-t", "t", "#{pid}"]).output
            .trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        return (tmux, {
            tmux.run(["kill-server"])
            // Only if that server is still there (its command line names our socket).
            if serverPID > 0, let line = FileManager.default.contents(atPath: "/proc/\(serverPID)/cmdline"),
               String(decoding: line, as: UTF8.self).contains(tmux.socket) {
                kill(serverPID, SIGKILL)
            }
        })
    }

    @Test(.enabled(if: tmux != nil, "tmux is not installed: skipping the terminal test"), .timeLimit(.minutes(2)))
    func realBinaryInTmux() throws {
        let binary = try #require(Self.binary(), "no twitchwise binary: run swift build first, or set TWITCHWISE_BINARY")
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let history = folder + "/state/history"
        let exitFile = folder + "/exit"
        let (tmux, stop) = Self.start(binary, ["--history-file", history], in: folder)
        defer { stop() }

        func lastLine() -> String { tmux.screen().last ?? "" }
        func screenText() -> String { tmux.screen().joined(separator: "\n") }

        // The banner and a prompt.
        #expect(Self.wait { lastLine() == ">" }, "no prompt: \(screenText())")
        #expect(screenText().contains("Twitchwise "))

        // A question gets an answer, then a fresh prompt.
        tmux.keys("why does my neck twitch")
        tmux.key("Enter")
        #expect(Self.wait { screenText().contains("You could also ask") && lastLine() == ">" },
                "no answer: \(screenText())")
        #expect(screenText().contains("Sources: ["))

        // Tab completes :he to :help.
        tmux.keys(":he")
        tmux.key("Tab")
        #expect(Self.wait { lastLine() == "> :help" }, "not completed: \(lastLine())")
        tmux.key("Enter")
        #expect(Self.wait { screenText().contains(":sources") && lastLine() == ">" })

        // Ctrl-C abandons the line, the program goes on with a fresh prompt.
        tmux.keys("half a question")
        #expect(Self.wait { lastLine() == "> half a question" })
        tmux.key("C-c")
        #expect(Self.wait {
            let lines = tmux.screen()
            return lines.last == ">" && lines.dropLast().last?.hasPrefix("> half a question") == true
        }, "after Ctrl-C: \(screenText())")
        #expect(!FileManager.default.fileExists(atPath: exitFile), "Ctrl-C ended the program")
        tmux.keys("what helps with that")
        tmux.key("Enter")
        #expect(Self.wait {
            screenText().components(separatedBy: "You could also ask").count == 3 && lastLine() == ">"
        }, "the line after Ctrl-C: \(screenText())")
        #expect(!screenText().contains("half a questionwhat helps"))

        // Ctrl-C in a history search ends the search and clears the line.
        tmux.key("C-r")
        tmux.keys("neck")
        #expect(Self.wait { lastLine().contains("i-search)`neck'") }, "no search: \(lastLine())")
        tmux.key("C-c")
        #expect(Self.wait { lastLine() == ">" }, "after Ctrl-C in a search: \(screenText())")
        tmux.keys(":sources")
        tmux.key("Enter")
        #expect(Self.wait { screenText().contains("[004]") && lastLine() == ">" }, "after the search: \(screenText())")

        // Ctrl-D says goodbye and exits 0.
        tmux.key("C-d")
        #expect(Self.wait { FileManager.default.fileExists(atPath: exitFile) && (try? String(contentsOfFile: exitFile, encoding: .utf8))?.contains("\n") == true })
        #expect(try String(contentsOfFile: exitFile, encoding: .utf8) == "EXIT=0\n")
        #expect(screenText().contains("Goodbye"))

        // The history file holds what was entered, not the abandoned line.
        let entries = try String(contentsOfFile: history, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(entries == ["why does my neck twitch", ":help", "what helps with that", ":sources"])
    }

    /// The screen with its escape codes, after the first answer.
    static func coloredScreen(_ binary: String, _ arguments: [String], environment: [String] = []) throws -> String {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (tmux, stop) = start(binary, arguments + ["--no-history"], environment: environment, in: folder)
        defer { stop() }
        _ = wait { tmux.screen().last == ">" }
        tmux.keys("my arm twitches and I have trouble breathing")
        tmux.key("Enter")
        // An urgent reply ends with the offer to answer questions later (it suggests nothing).
        _ = wait { tmux.screen().joined().contains("twitching, cramps and spasms") && tmux.screen().last == ">" }
        return tmux.run(["capture-pane", "-p", "-e", "-S", "-500", "-t", "t"]).output
    }

    @Test(.enabled(if: tmux != nil, "tmux is not installed: skipping the terminal test"), .timeLimit(.minutes(2)))
    func colourOnATerminalUnlessTurnedOff() throws {
        let binary = try #require(Self.binary(), "no twitchwise binary: run swift build first, or set TWITCHWISE_BINARY")
        let colored = try Self.coloredScreen(binary, [])
        #expect(colored.contains("⚠ Get medical help now"))
        #expect(colored.contains("\u{1B}[1;31m⚠") || colored.contains("\u{1B}[1m\u{1B}[31m⚠"), "red and bold: \(colored)")
        let noColor = try Self.coloredScreen(binary, [], environment: ["NO_COLOR=1"])
        #expect(noColor.contains("⚠ Get medical help now"))
        #expect(!noColor.contains("\u{1B}"), "NO_COLOR: \(noColor)")
        let flag = try Self.coloredScreen(binary, ["--no-color"])
        #expect(flag.contains("⚠ Get medical help now"))
        #expect(!flag.contains("\u{1B}"), "--no-color: \(flag)")
    }

    /// Not on a terminal: the plain line mode, no banner, no prompt, no escape codes.
    @Test func plainWhenNotATerminal() throws {
        let binary = try #require(Self.binary(), "no twitchwise binary: run swift build first, or set TWITCHWISE_BINARY")
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let input = folder + "/in", output = folder + "/out"
        try "why does my neck twitch\n:help\n".write(toFile: input, atomically: true, encoding: .utf8)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, input, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let arguments: [String] = [binary, "--history-file", folder + "/history"]
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = nil
        environment["HOME"] = folder
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp.forEach { free($0) } }
        var pid: pid_t = 0
        #expect(posix_spawn(&pid, binary, &actions, nil, argv, envp) == 0)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        #expect(status == 0)
        let text = try String(contentsOfFile: output, encoding: .utf8)
        let (reply, _) = sharedEngine.respond(to: "why does my neck twitch", in: SessionState())
        #expect(text.hasPrefix(PlainText.render(reply) + "\n"), "starts with the plain answer: \(text)")
        #expect(!text.contains("Twitchwise 0"))
        #expect(!text.contains("\u{1B}"))
        #expect(!text.contains("> "))
        #expect(!FileManager.default.fileExists(atPath: folder + "/history"), "no history off a terminal")
    }
}

extension String {
    var trimmingTrailingBlanks: String {
        var s = Substring(self)
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
