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
///
/// The site the swap replaced is kept as `.<name>.spare` and becomes the next build's staging folder:
/// most of its files are already hard links to the current site's, so a small change touches a few
/// files instead of re-creating every folder and link (the cost of a rebuild on a 10,000-page site).
/// Every path is checked against the current site (same inode, or rewritten), so whatever the spare holds
/// — an older site, a half-updated one — the staged site is exact.
public enum OutputWriter {
    /// Writes files already in memory (tests, tools); a build streams its pages through `write(_:to:beforeSwap:)`.
    public static func write(_ files: [OutputFile], to output: String) throws -> OutputChanges {
        try write(files.map { file in RenderJob(path: file.path) { file.contents } }, to: output)
    }

    /// Renders and writes the jobs on all cores, each page's bytes dropped as soon as they are on disk, so
    /// memory does not grow with the size of the site. `beforeSwap` runs when every file is staged: a
    /// problem it throws (e.g. an error logged while rendering) leaves the old site in place.
    public static func write(_ jobs: [RenderJob], to output: String, beforeSwap: () throws -> Void = {}) throws -> OutputChanges {
        try write(jobs, to: output, beforeSwap: beforeSwap, readyingSpare: false).changes
    }

    /// `write`, for incremental builds: when there is neither an output folder nor a spare yet (a first or
    /// clean build), each file is also linked into the spare as it is written, so the next build finds its
    /// staging folder ready without `prepareSpare` walking the site again. `spareReady`: whether it was.
    /// `untouched`: the paths of `.kept` files the staged site already held as the very file the cache
    /// checked, and which were left as they were: their stamps are still the ones the cache recorded.
    /// `known`: the output's and the spare's trees as the last build left them (`KnownTree`): only folders
    /// changed since are read. `trees`: the new output's and spare's, for the next build.
    ///
    /// The jobs are let go once their pages are placed: a caller handing over its last copy (`consume`) has
    /// the pages, and the site they are made from, freed before the trees and changes are made.
    static func write(_ jobs: consuming [RenderJob], to output: String, beforeSwap: () throws -> Void = {}, readyingSpare: Bool,
                      known: OutputTrees = OutputTrees()) throws
        -> (changes: OutputChanges, spareReady: Bool, untouched: Set<String>, trees: OutputTrees) {
        let fm = FileManager.default
        let outputURL = URL(fileURLWithPath: output).standardizedFileURL
        let parent = outputURL.deletingLastPathComponent().path
        let name = outputURL.lastPathComponent
        try fm.createDirectory(atPath: parent, withIntermediateDirectories: true)
        removeLeftovers(parent: parent, name: name)

        let staging = "\(parent)/.\(name).staging-\(getpid())"
        let spare = "\(parent)/.\(name).spare"
        var mirror: String?
        // Nothing staged and no current site (a first or clean build): no path needs looking up before it
        // is written (two failed lookups per file in folders of thousands of entries, 2 % of a clean build).
        var fresh = false, madeEmpty = false
        if rename(spare, staging) != 0 {
            try fm.createDirectory(atPath: staging, withIntermediateDirectories: true)
            madeEmpty = true
            fresh = !fm.fileExists(atPath: outputURL.path)
            if readyingSpare, fresh, mkdir(spare, 0o755) == 0 { mirror = spare }
        }
        do {
            let paths = jobs.map(\.path)
            if let unsafe = paths.first(where: { !isSafeRelativePath($0) }) {
                throw WriteError(description: "đường dẫn ra không hợp lệ: \(unsafe)")
            }
            let oldRoot = outputURL.path
            // The current site's files, listed beside the pruning and placing (nothing changes the current
            // site until the swap): a tenth of a one-article edit's writing when every folder was read.
            let listing = DispatchGroup()
            nonisolated(unsafe) var old: (listing: FolderWalk.Listing, tree: KnownTree?) = (FolderWalk.Listing(), nil)
            DispatchQueue.global().async(group: listing) { old = FolderWalk.list(oldRoot, known: known.output) }
            defer { listing.wait() }
            // The output's folders and the set of its paths are needed before the pages are placed only to
            // prune a staged folder. For one made empty here they are made afterwards, once a large site's
            // jobs are freed (22 MB held while 100,000 articles' pages were written).
            var folders: Set<String> = [], newPaths: Set<String> = []
            var pruned: (tree: KnownTree?, touched: Set<String>) = (nil, [])
            if !madeEmpty {
                (folders, newPaths) = (FolderWalk.folders(of: paths), Set(paths))
                pruned = try prune(staging, keeping: newPaths, folders: folders, known: mirror == nil ? known.spare : nil)
            }
            let order = jobs.renderOrder
            // Each file's outcome in a byte, the few errors beside (a `Result` each was 2.2 MB for 140,000 files).
            var outcomes = [Placement](repeating: .untouched, count: jobs.count)
            let failures = Failures()
            jobs.withUnsafeMutableBufferPointer { jobs in
                outcomes.withUnsafeMutableBufferPointer { outcomes in
                    nonisolated(unsafe) let (jobs, outcomes) = (jobs, outcomes)
                    DispatchQueue.concurrentPerform(iterations: order.count) { position in
                        let index = order[position]
                        // The render stage frees as much as it allocates (each page's context and bytes).
                        FreedMemory.afterItem(index)
                        do {
                            outcomes[index] = try place(OutputFile(path: jobs[index].path, contents: jobs[index].contents()), staging: staging,
                                                        old: oldRoot, mirror: mirror, fresh: fresh)
                        } catch {
                            failures.add(error, at: index)
                        }
                        // What only this job's maker held goes now (a list's articles, a feed's items, the
                        // sitemap's paths), not when the last page is made: the pages made after it use the room.
                        jobs[index].releaseMaker()
                    }
                }
            }
            jobs = []
            // The pages' site went with the jobs, freed into the arenas of the cores that made it: given
            // back before this thread's own arena grows for the folders and trees (at 100,000 articles the
            // build's peak, 10 MB over the render stage's).
            if FreedMemory.returnEvery > 0 { FreedMemory.returnToSystem() }
            if madeEmpty { (folders, newPaths) = (FolderWalk.folders(of: paths), Set(paths)) }
            if let (_, error) = failures.first { throw error }
            var changes = OutputChanges()
            var untouched = Set<String>()
            // Folders this build may have changed (an entry linked, written, renamed or removed): the others
            // keep the stamps the pruning's listing checked.
            // Only worth knowing when the listing has stamps to keep (not in a first or clean build).
            var touched = pruned.touched
            let keepsStamps = !(pruned.tree?.folders.isEmpty ?? true)
            func touch(_ path: String) {
                guard keepsStamps else { return }
                var folder = parentFolder(path)
                while !folder.isEmpty, touched.insert(folder).inserted { folder = parentFolder(folder) }
            }
            for (path, outcome) in zip(paths, outcomes) {
                switch outcome {
                case .added: changes.added.append(path); touch(path)
                case .modified: changes.modified.append(path); touch(path)
                case .unchanged: changes.unchanged += 1; touch(path)
                case .untouched: changes.unchanged += 1; untouched.insert(path)
                }
            }
            // Taken before the swap: in the hidden staging folder, every entry is this build's.
            var trees = OutputTrees(output: KnownTree.stamping(staging, files: paths, folders: folders,
                                                               listed: keepsStamps ? pruned.tree : nil, touched: touched))
            if let mirror { trees.spare = KnownTree.stamping(mirror, files: paths, folders: folders) }
            listing.wait()
            changes.removed = old.listing.files.filter { !newPaths.contains($0) }.sorted { $0.precedesInByteOrder($1) }
            let replaced = fm.fileExists(atPath: oldRoot)
            try beforeSwap()
            try swap(staging: staging, output: oldRoot, spare: spare)
            if mirror == nil, replaced { trees.spare = old.tree }   // the site replaced is the spare now
            return (changes, mirror != nil, untouched, trees)
        } catch {
            try? fm.removeItem(atPath: staging)
            if let mirror { try? fm.removeItem(atPath: mirror) }
            throw error
        }
    }

    /// `a/b/c.html` → `a/b`; `c.html` → empty.
    static func parentFolder(_ path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "" }
        return String(path[..<slash])
    }

    /// Brings the spare (the site the last swap replaced) in line with the current site — every file a hard
    /// link to the current one — so the next build, which stages in it, touches only what it changes.
    /// Worth it after a build that changed many files (or when there is no spare): the cost is one link
    /// per file, paid once instead of by the next small edit. Call while holding the build lock.
    /// `known`: the trees `write` returned. Returns the spare's tree.
    @discardableResult
    static func prepareSpare(for output: String, known: OutputTrees = OutputTrees()) throws -> KnownTree? {
        let outputURL = URL(fileURLWithPath: output).standardizedFileURL
        let current = outputURL.path
        let spare = "\(outputURL.deletingLastPathComponent().path)/.\(outputURL.lastPathComponent).spare"
        let files = FolderWalk.list(current, known: known.output).listing.files
        let folders = FolderWalk.folders(of: files)
        try FileManager.default.createDirectory(atPath: spare, withIntermediateDirectories: true)
        try prune(spare, keeping: Set(files), folders: folders, known: known.spare)
        let linked = ParallelMap.map(files) { file -> Bool in
            var a = stat(), b = stat()
            let target = "\(spare)/\(file)", source = "\(current)/\(file)"
            guard lstat(source, &a) == 0 else { return false }
            if lstat(target, &b) == 0, a.st_ino == b.st_ino, a.st_dev == b.st_dev { return true }
            unlink(target)
            return creatingFolders(of: file, in: spare) { link(source, target) == 0 }
        }
        return linked.allSatisfy { $0 } ? KnownTree.stamping(spare, files: files, folders: folders) : nil
    }

    /// Makes the staging folder hold only what the new site needs: files not in it and folders not above
    /// one of its files are removed (anything that is neither a file nor a folder too). Missing folders are
    /// made by the writers that need them (`creatingFolders`), on all cores while other pages render,
    /// instead of one by one before the first page.
    /// Returns the folder as listed (`tree`, with the stamps the listing checked or took) and the folders
    /// whose entries the pruning changed (`touched`).
    @discardableResult
    static func prune(_ staging: String, keeping paths: Set<String>, folders: Set<String>,
                      known: KnownTree? = nil) throws -> (tree: KnownTree?, touched: Set<String>) {
        let (listing, tree) = FolderWalk.list(staging, known: known)
        var touched = Set<String>()
        for file in listing.files + listing.others where !paths.contains(file) {
            unlink("\(staging)/\(file)")
            touched.insert(parentFolder(file))
        }
        // Deepest first (a sub-folder's path is longer in bytes); only the folders to remove are sorted, by
        // their UTF-8 length (`count` walks the characters: sorting every folder was 1 % of an edit's CPU).
        for dir in listing.folders.filter({ !folders.contains($0) }).sorted(by: { $0.utf8.count > $1.utf8.count }) {
            if rmdir("\(staging)/\(dir)") != 0 { try? FileManager.default.removeItem(atPath: "\(staging)/\(dir)") }
            touched.insert(parentFolder(dir))
        }
        return (tree, touched)
    }

    /// Runs `create` (which makes `path` below `root`); when it fails because a folder above is missing,
    /// makes the folders (another core may be making the same ones: EEXIST is fine) and runs it again.
    static func creatingFolders(of path: String, in root: String, _ create: () -> Bool) -> Bool {
        if create() { return true }
        guard errno == ENOENT else { return false }
        func make(_ folder: String) -> Bool {
            if folder.isEmpty { return true }
            if mkdir("\(root)/\(folder)", 0o755) == 0 || errno == EEXIST { return true }
            guard errno == ENOENT, make(parentFolder(folder)) else { return false }
            return mkdir("\(root)/\(folder)", 0o755) == 0 || errno == EEXIST
        }
        guard make(parentFolder(path)) else { return false }
        return create()
    }

    /// `untouched`: unchanged, and nothing was done to the staged file (a `.kept` file already there).
    enum Placement { case added, modified, unchanged, untouched }

    /// Errors of placing files, by job: the first in job order is the one reported.
    private final class Failures: @unchecked Sendable {
        private let lock = NSLock()
        private var errors: [(index: Int, error: Error)] = []
        func add(_ error: Error, at index: Int) { lock.lock(); errors.append((index, error)); lock.unlock() }
        var first: (index: Int, error: Error)? { lock.lock(); defer { lock.unlock() }; return errors.min { $0.index < $1.index } }
    }

    /// `mirror`: a folder to hard-link each newly written file into as well (`readyingSpare`). `fresh`: the
    /// staging folder was made empty for this build and there is no old site, so neither path is looked up.
    static func place(_ file: OutputFile, staging: String, old: String, mirror: String? = nil, fresh: Bool = false) throws -> Placement {
        let target = "\(staging)/\(file.path)"
        let previous = "\(old)/\(file.path)"
        if fresh, case .bytes(let bytes) = file.contents {
            let code = writeNew(bytes, path: file.path, staging: staging, mirror: mirror)
            guard code == 0 else { throw WriteError(description: "không ghi được \(target): \(String(cString: strerror(code)))") }
            return .added
        }
        // Kept by the build cache, which has just read the old file's stamp: one lstat of the staged path.
        if case .kept(let source, let stamp) = file.contents, source == previous {
            var staged = stat()
            if lstat(target, &staged) == 0 {
                if UInt64(staged.st_ino) == stamp.inode, UInt64(staged.st_dev) == stamp.device { return .untouched }
                unlink(target)
            }
            if creatingFolders(of: file.path, in: staging, { link(previous, target) == 0 }) { return .unchanged }
        }
        var oldStat = stat(), staged = stat()
        let exists = lstat(previous, &oldStat) == 0 && (oldStat.st_mode & S_IFMT) == S_IFREG
        let isStaged = lstat(target, &staged) == 0
        /// The staged path becomes the old file itself (same inode), unless it already is.
        func keepOld() -> Bool {
            if isStaged, staged.st_ino == oldStat.st_ino, staged.st_dev == oldStat.st_dev { return true }
            if isStaged { unlink(target) }
            return creatingFolders(of: file.path, in: staging) { link(previous, target) == 0 }
        }
        // The build cache found the old file current: keep it without reading it.
        if case .copy(let source) = file.contents, source == previous, exists, keepOld() { return .unchanged }
        let bytes: [UInt8]
        switch file.contents {
        case .bytes(let b): bytes = b
        case .copy(let source), .kept(let source, _):
            guard let data = readBytes(source) else { throw WriteError(description: "không đọc được \(source)") }
            bytes = data
        }
        if exists, Int(oldStat.st_size) == bytes.count, let oldBytes = readBytes(previous, expected: bytes.count),
           oldBytes == bytes, keepOld() {
            return .unchanged
        }
        // Nothing staged at the path yet (a clean build): the file is written in place. Otherwise a new
        // file beside the target, renamed over it: the staged path may be a hard link shared with the
        // current site, which must not be written through.
        if !isStaged {
            let code = writeNew(bytes, path: file.path, staging: staging, mirror: mirror)
            if code == 0 { return exists ? .modified : .added }
            if code != EEXIST { throw WriteError(description: "không ghi được \(target): \(String(cString: strerror(code)))") }
        }
        return try replace(target, with: bytes, existed: exists)
    }

    /// Writes a file where nothing is staged yet (making its folders), and links it into the mirror;
    /// 0, or the errno of the failure (EEXIST: something is there after all).
    static func writeNew(_ bytes: [UInt8], path: String, staging: String, mirror: String?) -> Int32 {
        let target = "\(staging)/\(path)"
        var code: Int32 = 0
        let written = creatingFolders(of: path, in: staging) {
            code = createFile(bytes, at: target)
            errno = code
            return code == 0
        }
        guard written else { return code }   // the last attempt's (ENOENT when its folders could not be made)
        if let mirror { _ = creatingFolders(of: path, in: mirror) { link(target, "\(mirror)/\(path)") == 0 } }
        return 0
    }

    static func replace(_ target: String, with bytes: [UInt8], existed: Bool) throws -> Placement {
        let temporary = target + ".loa-tmp"
        try writeBytes(bytes, to: temporary)
        guard rename(temporary, target) == 0 else {
            unlink(temporary)
            throw WriteError(description: "không ghi được \(target): \(String(cString: strerror(errno)))")
        }
        return existed ? .modified : .added
    }

    /// The whole regular file through POSIX reads; nil if it cannot be read, is not a regular file (opened
    /// without blocking, so a FIFO does not hang the build) or, with `expected`, is not that long.
    static func readBytes(_ path: String, expected: Int? = nil) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        let size = Int(info.st_size)
        if let expected, expected != size { return nil }
        var bytes = [UInt8](repeating: 0, count: size)
        var offset = 0
        while offset < size {
            let n = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + offset, size - offset) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return nil }
            offset += n
        }
        return bytes
    }

    /// Plain POSIX write: Foundation's `Data.write` fsyncs every file, which halves throughput.
    public static func writeBytes(_ bytes: [UInt8], to path: String) throws {
        let code = createFile(bytes, at: path, exclusive: false)
        if code != 0 { throw WriteError(description: "không ghi được \(path): \(String(cString: strerror(code)))") }
    }

    /// Writes the file; 0, or the errno of the failure. `exclusive`: fails with EEXIST rather than open a
    /// file already at `path`.
    static func createFile(_ bytes: [UInt8], at path: String, exclusive: Bool = true) -> Int32 {
        let fd = open(path, O_WRONLY | O_CREAT | (exclusive ? O_EXCL : O_TRUNC) | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return errno }
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, bytes.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += n
        }
        return 0
    }

    /// Swaps the staging folder in. With RENAME_EXCHANGE the output path never stops naming a complete site.
    /// The replaced site is kept as the spare for the next build.
    static func swap(staging: String, output: String, spare: String) throws {
        let fm = FileManager.default
        if !fm.fileExists(atPath: output) {
            guard rename(staging, output) == 0 else { throw WriteError(description: "không đổi tên được \(staging) thành \(output)") }
            return
        }
        if loa_exchange_paths(staging, output) == 0 {
            if rename(staging, spare) != 0 { try? fm.removeItem(atPath: staging) }   // now holds the previous site
            return
        }
        // File systems without RENAME_EXCHANGE: two renames, a moment without the folder.
        let old = staging + ".old"
        guard rename(output, old) == 0 else { throw WriteError(description: "không thay được \(output)") }
        guard rename(staging, output) == 0 else {
            _ = rename(old, output)
            throw WriteError(description: "không thay được \(output)")
        }
        if rename(old, spare) != 0 { try? fm.removeItem(atPath: old) }
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
        FolderWalk.list(root).files.sorted { $0.precedesInByteOrder($1) }
    }

    /// No absolute paths, no `..`: nothing may be written outside the output folder.
    /// One pass over the bytes, run for every file of every build: splitting each path into substrings was
    /// a thirtieth of a clean build's serial time.
    public static func isSafeRelativePath(_ path: String) -> Bool {
        var segmentLength = 0, dots = 0
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "/"):
                // An empty segment (a leading "/", "//"), "." or "..".
                if segmentLength == 0 || segmentLength == dots && dots <= 2 { return false }
                segmentLength = 0; dots = 0
            case UInt8(ascii: "\\"), 0: return false
            case UInt8(ascii: "."): segmentLength += 1; dots += 1
            default: segmentLength += 1
            }
        }
        return !(segmentLength == 0 || segmentLength == dots && dots <= 2)
    }
}
