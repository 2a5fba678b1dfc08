import FoundationEssentials
import TwitchwiseCore
import TwitchwiseLoader

/// A content folder on disk: the `.yaml` and `.txt` files of its Intents/, Responses/ and
/// Documents/, read within `ContentLimits`. A file is read only when it is a regular file
/// inside the folder: a link that leads out of it (or nowhere, or round in a loop) and a
/// special file (a FIFO, a device) are errors, so the loader never shows an outside file's
/// lines in its messages. A content folder that exists but cannot be listed is an error,
/// not an empty folder.
struct ContentFolder {
    static let folders = ["Intents", "Responses", "Documents"]

    let root: String

    func files() throws(ContentErrors) -> [ContentFile] {
        let manager = FileManager.default
        var isDirectory = false
        guard manager.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory else {
            throw ContentErrors([Diagnostic(.error, "no content folder here", at: SourceLocation(file: root),
                                            hint: "give a folder holding Intents/, Responses/ and Documents/")])
        }
        let realRoot = URL(fileURLWithPath: root).resolvingSymlinksInPath().path
        var files: [ContentFile] = []
        var problems: [Diagnostic] = []
        for folder in Self.folders {
            let directory = URL(fileURLWithPath: root).appendingPathComponent(folder)
            // A missing folder holds no files (the loader then names the files it needs).
            guard manager.fileExists(atPath: directory.path) else { continue }
            guard Self.isInside(directory.resolvingSymlinksInPath().path, realRoot) else {
                problems.append(Diagnostic(.error, "the folder leads out of the content folder", at: SourceLocation(file: folder),
                                           hint: "content stays inside its folder: copy it in instead of linking to it"))
                continue
            }
            let names: [String]
            do { names = try manager.contentsOfDirectory(atPath: directory.path) } catch {
                problems.append(Diagnostic(.error, "cannot read the folder", at: SourceLocation(file: folder),
                                           hint: "check that it is a folder you may read"))
                continue
            }
            let contentNames = names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".txt") }.sorted()
            if contentNames.count > ContentLimits.filesPerFolder {
                problems.append(Diagnostic(.error, "\(contentNames.count) content files, more than \(ContentLimits.filesPerFolder)",
                                           at: SourceLocation(file: folder), hint: "is this the right folder?"))
                continue
            }
            for name in contentNames {
                let path = "\(folder)/\(name)"
                switch read(directory.appendingPathComponent(name), realRoot: realRoot) {
                case .success(let text): files.append(ContentFile(path: path, text: text))
                case .failure(let problem): problems.append(Diagnostic(.error, problem.message, at: SourceLocation(file: path), hint: problem.hint))
                }
            }
        }
        if !problems.isEmpty { throw ContentErrors(problems) }
        return files
    }

    struct Problem: Error {
        var message: String
        var hint: String?
    }

    private func read(_ url: URL, realRoot: String) -> Result<String, Problem> {
        let manager = FileManager.default
        let real = url.resolvingSymlinksInPath().path
        guard Self.isInside(real, realRoot) else {
            return .failure(Problem(message: "the file leads out of the content folder",
                                    hint: "content stays inside its folder: copy the file in instead of linking to it"))
        }
        guard let attributes = try? manager.attributesOfItem(atPath: real) else {
            return .failure(Problem(message: "cannot read the file", hint: "a link to nothing, or a loop of links?"))
        }
        guard attributes[.type] as? FileAttributeType == .typeRegular else {
            return .failure(Problem(message: "not a regular file", hint: "content files are text files"))
        }
        if let size = attributes[.size] as? Int, size > ContentLimits.bytesPerFile {
            return .failure(Problem(message: "the file has \(size) bytes, more than \(ContentLimits.bytesPerFile)",
                                    hint: "split it into several files"))
        }
        guard let data = manager.contents(atPath: real) else {
            return .failure(Problem(message: "cannot read the file", hint: "check that you may read it"))
        }
        guard data.count <= ContentLimits.bytesPerFile else {
            return .failure(Problem(message: "the file has more than \(ContentLimits.bytesPerFile) bytes", hint: "split it into several files"))
        }
        let lines = data.reduce(into: 1) { count, byte in if byte == 0x0A { count += 1 } }
        if lines > ContentLimits.linesPerFile {
            return .failure(Problem(message: "the file has \(lines) lines, more than \(ContentLimits.linesPerFile)",
                                    hint: "split it into several files"))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return .failure(Problem(message: "the file is not UTF-8 text", hint: "save it as UTF-8"))
        }
        return .success(text)
    }

    /// Whether a resolved path is the folder `root` or inside it.
    static func isInside(_ path: String, _ root: String) -> Bool {
        path == root || path.hasPrefix(root.hasSuffix("/") ? root : root + "/")
    }
}
