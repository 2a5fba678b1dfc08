#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TwitchwiseCore
import TwitchwiseProtocol

/// `twitchwise` on a terminal: the REPL on readline.
public enum ReadlineREPL {
    public struct Options: Sendable {
        /// nil: the default place (see `HistoryFile.defaultPath`).
        public var historyFile: String?
        public var history = true
        public var color = true

        public init(historyFile: String? = nil, history: Bool = true, color: Bool = true) {
            self.historyFile = historyFile
            self.history = history
            self.color = color
        }
    }

    public static func run(engine: Engine, options: Options) -> Int32 {
        guard ReadlineSource.load() else {
            Output.error("twitchwise: GNU readline (libreadline.so.8) is not installed, so there is no line editing, "
                         + "history or completion: answering each line as it comes")
            return PlainText.runLines(engine: engine)
        }
        signal(SIGPIPE, SIG_IGN)
        let environment = Terminal.environment
        var history: HistoryFile?
        if options.history, let path = options.historyFile ?? HistoryFile.defaultPath(environment: environment) {
            let file = HistoryFile(path: path)
            do {
                try file.prepare()
                history = file
            } catch {
                Output.error("twitchwise: history is off: \(error.description)")
            }
        }
        let colors = Terminal.colorEnabled(isTerminal: isatty(1) != 0, environment: environment, noColorFlag: !options.color)
        var source = ReadlineSource(completions: CompletionWords(content: engine.content), history: history)
        var repl = REPL(engine: engine, style: TerminalStyle(colors: colors), width: { Terminal.width(fd: 1) },
                        height: { Terminal.height(fd: 1) })
        let status = repl.run(&source) { Output.write($0) }
        source.close()
        return status
    }
}
