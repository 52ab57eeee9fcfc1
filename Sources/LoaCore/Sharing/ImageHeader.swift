import Foundation

/// Reads an image's pixel size from its header (PNG, JPEG, WebP) without decoding it.
public struct ImageHeader: Sendable, Hashable {
    public enum Format: String, Sendable { case png, jpeg, webp }

    public var format: Format
    public var width: Int
    public var height: Int

    public var mimeType: String { "image/\(format.rawValue)" }

    /// Nil when the bytes are not a PNG, JPEG or WebP image or the header is cut short.
    public static func read(_ bytes: [UInt8]) -> ImageHeader? {
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return png(bytes) }
        if bytes.starts(with: [0xFF, 0xD8]) { return jpeg(bytes) }
        if bytes.count >= 12, bytes.starts(with: Array("RIFF".utf8)), Array(bytes[8..<12]) == Array("WEBP".utf8) {
            return webp(bytes)
        }
        return nil
    }

    /// Reads at most the first `limit` bytes of a file (a JPEG's size can follow a large EXIF block).
    public static func read(file path: String, limit: Int = 512 * 1024) -> ImageHeader? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        let data = (try? handle.read(upToCount: limit)) ?? nil
        return data.flatMap { read(Array($0)) }
    }

    public static func mimeType(forPath path: String) -> String {
        let lower = path.lowercased()
        if lower.hasSuffix(".png") { return "image/png" }
        if lower.hasSuffix(".webp") { return "image/webp" }
        return "image/jpeg"
    }

    static func be16(_ b: [UInt8], _ i: Int) -> Int { Int(b[i]) << 8 | Int(b[i + 1]) }
    static func be32(_ b: [UInt8], _ i: Int) -> Int { be16(b, i) << 16 | be16(b, i + 2) }
    static func le16(_ b: [UInt8], _ i: Int) -> Int { Int(b[i]) | Int(b[i + 1]) << 8 }
    static func le24(_ b: [UInt8], _ i: Int) -> Int { le16(b, i) | Int(b[i + 2]) << 16 }

    /// IHDR is the first chunk: width and height at offsets 16 and 20.
    static func png(_ b: [UInt8]) -> ImageHeader? {
        guard b.count >= 24, Array(b[12..<16]) == Array("IHDR".utf8) else { return nil }
        return valid(.png, be32(b, 16), be32(b, 20))
    }

    /// Walks the marker segments to the first start-of-frame (SOF0–SOF15 but DHT, JPG, DAC).
    static func jpeg(_ b: [UInt8]) -> ImageHeader? {
        var i = 2
        while i + 4 <= b.count {
            guard b[i] == 0xFF else { return nil }
            let marker = b[i + 1]
            if marker == 0xFF { i += 1; continue }                       // fill byte
            if marker == 0xD8 || marker == 0x01 || (0xD0...0xD7).contains(marker) { i += 2; continue }
            let length = be16(b, i + 2)
            guard length >= 2 else { return nil }
            if (0xC0...0xCF).contains(marker), ![0xC4, 0xC8, 0xCC].contains(marker) {
                guard i + 9 <= b.count else { return nil }
                return valid(.jpeg, be16(b, i + 7), be16(b, i + 5))
            }
            if marker == 0xD9 || marker == 0xDA { return nil }          // end of image, start of scan
            i += 2 + length
        }
        return nil
    }

    /// The first chunk after `WEBP` tells the kind: VP8 (lossy), VP8L (lossless) or VP8X (extended).
    static func webp(_ b: [UInt8]) -> ImageHeader? {
        guard b.count >= 25 else { return nil }
        switch String(decoding: b[12..<16], as: UTF8.self) {
        case "VP8 ":
            guard b.count >= 30, b[23] == 0x9D, b[24] == 0x01, b[25] == 0x2A else { return nil }
            return valid(.webp, le16(b, 26) & 0x3FFF, le16(b, 28) & 0x3FFF)
        case "VP8L":
            guard b[20] == 0x2F else { return nil }
            let bits = Int(b[21]) | Int(b[22]) << 8 | Int(b[23]) << 16 | Int(b[24]) << 24
            return valid(.webp, (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1)
        case "VP8X":
            guard b.count >= 30 else { return nil }
            return valid(.webp, le24(b, 24) + 1, le24(b, 27) + 1)
        default:
            return nil
        }
    }

    static func valid(_ format: Format, _ width: Int, _ height: Int) -> ImageHeader? {
        width > 0 && height > 0 ? ImageHeader(format: format, width: width, height: height) : nil
    }
}
