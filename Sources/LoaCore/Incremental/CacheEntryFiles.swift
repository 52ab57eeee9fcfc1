import CLoaSystem
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A cache file of `(key, bytes)` entries (documents.bin, the journal), read on demand: opening checks the
/// header and the checksum of the whole file in one streaming pass and keeps only each entry's offset, so a
/// build holds the entries it decodes rather than the file (134 MB at 10,000 articles), and a build that
/// needs no entry (the no-op fast path) never opens it.
final class EntryFile {
    private let fd: Int32
    let size: Int
    private(set) var index: [UInt64: (offset: Int, length: Int)] = [:]

    /// nil when the file does not exist; throws `CacheCorruption` when it cannot be used.
    init?(_ path: String, magic: String) throws {
        fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        var info = stat()
        guard fstat(fd, &info) == 0 else { close(fd); throw CacheCorruption(description: "không đọc được tệp") }
        size = Int(info.st_size)
        // Fully initialized from here: if `load` throws, `deinit` runs and closes the file. Closing it here
        // too closed it twice, the second time perhaps a file another thread had just opened.
        try load(magic: magic)
    }

    deinit { close(fd) }

    private func load(magic: String) throws {
        var header = CacheReader(try bytes(at: 0, count: min(size, 4096)))
        let (length, expected) = try header.header(magic: magic)
        let start = header.offset
        guard length >= 0, start + length == size else { throw CacheCorruption(description: "tệp bộ nhớ đệm bị cắt cụt") }
        // The entries, each `key, length, bytes`, up to the end of the file: their headers are read from
        // the chunks the checksum reads (one `pread` of 16 bytes per entry was most of opening the file).
        var hash = XXHash64()
        var offset = start, next = start
        func entry(_ header: UnsafeRawBufferPointer) throws {
            var key: UInt64 = 0, length: UInt64 = 0
            withUnsafeMutableBytes(of: &key) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: header[0..<8])) }
            withUnsafeMutableBytes(of: &length) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: header[8..<16])) }
            let n = Int(Int64(bitPattern: UInt64(littleEndian: length)))
            guard n >= 0, next + 16 + n <= size else { throw CacheCorruption(description: "tệp bộ nhớ đệm bị cắt cụt") }
            if index[UInt64(littleEndian: key)] == nil { index[UInt64(littleEndian: key)] = (next + 16, n) }
            next += 16 + n
        }
        while offset < size {
            let chunk = try bytes(at: offset, count: min(1 << 20, size - offset))
            try chunk.withUnsafeBytes { raw in
                hash.update(raw)
                while next + 16 <= offset + chunk.count {
                    try entry(UnsafeRawBufferPointer(rebasing: raw[(next - offset)..<(next - offset + 16)]))
                }
                // A header across the chunk's end is read on its own.
                if next < offset + chunk.count, next + 16 <= size {
                    try bytes(at: next, count: 16).withUnsafeBytes { try entry($0) }
                }
            }
            offset += chunk.count
        }
        guard hash.finish() == expected else { throw CacheCorruption(description: "tệp bộ nhớ đệm bị hỏng (sai mã kiểm tra)") }
        guard next == size else { throw CacheCorruption(description: "tệp bộ nhớ đệm bị cắt cụt") }
    }

    /// What precedes an entry's bytes in the file.
    static func prefix(_ key: UInt64, _ length: Int) -> [UInt8] {
        var w = CacheWriter(capacity: 16)
        w.u64(key); w.int(length)
        return w.bytes
    }

    func read(_ key: UInt64) -> [UInt8]? {
        guard let entry = index[key] else { return nil }
        return try? bytes(at: entry.offset, count: entry.length)
    }

    private func bytes(at offset: Int, count: Int) throws -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let n = out.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + done, count - done, off_t(offset + done)) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw CacheCorruption(description: "tệp bộ nhớ đệm bị cắt cụt") }
            done += n
        }
        return out
    }
}

/// Cache entries added during a build, appended as they are made to a spill file in the cache folder
/// and read back by offset. The file has documents.bin's layout behind room for its header: when a
/// build's entries are exactly the ones it made (a first or clean build), the file becomes documents.bin
/// as it is (`keep`) instead of being copied into it (at 100,000 articles, 240 MB written again and read
/// twice: 1.9 s). Used under `BuildCache.lock`.
final class PendingEntries {
    private let file: SpillFile
    private let headerLength: Int
    /// Key → offset (high 40 bits) and length (low 24 bits) of its bytes: a tuple of two `Int`s made the
    /// index of a 100,000-article build's 200,000 entries 12.6 MB, one word each in a dictionary 8.4 MB
    /// (just past its load limit, it had doubled), in a `WordTable` 4.2 MB.
    private var index = WordTable()
    private static let lengthBits: UInt64 = 24
    /// Of every byte after the header room, in order: the header's checksum.
    private var hash = XXHash64()

    init?(folder: String, headerLength: Int) {
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        guard let file = SpillFile(folder: folder, reserving: headerLength) else { return nil }
        self.file = file
        self.headerLength = headerLength
    }

    /// The file can be given a name (`keep`).
    var unnamed: Bool { file.unnamed }

    var keys: [UInt64] { index.keys }

    /// Lets the file's write buffer go: nothing is appended until the next stage that stores entries.
    func finishWriting() { file.finishWriting() }

    func length(of key: UInt64) -> Int? { index[key].map { Int($0 & (1 << PendingEntries.lengthBits - 1)) } }

    /// False when the file cannot be written, or the entry is 16 MB or more (the caller keeps the entry in
    /// memory instead).
    func append(_ key: UInt64, _ bytes: [UInt8]) -> Bool {
        guard bytes.count < 1 << PendingEntries.lengthBits, file.end < 1 << (64 - PendingEntries.lengthBits - 1) else { return false }
        let prefix = EntryFile.prefix(key, bytes.count)
        guard file.append(prefix) != nil, let offset = file.append(bytes) else { return false }
        index[key] = UInt64(offset) << PendingEntries.lengthBits | UInt64(bytes.count)
        prefix.withUnsafeBytes { hash.update($0) }
        bytes.withUnsafeBytes { hash.update($0) }
        return true
    }

    func read(_ key: UInt64) -> [UInt8]? {
        guard let entry = index[key] else { return nil }
        return file.read(at: Int(entry >> PendingEntries.lengthBits), count: Int(entry & (1 << PendingEntries.lengthBits - 1)))
    }

    /// Names the file `path` (replacing what is there) with the header `make(length, hash)` written in its
    /// room; false, leaving `path` as it was, when it cannot (no unnamed file, a failed write).
    func keep(as path: String, header make: (_ length: Int, _ hash: UInt64) -> [UInt8]) -> Bool {
        let header = make(file.end - headerLength, hash.finish())
        guard header.count == headerLength else { return false }
        return file.link(as: path, header: header)
    }
}

/// A file of appended bytes read back by offset: unnamed (O_TMPFILE) where the file system allows, so a
/// killed build leaves nothing and the file can still be given a name (`link`); elsewhere a named file
/// unlinked at once. Writes go through a 1 MB buffer. Not locked: its owner serialises calls.
final class SpillFile {
    private let fd: Int32
    let unnamed: Bool
    private var buffer: [UInt8] = []
    private var flushed: Int
    private var failed = false

    /// `reserving`: bytes left at the start of the file for its owner (`link`'s header).
    init?(folder: String, reserving: Int = 0) {
        var fd = loa_open_unnamed(folder)
        unnamed = fd >= 0
        if fd < 0 {
            let path = "\(folder)/.loa-spill-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tmp"
            fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            guard fd >= 0 else { return nil }
            unlink(path)
        }
        self.fd = fd
        flushed = reserving
    }

    deinit { close(fd) }

    /// Where the next byte appended goes.
    var end: Int { flushed + buffer.count }

    /// The offset `bytes` were appended at; nil once a write has failed.
    func append(_ bytes: [UInt8]) -> Int? {
        guard !failed else { return nil }
        let offset = end
        // The buffer stays at 1 MB: one appended past it grew it to 2 MB, held by each spill to its end.
        if bytes.count >= SpillFile.bufferSize / 2 {
            flush()
            write(bytes)
        } else {
            if buffer.count + bytes.count > SpillFile.bufferSize { flush() }
            if buffer.capacity == 0 { buffer.reserveCapacity(SpillFile.bufferSize) }
            buffer += bytes
        }
        return failed ? nil : offset
    }

    static let bufferSize = 1 << 20

    /// Writes what is buffered and lets the buffer go: its owner appends nothing more for a while (a
    /// stage's spill once the stage is done). A later append makes a new one.
    func finishWriting() {
        flush()
        buffer = []
    }

    func read(at offset: Int, count: Int) -> [UInt8]? {
        guard written(upTo: offset + count) else { return nil }
        return readWritten(at: offset, count: count)
    }

    /// Makes the bytes before `end` readable by `readWritten` (flushing the buffer if they are in it);
    /// false once a write has failed.
    func written(upTo end: Int) -> Bool {
        if end > flushed { flush() }
        return !failed
    }

    /// Bytes already written (`written(upTo:)`): safe on any thread while others append.
    func readWritten(at offset: Int, count: Int) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + done, count - done, off_t(offset + done)) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return nil }
            done += n
        }
        return bytes
    }

    /// Names the unnamed file `path` (replacing what is there), `header` written at its start; false,
    /// leaving `path` as it was, when it cannot.
    func link(as path: String, header: [UInt8]) -> Bool {
        guard unnamed, !failed else { return false }
        flush()
        guard !failed, header.withUnsafeBytes({ pwrite(fd, $0.baseAddress, header.count, 0) }) == header.count else { return false }
        let temporary = "\(path).tmp-\(getpid())"
        unlink(temporary)
        guard loa_link_unnamed(fd, temporary) == 0 else { return false }
        guard rename(temporary, path) == 0 else { unlink(temporary); return false }
        return true
    }

    private func flush() {
        write(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes `bytes` at `flushed` (after what is buffered has been: `flush` first).
    private func write(_ bytes: [UInt8]) {
        var done = 0
        while done < bytes.count && !failed {
            let n = bytes.withUnsafeBytes { pwrite(fd, $0.baseAddress! + done, bytes.count - done, off_t(flushed + done)) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { failed = true } else { done += n }
        }
        flushed += bytes.count
    }
}

/// Sequential POSIX writes through a 1 MB buffer.
final class ChunkedFile {
    private let fd: Int32
    private var buffer: [UInt8] = []
    private var failed = false

    init?(_ path: String) {
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return nil }
        buffer.reserveCapacity(1 << 20)
    }

    func write(_ bytes: ArraySlice<UInt8>) {
        if buffer.count + bytes.count > 1 << 20 { flush() }
        if bytes.count >= 1 << 20 { put(bytes) } else { buffer.append(contentsOf: bytes) }
    }

    private func flush() { put(buffer[...]); buffer.removeAll(keepingCapacity: true) }

    private func put(_ bytes: ArraySlice<UInt8>) {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count && !failed {
                let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { failed = true } else { offset += n }
            }
        }
    }

    /// Writes `bytes` at `offset`, after what is buffered (a header known only at the end).
    func write(_ bytes: [UInt8], at offset: Int) {
        flush()
        let written = bytes.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, off_t(offset)) }
        if written != bytes.count { failed = true }
    }

    /// Writes what is buffered and closes; false when any write failed.
    func close() -> Bool {
        flush()
        return Glibc.close(fd) == 0 && !failed
    }
}

