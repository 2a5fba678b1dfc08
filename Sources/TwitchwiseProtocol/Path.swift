/// File paths as text: what NSString's path methods did, without swift-corelibs-foundation
/// (issue 8). Lexical only: nothing here looks at the file system.
public enum Path {
    /// `base` and `name` joined by one slash (`appendingPathComponent`).
    public static func join(_ base: String, _ name: String) -> String {
        if base.isEmpty { return name }
        if name.isEmpty { return base }
        var head = Substring(base)
        while head.count > 1 && head.hasSuffix("/") { head = head.dropLast() }
        return head == "/" ? "/" + name : head + "/" + name
    }

    /// The path without its last component (`deletingLastPathComponent`): "/a/b" → "/a",
    /// "/a" → "/", "a" → "".
    public static func parent(_ path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "" }
        if slash == trimmed.startIndex { return "/" }
        var head = trimmed[..<slash]
        while head.count > 1 && head.hasSuffix("/") { head = head.dropLast() }
        return String(head)
    }

    /// The path with `.` components and repeated slashes taken out and each `..` applied to the
    /// component before it (`standardizingPath`, without its look at symbolic links).
    public static func standardized(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/") where part != "." {
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
            } else if part == ".." && absolute {
                continue  // "/.." is "/"
            } else {
                parts.append(part)
            }
        }
        let joined = parts.joined(separator: "/")
        return absolute ? "/" + joined : (joined.isEmpty ? "." : joined)
    }
}
