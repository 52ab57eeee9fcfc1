import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A folder tree as a build left it: its files and folders (relative paths), with each folder's stamp
/// taken before its entries were read or after the build's last change to them. Making, removing or
/// renaming an entry moves the folder's mtime and ctime, and ctime cannot be set by programs, so a folder
/// whose stamp is unchanged still holds exactly the entries known, and the next build need not read it:
/// on a 10,000-article site the output has 15,000 folders, and reading them all was a third of a
/// one-article edit (more when the kernel had let their blocks go), where checking their stamps is a tenth
/// of that. The root's own stamp is never trusted: the swap renames it.
struct KnownTree: Sendable, Equatable {
    var files: [String]
    var folders: [String: FileStamp]
    /// Realtime (ns) read before the first stamp was taken. A folder changed in the same clock tick as its
    /// stamp could keep the stamp, so a stamp that recent (`racyWindowNs`) is not trusted.
    var stampNs: Int64

    var racyWindowNs: Int64 {
        FileStamp.racyWindowNs(ctimes: folders.values.lazy.map(\.ctimeNs))
    }

    /// The tree of `files` (and the folders above them) below `root`, with each folder's stamp. Call only
    /// when nothing but this build has changed the folder since it made `files` its entries.
    /// `listed`: the folder as listed earlier by this build (`FolderWalk.list`); the stamps it holds are
    /// kept for the folders not in `touched` (those whose entries the build did not change since), so only
    /// the others are stamped again: a one-article edit changes a few of the 15,000 folders.
    static func stamping(_ root: String, files: [String], folders: Set<String>, listed: KnownTree? = nil,
                         touched: Set<String> = []) -> KnownTree {
        let stampNs = listed.map { min($0.stampNs, realtimeNs()) } ?? realtimeNs()
        let list = Array(folders)
        let stamps = ParallelMap.map(list) { folder -> FileStamp? in
            if let listed, !touched.contains(folder), let stamp = listed.folders[folder] { return stamp }
            return FileStamp(folder: root + "/" + folder)
        }
        var known: [String: FileStamp] = [:]
        known.reserveCapacity(list.count)
        for (folder, stamp) in zip(list, stamps) {
            guard let stamp else { return KnownTree(files: files, folders: [:], stampNs: stampNs) }
            known[folder] = stamp
        }
        return KnownTree(files: files, folders: known, stampNs: stampNs)
    }

    /// The entries of each folder (the root is ""), as `FolderWalk` reports them.
    func entriesByFolder() -> [String: [(path: String, kind: FolderWalk.Kind)]] {
        var entries: [String: [(path: String, kind: FolderWalk.Kind)]] = [:]
        for file in files { entries[OutputWriter.parentFolder(file), default: []].append((file, .file)) }
        for folder in folders.keys { entries[OutputWriter.parentFolder(folder), default: []].append((folder, .folder)) }
        return entries
    }

    /// `files`: false when the reader knows them (`decode(_:files:)`).
    /// In no particular order: the cache is not output, and sorting 30,000 paths was most of the cost. A
    /// folder's stamp is kept as its inode, mtime and ctime (`isSameFolder`).
    func encode(_ w: inout CacheWriter, files withFiles: Bool = true) {
        if withFiles { w.array(files) { $0.string($1) } }
        w.int(folders.count)
        for (folder, stamp) in folders {
            w.string(folder); w.u64(stamp.inode); w.u64(UInt64(bitPattern: stamp.mtimeNs)); w.u64(UInt64(bitPattern: stamp.ctimeNs))
            w.flushIfFull()
        }
        w.u64(UInt64(bitPattern: stampNs))
    }

    /// Whether a folder's stamp now is the one recorded: the fields `encode` keeps.
    static func isSameFolder(_ now: FileStamp, _ recorded: FileStamp) -> Bool {
        now.inode == recorded.inode && now.ctimeNs == recorded.ctimeNs && now.mtimeNs == recorded.mtimeNs
    }

    static func decode(_ r: inout CacheReader, files known: [String]? = nil) throws -> KnownTree {
        let files = try known ?? r.array { try $0.string() }
        var folders: [String: FileStamp] = [:]
        _ = try r.array { r in
            folders[try r.string()] = FileStamp(device: 0, inode: try r.u64(), size: 0, mtimeNs: Int64(bitPattern: try r.u64()),
                                                ctimeNs: Int64(bitPattern: try r.u64()))
        }
        return KnownTree(files: files, folders: folders, stampNs: Int64(bitPattern: try r.u64()))
    }
}

/// The trees of an output folder and of its spare (`OutputWriter`) as the last build left them.
struct OutputTrees: Sendable, Equatable {
    var output: KnownTree?
    var spare: KnownTree?
}
