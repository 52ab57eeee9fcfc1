import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Cache entries added during a build, appended to a temporary file in the cache folder (unlinked at
/// once, so a killed build leaves nothing) and read back by offset. Used under `BuildCache.lock`.
final class PendingEntries {
    private let fd: Int32
    private var buffer: [UInt8] = []
    private var flushed = 0
    private var failed = false
    private var index: [UInt64: (offset: Int, length: Int)] = [:]

    init?(folder: String) {
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = "\(folder)/pending-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tmp"
        fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return nil }
        unlink(path)
        buffer.reserveCapacity(1 << 20)
    }

    deinit { close(fd) }

    var keys: Dictionary<UInt64, (offset: Int, length: Int)>.Keys { index.keys }

    func length(of key: UInt64) -> Int? { index[key]?.length }

    /// False when the file cannot be written (the caller keeps the entry in memory instead).
    func append(_ key: UInt64, _ bytes: [UInt8]) -> Bool {
        guard !failed else { return false }
        index[key] = (flushed + buffer.count, bytes.count)
        buffer += bytes
        if buffer.count >= 1 << 20 { flush() }
        if failed { index[key] = nil }
        return !failed
    }

    func read(_ key: UInt64) -> [UInt8]? {
        guard let entry = index[key] else { return nil }
        if entry.offset + entry.length > flushed { flush() }
        guard !failed else { return nil }
        var bytes = [UInt8](repeating: 0, count: entry.length)
        var done = 0
        while done < entry.length {
            let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + done, entry.length - done, off_t(entry.offset + done)) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return nil }
            done += n
        }
        return bytes
    }

    private func flush() {
        var done = 0
        while done < buffer.count && !failed {
            let n = buffer.withUnsafeBytes { pwrite(fd, $0.baseAddress! + done, buffer.count - done, off_t(flushed + done)) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { failed = true } else { done += n }
        }
        flushed += buffer.count
        buffer.removeAll(keepingCapacity: true)
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

    /// Writes what is buffered and closes; false when any write failed.
    func close() -> Bool {
        flush()
        return Glibc.close(fd) == 0 && !failed
    }
}

