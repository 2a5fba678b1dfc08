#if canImport(Glibc)
import Glibc
#endif

/// Timing for the fuzz targets that bound the time of one step (issue 22). The CPU time of
/// the calling thread, not the wall clock: the machine is shared, and a step that waits for
/// the CPU has not worked longer.
public enum FuzzClock {
    /// CPU time of this thread, in seconds.
    public static func threadSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    /// Runs `body` and returns its thread CPU time in milliseconds.
    public static func milliseconds(_ body: () -> Void) -> Double {
        let start = threadSeconds()
        body()
        return (threadSeconds() - start) * 1000
    }
}

/// Counts of a time-bounded fuzz target, printed when the process ends.
public final class FuzzTally: @unchecked Sendable {
    public let name: String
    public var runs = 0
    public var slowest = 0.0
    public var slowestSize = 0
    /// Steps over the bound: their inputs are kept (the first 50) in `fuzz-artifacts/NAME/slow-K`,
    /// to be timed again in a release build without the sanitizers, which slow every step.
    public var over = 0
    public let bound: Double

    public init(name: String, bound: Double = 50) {
        self.name = name
        self.bound = bound
    }

    public func record(_ milliseconds: Double, size: Int, input: UnsafeBufferPointer<UInt8>) {
        runs += 1
        if milliseconds > slowest { slowest = milliseconds; slowestSize = size }
        if milliseconds > bound {
            over += 1
            if over <= 50 {
                let path = FuzzContent.root.path + "/fuzz-artifacts/\(name)/slow-\(over)"
                if let file = fopen(path, "w") {
                    fwrite(input.baseAddress, 1, input.count, file)
                    fclose(file)
                }
            }
        }
        if runs % 20_000 == 0 { report() }
    }

    public func report() {
        let line = "#\(name) \(runs) timed steps, slowest \(Int(slowest * 1000)) µs (input of \(slowestSize) bytes), "
            + "\(over) over \(Int(bound)) ms under the sanitizers\n"
        _ = Array(line.utf8).withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    }
}
