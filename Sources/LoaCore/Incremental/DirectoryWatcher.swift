import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Watches folders below a root with Linux inotify, sub-folders included (also those created later), and
/// returns changes in debounced batches: an editor that saves through a temporary file and a rename, or a
/// `git checkout` touching many files, gives one batch, not a rebuild per event.
public final class DirectoryWatcher {
    let fd: Int32
    let root: String
    let folders: [String]
    /// Watch descriptor → folder relative to the root ("" for the root itself).
    var watches: [Int32: String] = [:]

    static let mask: UInt32 = UInt32(IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO
                                     | IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF)

    public init(root: String, folders: [String] = InputScan.folders) throws {
        self.root = root.hasSuffix("/") ? String(root.dropLast()) : root
        self.folders = folders
        fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard fd >= 0 else { throw WriteError(description: "không theo dõi được thư mục (inotify): \(String(cString: strerror(errno)))") }
        // The root itself, only to notice content/ or themes/ appearing or being replaced.
        let wd = inotify_add_watch(fd, self.root, UInt32(IN_CREATE | IN_MOVED_TO | IN_DELETE | IN_MOVED_FROM))
        if wd >= 0 { watches[wd] = "" }
        for folder in folders { _ = addTree(folder) }
    }

    deinit { close(fd) }

    /// Adds a watch on a folder and everything below it; returns the files found (created before the watch).
    @discardableResult
    func addTree(_ relative: String) -> [String] {
        func watch(_ folder: String) -> Bool {
            let wd = inotify_add_watch(fd, root + "/" + folder, DirectoryWatcher.mask | UInt32(IN_ONLYDIR))
            if wd >= 0 { watches[wd] = folder }
            return wd >= 0
        }
        guard watch(relative) else { return [] }
        var files: [String] = []
        // A folder is watched before its entries are listed, so a file created meanwhile is not missed.
        FolderWalk.walk(root + "/" + relative) { path, kind in
            if kind == .folder { _ = watch(relative + "/" + path) } else { files.append(relative + "/" + path) }
            return true
        }
        return files
    }

    public var watchedFolders: Int { watches.count }

    /// Waits for changes: returns once a change was seen and `quiet` seconds passed without another (at
    /// most `maxDelay` after the first), with the changed paths relative to the root, sorted; nil when
    /// `timeout` passed without any change. Editor leftovers (`.name`, `name~`) are not changes.
    public func next(quiet: Double = 0.2, maxDelay: Double = 2, timeout: Double? = nil) -> [String]? {
        var changed = Set<String>()
        let start = Date()
        var first: Date?
        while true {
            let now = Date()
            var wait: Double
            if let first {
                wait = min(quiet, maxDelay - now.timeIntervalSince(first))
                if wait <= 0 { break }
            } else if let timeout {
                wait = timeout - now.timeIntervalSince(start)
                if wait <= 0 { return nil }
            } else {
                wait = 3600
            }
            var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&pfd, 1, Int32(wait * 1000))
            if ready < 0 { if errno == EINTR { continue }; return nil }
            if ready == 0 {
                if first != nil { break }   // quiet long enough
                continue
            }
            let batch = drain()
            if !batch.isEmpty {
                changed.formUnion(batch)
                if first == nil { first = Date() }
            }
        }
        return changed.sorted()
    }

    /// Reads every pending event; new folders get watches at once.
    func drain() -> [String] {
        var paths: [String] = []
        let size = 64 * 1024
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 8)
        defer { buffer.deallocate() }
        while true {
            let n = read(fd, buffer, size)
            if n <= 0 { break }
            var offset = 0
            while offset + MemoryLayout<inotify_event>.size <= n {
                let event = buffer.load(fromByteOffset: offset, as: inotify_event.self)
                let nameStart = buffer + offset + MemoryLayout<inotify_event>.size
                let name = event.len > 0 ? String(cString: nameStart.assumingMemoryBound(to: CChar.self)) : ""
                offset += MemoryLayout<inotify_event>.size + Int(event.len)
                if event.mask & UInt32(IN_Q_OVERFLOW) != 0 {
                    // Events were lost: report a change (the build re-scans everything) and re-add watches
                    // for folders that may have appeared meanwhile.
                    paths.append("content")
                    for folder in folders { addTree(folder) }
                    continue
                }
                if event.mask & UInt32(IN_IGNORED) != 0 { watches[event.wd] = nil; continue }
                guard let folder = watches[event.wd] else { continue }
                if folder.isEmpty {
                    // At the root: only content/ or themes/ coming or going matters.
                    if folders.contains(name) {
                        paths.append(name)
                        if event.mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 { paths += addTree(name) }
                    }
                    continue
                }
                let path = name.isEmpty ? folder : folder + "/" + name
                if event.mask & UInt32(IN_ISDIR) != 0, event.mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 {
                    paths.append(path)
                    paths += addTree(path)
                    continue
                }
                if name.hasPrefix(".") || name.hasSuffix("~") { continue }
                paths.append(path)
            }
        }
        return paths
    }
}

/// `loa watch`: a build, then one more after every batch of changes. Each build swaps the output folder
/// atomically; a failed build leaves the last good site in place. The cache stays in memory between builds.
public final class SiteWatcher {
    public let options: BuildOptions
    public let cache: BuildCache
    let watcher: DirectoryWatcher

    public init(options: BuildOptions) throws {
        var options = options
        options.useCache = true
        options.defersFinishing = true
        self.options = options
        cache = BuildCache(root: options.root)
        watcher = try DirectoryWatcher(root: options.root)
    }

    /// One build now (with `now` moved to the present unless it was fixed), finished.
    public func build(fixedNow: Bool = false) -> Result<BuildReport, Error> {
        let result = buildUnfinished(fixedNow: fixedNow)
        if case .success(let report) = result { report.finish?() }
        return result
    }

    /// `build`, returning as soon as the new site is in place: the caller runs `finish` (`run` does, after
    /// `onBuild`, so a browser is told to reload before the cache is saved).
    func buildUnfinished(fixedNow: Bool) -> Result<BuildReport, Error> {
        var options = self.options
        if !fixedNow { options.now = ContentDate(instant: Date()) }
        return Result { try SiteBuilder.build(options, cache: cache) }
    }

    /// Builds, then waits for changes and rebuilds until `shouldStop` says so (checked at least every
    /// `tick` seconds). `onBuild` gets each result with the changed paths that caused it.
    public func run(fixedNow: Bool = false, quiet: Double = 0.2, tick: Double = 0.5,
                    shouldStop: () -> Bool = { false }, onBuild: (Result<BuildReport, Error>, [String]) -> Void) {
        var scheduled: Date?
        func rebuild(_ changed: [String]) {
            let result = buildUnfinished(fixedNow: fixedNow)
            if case .success(let report) = result { scheduled = fixedNow ? nil : report.nextChange?.instant }
            onBuild(result, changed)
            if case .success(let report) = result { report.finish?() }
        }
        rebuild([])
        while !shouldStop() {
            if let at = scheduled, at <= Date() {   // a publish_at or expires moment: the site changes by itself
                rebuild([])
                continue
            }
            guard let changed = watcher.next(quiet: quiet, timeout: tick) else { continue }
            rebuild(changed)
        }
    }
}
