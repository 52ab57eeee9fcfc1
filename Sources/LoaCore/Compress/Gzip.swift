import CZlib
import Foundation

/// Deterministic gzip (RFC 1952) for nginx `gzip_static`: raw deflate from zlib at level 9 wrapped in a
/// header Loa writes itself — no file name, mtime 0, OS "unknown" — so the same input always gives the
/// same bytes, on any machine.
public enum Gzip {
    /// Extensions that get a `.gz` copy with `loa build --gzip`.
    public static let extensions: Set<String> = ["html", "css", "js", "xml", "json", "svg", "vcf", "txt"]

    public static func compress(_ input: [UInt8]) -> [UInt8] {
        var stream = z_stream()
        // windowBits -15: raw deflate, no zlib or gzip wrapper; memLevel 9; default strategy.
        let status = deflateInit2_(&stream, 9, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY,
                                   ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        precondition(status == Z_OK, "deflateInit2 failed: \(status)")
        defer { deflateEnd(&stream) }

        var out: [UInt8] = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 0xff]  // magic, deflate, no flags, mtime 0, max compression, OS unknown
        let bound = Int(deflateBound(&stream, uLong(input.count)))
        var body = [UInt8](repeating: 0, count: bound)
        var input = input
        let produced: Int = input.withUnsafeMutableBufferPointer { inBuf in
            body.withUnsafeMutableBufferPointer { outBuf in
                stream.next_in = inBuf.baseAddress
                stream.avail_in = uInt(inBuf.count)
                stream.next_out = outBuf.baseAddress
                stream.avail_out = uInt(outBuf.count)
                let result = deflate(&stream, Z_FINISH)
                precondition(result == Z_STREAM_END, "deflate did not finish: \(result)")
                return outBuf.count - Int(stream.avail_out)
            }
        }
        out.append(contentsOf: body[0..<produced])
        let crc = input.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, uInt($0.count))) }
        appendLittleEndian(crc, to: &out)
        appendLittleEndian(UInt32(truncatingIfNeeded: input.count), to: &out)
        return out
    }

    /// Inflates a gzip member (used by tests and checks).
    public static func decompress(_ input: [UInt8]) -> [UInt8]? {
        var stream = z_stream()
        guard inflateInit2_(&stream, 31, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return nil }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var input = input
        return input.withUnsafeMutableBufferPointer { inBuf -> [UInt8]? in
            stream.next_in = inBuf.baseAddress
            stream.avail_in = uInt(inBuf.count)
            while true {
                let (result, count): (Int32, Int) = chunk.withUnsafeMutableBufferPointer { outBuf in
                    stream.next_out = outBuf.baseAddress
                    stream.avail_out = uInt(outBuf.count)
                    let r = inflate(&stream, Z_NO_FLUSH)
                    return (r, outBuf.count - Int(stream.avail_out))
                }
                output.append(contentsOf: chunk[0..<count])
                if result == Z_STREAM_END { return output }
                if result != Z_OK { return nil }
            }
        }
    }

    private static func appendLittleEndian(_ value: UInt32, to out: inout [UInt8]) {
        for shift in stride(from: 0, to: 32, by: 8) { out.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }
}
