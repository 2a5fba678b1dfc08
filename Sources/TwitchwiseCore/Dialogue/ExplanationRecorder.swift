/// What the engine notes about a decision while it makes it: the reply's `explain`. A note is a
/// closure run only when the request asked for an explanation, so a request without one builds
/// none of the strings; `always` keeps what every reply reports (its red flags, whether it was
/// read as a follow-up).
struct ExplanationRecorder {
    let isRecording: Bool
    private(set) var explanation = Explanation()

    init(recording: Bool) { isRecording = recording }

    mutating func note(_ write: (inout Explanation) -> Void) {
        if isRecording { write(&explanation) }
    }

    mutating func always(_ write: (inout Explanation) -> Void) { write(&explanation) }
}
