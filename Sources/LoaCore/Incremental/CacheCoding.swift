import Foundation

/// A cache file that cannot be trusted: wrong magic, another Loa version, truncated or altered bytes.
public struct CacheCorruption: Error, CustomStringConvertible {
    public var description: String
}

/// Little-endian binary encoding for cache files. Every cache file is `magic, format, Loa version,
/// payload length, payload hash, payload`, so a foreign, truncated or altered file is recognised and ignored.
public struct CacheWriter {
    public internal(set) var bytes: [UInt8] = []

    public init(capacity: Int = 1 << 16) { bytes.reserveCapacity(capacity) }

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
    public mutating func array<T>(_ items: [T], _ write: (inout CacheWriter, T) -> Void) {
        int(items.count)
        for item in items { write(&self, item) }
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

    public mutating func array<T>(_ read: (inout CacheReader) throws -> T) throws -> [T] {
        let n = try int()
        guard n >= 0, n <= bytes.count - offset else { throw CacheCorruption(description: "tệp bộ nhớ đệm bị hỏng") }
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
        let folder = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let temporary = "\(path).tmp-\(getpid())"
        guard let file = ChunkedFile(temporary) else { throw WriteError(description: "không ghi được \(temporary)") }
        for part in parts { file.write(part[...]) }
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
