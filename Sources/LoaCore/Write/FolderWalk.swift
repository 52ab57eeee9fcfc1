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
    private static func forEachEntry(of root: String, _ relative: String, _ body: (String, Kind) -> Bool) -> Bool {
        let folder = relative.isEmpty ? root : root + "/" + relative
        guard let dir = opendir(folder) else { return false }
        defer { closedir(dir) }
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name == "." || name == ".." { continue }
            guard body(relative.isEmpty ? name : relative + "/" + name, kind(entry, in: folder, name: name)) else { break }
        }
        return true
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
        var listing = Listing()
        var level = [""]
        while !level.isEmpty {
            let read = ParallelMap.map(level) { relative -> [(path: String, kind: Kind)]? in
                var entries: [(path: String, kind: Kind)] = []
                let opened = forEachEntry(of: root, relative) { entries.append(($0, $1)); return true }
                return opened ? entries : nil
            }
            level = []
            for entries in read {
                guard let entries else { listing.unreadable = true; continue }
                for entry in entries {
                    switch entry.kind {
                    case .file: listing.files.append(entry.path)
                    case .folder: listing.folders.append(entry.path); level.append(entry.path)
                    case .other: listing.others.append(entry.path)
                    }
                }
            }
        }
        return listing
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
