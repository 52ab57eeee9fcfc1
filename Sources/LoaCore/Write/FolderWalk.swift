import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The one directory walker of the writer and the cache: through `readdir` (depth first, or a level at a
/// time on all cores for a whole listing), asking `lstat` only where the file system does not fill `d_type`.
enum FolderWalk {
    enum Kind { case file, folder, other }

    /// Calls `visit` with each entry's path relative to `root` and its kind; a folder's entries follow
    /// it. Returns false as soon as `visit` does, or (when `strict`) when a folder cannot be read.
    @discardableResult
    static func walk(_ root: String, strict: Bool = false, _ visit: (String, Kind) -> Bool) -> Bool {
        func walk(_ relative: String) -> Bool {
            var completed = true
            let opened = forEachEntry(of: root, relative) { path, kind in
                guard visit(path, kind), kind != .folder || walk(path) else { completed = false; return false }
                return true
            }
            return opened ? completed : !strict
        }
        return walk("")
    }

    /// Calls `body` with the path (relative to `root`) and kind of each entry of the folder `relative`,
    /// until it returns false. False when the folder cannot be opened.
    @discardableResult
    private static func forEachEntry(of root: String, _ relative: String, stamp: UnsafeMutablePointer<FileStamp?>? = nil,
                                     _ body: (String, Kind) -> Bool) -> Bool {
        let folder = relative.isEmpty ? root : root + "/" + relative
        guard let dir = opendir(folder) else { return false }
        defer { closedir(dir) }
        if let stamp {   // before the entries are read: a change after it moves the stamp
            var st = stat()
            stamp.pointee = fstat(dirfd(dir), &st) == 0 ? FileStamp(st) : nil
        }
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name == "." || name == ".." { continue }
            guard body(relative.isEmpty ? name : relative + "/" + name, kind(entry, in: folder, name: name)) else { break }
        }
        return true
    }

    /// Calls `visit` with the path (relative to `root`) and kind of every entry below it that is not a
    /// folder, a level of folders at a time on all cores (`visit` runs on several at once), holding no
    /// listing: how many entries `visit` counted (true; nil: passed over), or nil as soon as one returns
    /// false (the level's other folders still finish). A folder that cannot be read (or a missing root) is
    /// passed over, as `list` passes it over.
    static func countEntries(_ root: String, visiting visit: (String, Kind) -> Bool?) -> Int? {
        var level = [""], count = 0
        while !level.isEmpty {
            let read = ParallelMap.map(level) { relative -> (folders: [String], count: Int)? in
                var folders: [String] = [], count = 0, passed = true
                forEachEntry(of: root, relative) { path, kind in
                    if kind == .folder { folders.append(path); return true }
                    switch visit(path, kind) {
                    case true?: count += 1
                    case false?: passed = false
                    case nil: break
                    }
                    return passed
                }
                return passed ? (folders, count) : nil
            }
            level = []
            for result in read {
                guard let result else { return nil }
                level += result.folders
                count += result.count
            }
        }
        return count
    }

    /// Everything below `root`, relative paths, in no particular order.
    struct Listing {
        var files: [String] = [], folders: [String] = []
        /// Neither file nor folder (a link, a device…).
        var others: [String] = []
        /// A folder (or the root) could not be opened.
        var unreadable = false
    }

    /// `walk` for a whole listing, a level of folders at a time on all cores: opening each folder was most
    /// of the cost of listing a site (one folder per article), and a walk opens them one by one.
    static func list(_ root: String) -> Listing {
        list(root, known: nil, stamping: false).listing
    }

    /// `list`, reading only the folders whose stamp moved since `known` was taken (and the root); the others'
    /// entries are the known ones. `tree`: the listing with the stamps it relied on, for the next build; nil
    /// when something in it is neither a file nor a folder, or could not be read (or not `stamping`: a plain
    /// listing spares the `fstat` of each folder).
    static func list(_ root: String, known: KnownTree?, stamping: Bool = true) -> (listing: Listing, tree: KnownTree?) {
        let stampNs = realtimeNs()
        let trustedBefore = known.map { $0.stampNs - $0.racyWindowNs } ?? .min
        let knownEntries = known?.entriesByFolder() ?? [:]
        var listing = Listing()
        var stamps: [String: FileStamp] = [:]
        var level = [""]
        while !level.isEmpty {
            let read = ParallelMap.map(level) { relative -> (entries: [(path: String, kind: Kind)], stamp: FileStamp?)? in
                if !relative.isEmpty, let old = known?.folders[relative], old.ctimeNs < trustedBefore,
                   let now = FileStamp(folder: root + "/" + relative), KnownTree.isSameFolder(now, old) {
                    return (knownEntries[relative] ?? [], old)
                }
                var entries: [(path: String, kind: Kind)] = []
                var stamp: FileStamp?
                let opened = withUnsafeMutablePointer(to: &stamp) { pointer in
                    forEachEntry(of: root, relative, stamp: stamping ? pointer : nil) { entries.append(($0, $1)); return true }
                }
                return opened ? (entries, stamp) : nil
            }
            for (relative, result) in zip(level, read) where !relative.isEmpty { stamps[relative] = result?.stamp }
            level = []
            for result in read {
                guard let result else { listing.unreadable = true; continue }
                for entry in result.entries {
                    switch entry.kind {
                    case .file: listing.files.append(entry.path)
                    case .folder: listing.folders.append(entry.path); level.append(entry.path)
                    case .other: listing.others.append(entry.path)
                    }
                }
            }
        }
        let complete = stamping && !listing.unreadable && listing.others.isEmpty && stamps.count == listing.folders.count
        return (listing, complete ? KnownTree(files: listing.files, folders: stamps, stampNs: stampNs) : nil)
    }

    /// Every folder above one of `files` (relative paths), the root ("") left out.
    static func folders(of files: [String]) -> Set<String> {
        var result = Set<String>()
        for file in files {
            var folder = OutputWriter.parentFolder(file)
            while !folder.isEmpty, result.insert(folder).inserted { folder = OutputWriter.parentFolder(folder) }
        }
        return result
    }

    static func kind(_ entry: UnsafeMutablePointer<dirent>, in folder: String, name: String) -> Kind {
        var type = Int32(entry.pointee.d_type)
        if type == Int32(DT_UNKNOWN) {
            var st = stat()
            guard lstat(folder + "/" + name, &st) == 0 else { return .other }
            switch st.st_mode & S_IFMT {
            case S_IFDIR: type = Int32(DT_DIR)
            case S_IFREG: type = Int32(DT_REG)
            default: return .other
            }
        }
        return type == Int32(DT_DIR) ? .folder : type == Int32(DT_REG) ? .file : .other
    }
}
