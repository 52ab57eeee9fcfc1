import CLoaSystem
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What a write changed in the output folder, for deploy steps and the build summary.
public struct OutputChanges: Sendable, Equatable {
    public var added: [String] = []
    public var modified: [String] = []
    public var removed: [String] = []
    public var unchanged: Int = 0
    public var total: Int { added.count + modified.count + unchanged }
}

public struct WriteError: Error, CustomStringConvertible {
    public var description: String
}

/// The write stage. Renders into a staging folder beside the output and swaps it in with one atomic
/// rename only when everything is written, so a failed or killed build leaves the last good site.
/// Files whose bytes did not change are hard-linked from the old site: they keep their mtime, so rsync
/// and CDNs see only real changes.
public enum OutputWriter {
    public static func write(_ files: [OutputFile], to output: String) throws -> OutputChanges {
        let fm = FileManager.default
        let outputURL = URL(fileURLWithPath: output).standardizedFileURL
        let parent = outputURL.deletingLastPathComponent().path
        let name = outputURL.lastPathComponent
        try fm.createDirectory(atPath: parent, withIntermediateDirectories: true)
        removeLeftovers(parent: parent, name: name)

        let staging = "\(parent)/.\(name).staging-\(getpid())"
        try fm.createDirectory(atPath: staging, withIntermediateDirectories: true)
        do {
            var folders = Set<String>()
            for file in files {
                guard isSafeRelativePath(file.path) else { throw WriteError(description: "đường dẫn ra không hợp lệ: \(file.path)") }
                var folder = (file.path as NSString).deletingLastPathComponent
                while !folder.isEmpty, folders.insert(folder).inserted { folder = (folder as NSString).deletingLastPathComponent }
            }
            for folder in folders.sorted(by: { $0.count < $1.count }) {
                try fm.createDirectory(atPath: "\(staging)/\(folder)", withIntermediateDirectories: true)
            }
            let outcomes = ParallelMap.map(files) { file in
                Result { try place(file, staging: staging, old: outputURL.path) }
            }
            var changes = OutputChanges()
            for (file, outcome) in zip(files, outcomes) {
                switch try outcome.get() {
                case .added: changes.added.append(file.path)
                case .modified: changes.modified.append(file.path)
                case .unchanged: changes.unchanged += 1
                }
            }
            let newPaths = Set(files.map(\.path))
            changes.removed = listFiles(outputURL.path).filter { !newPaths.contains($0) }
            try swap(staging: staging, output: outputURL.path)
            return changes
        } catch {
            try? fm.removeItem(atPath: staging)
            throw error
        }
    }

    enum Placement { case added, modified, unchanged }

    static func place(_ file: OutputFile, staging: String, old: String) throws -> Placement {
        let target = "\(staging)/\(file.path)"
        let previous = "\(old)/\(file.path)"
        let bytes: [UInt8]
        switch file.contents {
        case .bytes(let b): bytes = b
        case .copy(let source):
            guard let data = FileManager.default.contents(atPath: source) else {
                throw WriteError(description: "không đọc được \(source)")
            }
            bytes = [UInt8](data)
        }
        var isRegular = stat()
        let exists = lstat(previous, &isRegular) == 0 && (isRegular.st_mode & S_IFMT) == S_IFREG
        if exists, Int(isRegular.st_size) == bytes.count, let oldData = FileManager.default.contents(atPath: previous),
           oldData.elementsEqual(bytes), link(previous, target) == 0 {
            return .unchanged
        }
        try writeBytes(bytes, to: target)
        return exists ? .modified : .added
    }

    /// Plain POSIX write: Foundation's `Data.write` fsyncs every file, which halves throughput.
    public static func writeBytes(_ bytes: [UInt8], to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw WriteError(description: "không ghi được \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, bytes.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                throw WriteError(description: "không ghi được \(path): \(String(cString: strerror(errno)))")
            }
            offset += n
        }
    }

    /// Swaps the staging folder in. With RENAME_EXCHANGE the output path never stops naming a complete site.
    static func swap(staging: String, output: String) throws {
        let fm = FileManager.default
        if !fm.fileExists(atPath: output) {
            guard rename(staging, output) == 0 else { throw WriteError(description: "không đổi tên được \(staging) thành \(output)") }
            return
        }
        if loa_exchange_paths(staging, output) == 0 {
            try? fm.removeItem(atPath: staging)   // now holds the previous site
            return
        }
        // File systems without RENAME_EXCHANGE: two renames, a moment without the folder.
        let old = staging + ".old"
        guard rename(output, old) == 0 else { throw WriteError(description: "không thay được \(output)") }
        guard rename(staging, output) == 0 else {
            _ = rename(old, output)
            throw WriteError(description: "không thay được \(output)")
        }
        try? fm.removeItem(atPath: old)
    }

    /// Staging folders of builds that were killed; only called while holding the build lock.
    static func removeLeftovers(parent: String, name: String) {
        let fm = FileManager.default
        for entry in (try? fm.contentsOfDirectory(atPath: parent)) ?? [] where entry.hasPrefix(".\(name).staging-") {
            try? fm.removeItem(atPath: "\(parent)/\(entry)")
        }
    }

    /// Regular files below a folder, relative and sorted.
    public static func listFiles(_ root: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: root) else { return [] }
        var files: [String] = []
        while let item = enumerator.nextObject() as? String {
            if (enumerator.fileAttributes?[.type] as? FileAttributeType) == .typeRegular { files.append(item) }
        }
        return files.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// No absolute paths, no `..`: nothing may be written outside the output folder.
    public static func isSafeRelativePath(_ path: String) -> Bool {
        !path.isEmpty && !path.hasPrefix("/") && !path.contains("\\") && !path.contains("\0")
            && !path.split(separator: "/", omittingEmptySubsequences: false).contains { $0 == ".." || $0 == "." || $0.isEmpty }
    }
}
