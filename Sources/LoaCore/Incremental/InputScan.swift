import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What `stat` says about a file: used only as a hint that a file's bytes are unchanged, never alone.
public struct FileStamp: Equatable, Sendable {
    public var device: UInt64
    public var inode: UInt64
    public var size: Int
    public var mtimeNs: Int64
    public var ctimeNs: Int64

    /// nil when the path is not a regular file (or a link to one).
    public init?(path: String, followLinks: Bool = true) {
        var st = stat()
        guard (followLinks ? stat(path, &st) : lstat(path, &st)) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
        self.init(st)
    }

    /// nil when the path is not a folder (a link to one is not).
    init?(folder path: String) {
        var st = stat()
        guard lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR else { return nil }
        self.init(st)
    }

    init(_ st: stat) {
        device = UInt64(st.st_dev)
        inode = UInt64(st.st_ino)
        size = Int(st.st_size)
        mtimeNs = Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec)
        ctimeNs = Int64(st.st_ctim.tv_sec) * 1_000_000_000 + Int64(st.st_ctim.tv_nsec)
    }

    init(device: UInt64, inode: UInt64, size: Int, mtimeNs: Int64, ctimeNs: Int64) {
        self.device = device; self.inode = inode; self.size = size; self.mtimeNs = mtimeNs; self.ctimeNs = ctimeNs
    }

    /// Trusted only when every field matches AND the file's ctime is older than `stamp` (when it was last
    /// looked at) by more than the file system's timestamp granularity. ctime cannot be set by programs
    /// (touch, rsync -t, git checkout all move it), so together with inode and size it catches every
    /// rewrite; the racy window catches a rewrite in the same clock tick as the last look (as git does).
    public func matches(_ other: FileStamp, lookedAtNs stamp: Int64) -> Bool {
        self == other && ctimeNs < stamp - FileStamp.racyWindowNs
    }

    public static let racyWindowNs: Int64 = 1_000_000_000

    /// The racy window for stamps written by Loa on the build machine: 100 ms where ctimes have
    /// nanoseconds (a change after the stamp gets another ctime unless it falls in the same clock tick, at
    /// most 10 ms), `racyWindowNs` where every ctime is whole seconds (a coarse file system).
    static func racyWindowNs(ctimes: some Sequence<Int64>) -> Int64 {
        ctimes.contains { $0 % 1_000_000_000 != 0 } ? 100_000_000 : racyWindowNs
    }

    func encode(_ w: inout CacheWriter) {
        w.u64(device); w.u64(inode); w.int(size); w.u64(UInt64(bitPattern: mtimeNs)); w.u64(UInt64(bitPattern: ctimeNs))
    }

    static func decode(_ r: inout CacheReader) throws -> FileStamp {
        FileStamp(device: try r.u64(), inode: try r.u64(), size: try r.int(),
                  mtimeNs: Int64(bitPattern: try r.u64()), ctimeNs: Int64(bitPattern: try r.u64()))
    }
}

public func realtimeNs() -> Int64 {
    var ts = timespec()
    clock_gettime(CLOCK_REALTIME, &ts)
    return Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec)
}

/// Every input file of a build with the xxHash64 of its bytes: all regular files under `content/` and
/// `themes/` (a superset of what the loaders read, so nothing that feeds a page escapes the digest).
public struct InputScan: Sendable {
    public struct Entry: Sendable {
        public var stamp: FileStamp
        public var hash: UInt64
    }

    /// Folders below the site root that hold inputs. A new kind of input must live in one of them.
    public static let folders = ["content", "themes"]

    /// Relative path → entry.
    public var files: InputFiles
    /// Over the sorted (path, hash) pairs: equal digests mean equal inputs.
    public var digest: UInt64
    /// When the scan started (realtime ns), for the racy window of the next scan.
    public var startedNs: Int64
    /// Files hashed in this scan (the others were trusted from the previous scan's stamps).
    public var hashed: Int

    /// Hashes every file whose stamp differs from `previous` (or that is racy); `trustStamps: false`
    /// re-hashes everything.
    public static func scan(root: String, previous: InputScan?, trustStamps: Bool = true) -> InputScan {
        let started = realtimeNs()
        var found = stamps(root: root)
        found.sort { $0.0.precedesInByteOrder($1.0) }
        let hashes = ParallelMap.map(found) { (path, stamp) -> UInt64? in
            if trustStamps, let old = previous?.files[path], old.stamp.matches(stamp, lookedAtNs: previous!.startedNs) {
                return old.hash
            }
            return hashFile(root + "/" + path)
        }
        var files: [(path: String, entry: Entry)] = []
        files.reserveCapacity(found.count)
        var digest = XXHash64(seed: 0x1A)
        var hashed = 0
        for ((path, stamp), hash) in zip(found, hashes) {
            // A file that vanished between listing and reading is left out; the loaders will not see it either.
            guard let hash else { continue }
            let old = previous?.files[path]
            if old?.hash != hash || !(old?.stamp.matches(stamp, lookedAtNs: previous!.startedNs) ?? false) { hashed += 1 }
            files.append((path, Entry(stamp: stamp, hash: hash)))
            digest.field(path)
            digest.update(hash)
        }
        return InputScan(files: InputFiles(sorted: files), digest: digest.finish(), startedNs: started, hashed: hashed)
    }

    /// Hash of the files below a folder (path and bytes), e.g. a theme's templates.
    public func digest(under folder: String) -> UInt64 {
        var h = XXHash64(seed: 0x2B)
        for (path, entry) in files where path.hasPrefix(folder + "/") {   // in byte order
            h.field(path)
            h.update(entry.hash)
        }
        return h.finish()
    }

    /// True when some input's stamp moved since the scan: an edit landed during the build.
    /// Stamped folder by folder as the folders are read, not listed first: the list of 100,000 paths and
    /// their stamps, made at the end of a large build (when the pages' memory has just been freed and the
    /// heap's free blocks are scattered), raised its peak by 6 MB.
    public func changedSince(root: String) -> Bool {
        var count = 0
        for folder in InputScan.folders {
            // As the scan: what has no stamp (gone since listed, a link to a folder) is not an input.
            let same = FolderWalk.countEntries(root + "/" + folder) { path, _ -> Bool? in
                let relative = folder + "/" + path
                guard let stamp = FileStamp(path: root + "/" + relative) else { return nil }
                return files[relative]?.stamp == stamp
            }
            guard let same else { return true }
            count += same
        }
        return count != files.count
    }

    /// Every input file with its stamp, in no particular order: the folders listed a level at a time and
    /// the files stamped on all cores (`FolderWalk.list`). Links to files count as the files they name;
    /// links to folders are not followed, as the loaders do not follow them.
    static func stamps(root: String) -> [(String, FileStamp)] {
        var candidates: [String] = []
        for folder in folders {
            let listing = FolderWalk.list(root + "/" + folder)
            candidates += (listing.files + listing.others).map { folder + "/" + $0 }
        }
        return ParallelMap.map(candidates) { path in FileStamp(path: root + "/" + path).map { (path, $0) } }.compactMap { $0 }
    }

    /// xxHash64 of a file's bytes, read in 64 KiB blocks; nil when it cannot be read. (A 1 MiB block was
    /// above glibc's mmap threshold: mapped, faulted in and unmapped again for every file of a scan.)
    public static func hashFile(_ path: String) -> UInt64? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var hasher = XXHash64()
        let block = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
        defer { block.deallocate() }
        while true {
            let n = read(fd, block.baseAddress, block.count)
            if n < 0 { if errno == EINTR { continue }; return nil }
            if n == 0 { break }
            hasher.update(UnsafeRawBufferPointer(rebasing: block[0..<n]))
        }
        return hasher.finish()
    }

    func encode(_ w: inout CacheWriter) {
        w.u64(UInt64(bitPattern: startedNs))
        w.u64(digest)
        // In byte order (older caches wrote them in no particular order: `decode` sorts those).
        w.array(files, count: files.count) { w, file in
            w.string(file.path)
            file.entry.stamp.encode(&w)
            w.u64(file.entry.hash)
        }
    }

    static func decode(_ r: inout CacheReader) throws -> InputScan {
        let started = Int64(bitPattern: try r.u64())
        let digest = try r.u64()
        let files = try r.array { r in
            (path: try r.string(), entry: Entry(stamp: try FileStamp.decode(&r), hash: try r.u64()))
        }
        let sorted = zip(files, files.dropFirst()).allSatisfy { $0.path.precedesInByteOrder($1.path) }
        return InputScan(files: sorted ? InputFiles(sorted: files) : InputFiles(unordered: files), digest: digest,
                         startedNs: started, hashed: 0)
    }
}
