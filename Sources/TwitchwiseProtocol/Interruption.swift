#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// SIGINT and SIGTERM for the line servers (`--json` and plain lines): the handler only notes
/// the signal; the loops look at the note before and after every blocking read and write and
/// between lines (issue 22), so the reply in progress is finished and a half-sent line is not
/// answered. Blocking calls are not restarted (no SA_RESTART): they return EINTR at once.
public enum Interruption {
    /// The signal that came (SIGINT or SIGTERM), or 0. Set from the signal handler.
    nonisolated(unsafe) public static var signal: Int32 = 0

    public static var happened: Bool { signal != 0 }

    /// The exit status after the signal: 128 + its number (130 for SIGINT, 143 for SIGTERM).
    public static var status: Int32 { 128 + signal }

    public static func install() {
        var action = sigaction()
        #if canImport(Glibc)
        action.__sigaction_handler.sa_handler = { Interruption.signal = $0 }
        #else
        action.__sigaction_u.__sa_handler = { Interruption.signal = $0 }
        #endif
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0  // no SA_RESTART: a blocked read or write returns EINTR
        sigaction(SIGINT, &action, nil)
        sigaction(SIGTERM, &action, nil)
        // A parent may start us with these blocked (a libdispatch worker thread's
        // mask is inherited through posix_spawn): unblock them, or they never arrive.
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        sigaddset(&set, SIGTERM)
        sigprocmask(SIG_UNBLOCK, &set, nil)
    }
}
