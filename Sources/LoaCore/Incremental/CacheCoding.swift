import Foundation

/// A cache file that cannot be trusted: wrong magic, another Loa version, truncated or altered bytes.
public struct CacheCorruption: Error, CustomStringConvertible {
    public var description: String
}

/// Little-endian binary encoding for cache files. Every cache file is `magic, format, Loa version,
/// payload length, payload hash, payload`, so a foreign, truncated or altered file is recognised and ignored.
public struct CacheWriter {
    public internal(set) var bytes: [UInt8] = []
    /// Where a streamed file's payload goes a megabyte at a time (`CacheFiles.writeStreaming`); nil for a
    /// writer whose bytes are kept.
    fileprivate var sink: CacheFileSink?

    public init(capacity: Int = 1 << 16) { bytes.reserveCapacity(capacity) }

    /// For a streamed file, sends what is buffered on once it passes a megabyte. Called between items of a
    /// long list (`array` does it after each).
    mutating func flushIfFull() {
        guard let sink, bytes.count >= CacheFileSink.pieceSize else { return }
        sink.take(bytes)
        bytes.removeAll(keepingCapacity: true)
    }

    public mutating func u8(_ v: UInt8) { bytes.append(v) }
    public mutating func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
    public mutating func int(_ v: Int) { u64(UInt64(bitPattern: Int64(v))) }
    public mutating func bool(_ v: Bool) { u8(v ? 1 : 0) }
    public mutating func double(_ v: Double) { u64(v.bitPattern) }
    public mutating func string(_ v: String) {
        var v = v
        v.withUTF8 { buffer in
            int(buffer.count)
            bytes.append(contentsOf: buffer)
        }
    }
    public mutating func optional<T>(_ v: T?, _ write: (inout CacheWriter, T) -> Void) {
        if let v { u8(1); write(&self, v) } else { u8(0) }
    }
    public mutating func array<Items: Collection>(_ items: Items, _ write: (inout CacheWriter, Items.Element) -> Void) {
        array(items, count: items.count, write)
    }

    /// `count` items of a sequence that does not know its count ahead (read back with `CacheReader.array`).
    public mutating func array<Items: Sequence>(_ items: Items, count: Int, _ write: (inout CacheWriter, Items.Element) -> Void) {
        int(count)
        for item in items {
            write(&self, item)
            flushIfFull()
        }
    }

    /// The file: header + payload.
    public static func file(magic: String, payload: [UInt8]) -> [UInt8] {
        header(magic: magic, payload: payload) + payload
    }

    static func header(magic: String, payload: [UInt8]) -> [UInt8] {
        header(magic: magic, length: payload.count, hash: XXHash64.hash(payload))
    }

    /// The header of a payload of `length` bytes whose xxHash64 is `hash`; its size depends on the magic only.
    static func header(magic: String, length: Int, hash: UInt64) -> [UInt8] {
        var header = CacheWriter(capacity: 64)
        header.string(magic)
        header.string(LoaVersion.current)
        header.int(length)
        header.u64(hash)
        return header.bytes
    }
}

public struct CacheReader {
    let bytes: [UInt8]
    var offset: Int

    public init(_ bytes: [UInt8], offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    /// Checks the header written by `CacheWriter.file` and returns a reader positioned on the payload.
    public static func open(_ bytes: [UInt8], magic: String) throws -> CacheReader {
        var r = CacheReader(bytes)
        let (length, hash) = try r.header(magic: magic)
        guard length >= 0, r.offset + length == bytes.count else { throw CacheCorruption(description: "tệp bộ nhớ đệm bị cắt cụt") }
        let ok = bytes.withUnsafeBytes { XXHash64.hash(UnsafeRawBufferPointer(rebasing: $0[r.offset...])) } == hash
        guard ok else { throw CacheCorruption(description: "tệp bộ nhớ đệm bị hỏng (sai mã kiểm tra)") }
        return r
    }

    /// Reads the header `CacheWriter.file` writes: magic and Loa version checked; payload length and hash.
    mutating func header(magic: String) throws -> (length: Int, hash: UInt64) {
        let found = try? string()
        guard found == magic else {
            // The same kind of file in another format (`LOA-DOCUMENTS-4` for `-5`): written by another Loa.
            func kind(_ magic: String) -> Substring { magic[..<(magic.lastIndex(of: "-") ?? magic.endIndex)] }
            if let found, found.hasPrefix("LOA-"), kind(found) == kind(magic) {
                throw CacheCorruption(description: "bộ nhớ đệm theo định dạng của một phiên bản Loa khác")
            }
            throw CacheCorruption(description: "không phải tệp bộ nhớ đệm của Loa")
        }
        let version = try string()
        guard version == LoaVersion.current else {
            throw CacheCorruption(description: "bộ nhớ đệm của Loa \(version), khác phiên bản \(LoaVersion.current)")
        }
        return (try int(), try u64())
    }

    mutating func need(_ n: Int) throws {
        guard n >= 0, offset + n <= bytes.count else { throw CacheCorruption(description: "tệp bộ nhớ đệm bị cắt cụt") }
    }

    public mutating func u8() throws -> UInt8 {
        try need(1)
        defer { offset += 1 }
        return bytes[offset]
    }

    public mutating func u64() throws -> UInt64 {
        try need(8)
        let v = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: UInt64.self) }
        offset += 8
        return UInt64(littleEndian: v)
    }

    public mutating func int() throws -> Int { Int(Int64(bitPattern: try u64())) }
    public mutating func bool() throws -> Bool { try u8() != 0 }
    public mutating func double() throws -> Double { Double(bitPattern: try u64()) }

    public mutating func string() throws -> String {
        let n = try int()
        try need(n)
        let s = bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[offset..<offset + n]), as: UTF8.self) }
        offset += n
        return s
    }

    public mutating func optional<T>(_ read: (inout CacheReader) throws -> T) throws -> T? {
        switch try u8() {
        case 0: return nil
        case 1: return try read(&self)
        default: throw CacheCorruption(description: "tệp bộ nhớ đệm bị hỏng")
        }
    }

    /// The count of the items that follow (`CacheWriter.array`), for a reader that reads them itself.
    public mutating func count() throws -> Int {
        let n = try int()
        guard n >= 0, n <= bytes.count - offset else { throw CacheCorruption(description: "tệp bộ nhớ đệm bị hỏng") }
        return n
    }

    public mutating func array<T>(_ read: (inout CacheReader) throws -> T) throws -> [T] {
        let n = try count()
        var items: [T] = []
        items.reserveCapacity(n)
        for _ in 0..<n { items.append(try read(&self)) }
        return items
    }

    public var atEnd: Bool { offset == bytes.count }
}

/// Whole-file reads and atomic replacement (temporary file + rename) for cache files.
enum CacheFiles {
    static func read(_ path: String) -> [UInt8]? {
        FileManager.default.contents(atPath: path).map { [UInt8]($0) }
    }

    /// `parts` written one after the other, then renamed into place.
    static func writeAtomically(_ parts: [UInt8]..., to path: String) throws {
        try replace(path) { file in
            for part in parts { file.write(part[...]) }
        }
    }

    /// A cache file (header and payload, as `CacheWriter.file` makes it) encoded as it is written: the
    /// payload goes to the file a megabyte at a time, hashed on the way, and the header, whose size depends
    /// on the magic only, is written over a placeholder at the end. Encoded whole, the output manifest was a
    /// 14 MB buffer and the bodies' index 8 MB at the peak of a 100,000-article build (saving the cache).
    static func writeStreaming(magic: String, to path: String, _ encode: (inout CacheWriter) -> Void) throws {
        try replace(path) { file in
            let placeholder = CacheWriter.header(magic: magic, length: 0, hash: 0)
            file.write(placeholder[...])
            let sink = CacheFileSink(file)
            var w = CacheWriter(capacity: CacheFileSink.pieceSize + 4096)
            w.sink = sink
            encode(&w)
            sink.take(w.bytes)
            let header = CacheWriter.header(magic: magic, length: sink.length, hash: sink.hash.finish())
            precondition(header.count == placeholder.count, "a cache header's size depends on its magic only")
            file.write(header, at: 0)
        }
    }

    /// `fill` writes the file at a temporary path, then renamed over `path`.
    private static func replace(_ path: String, _ fill: (ChunkedFile) -> Void) throws {
        let folder = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let temporary = "\(path).tmp-\(getpid())"
        guard let file = ChunkedFile(temporary) else { throw WriteError(description: "không ghi được \(temporary)") }
        fill(file)
        guard file.close() else {
            unlink(temporary)
            throw WriteError(description: "không ghi được \(temporary)")
        }
        guard rename(temporary, path) == 0 else {
            unlink(temporary)
            throw WriteError(description: "không ghi được \(path)")
        }
    }
}

/// A streamed cache file's payload as it goes to the file (`CacheFiles.writeStreaming`): its length and hash.
final class CacheFileSink {
    static let pieceSize = 1 << 20
    private let file: ChunkedFile
    private(set) var length = 0
    private(set) var hash = XXHash64()

    init(_ file: ChunkedFile) { self.file = file }

    func take(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { hash.update($0) }
        length += bytes.count
        file.write(bytes[...])
    }
}
