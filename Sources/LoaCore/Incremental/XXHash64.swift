/// xxHash64 (Yann Collet's algorithm, the reference constants), streaming. Deterministic across runs and
/// machines, fast enough to hash every input and every page context on each build. 64 bits: the chance that
/// a changed input keeps its hash is 2⁻⁶⁴ per comparison.
public struct XXHash64 {
    static let p1: UInt64 = 0x9E37_79B1_85EB_CA87
    static let p2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    static let p3: UInt64 = 0x1656_67B1_9E37_79F9
    static let p4: UInt64 = 0x85EB_CA77_C2B2_AE63
    static let p5: UInt64 = 0x27D4_EB2F_1656_67C5

    private var v1, v2, v3, v4: UInt64
    private let seed: UInt64
    private var total: UInt64 = 0
    private var buffer: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    private var buffered = 0

    public init(seed: UInt64 = 0) {
        self.seed = seed
        v1 = seed &+ XXHash64.p1 &+ XXHash64.p2
        v2 = seed &+ XXHash64.p2
        v3 = seed
        v4 = seed &- XXHash64.p1
    }

    @inline(__always) static func round(_ acc: UInt64, _ input: UInt64) -> UInt64 {
        var acc = acc &+ input &* p2
        acc = (acc << 31) | (acc >> 33)
        return acc &* p1
    }

    @inline(__always) static func merge(_ acc: UInt64, _ val: UInt64) -> UInt64 {
        let acc = acc ^ round(0, val)
        return acc &* p1 &+ p4
    }

    @inline(__always) static func load64(_ p: UnsafeRawPointer, _ offset: Int) -> UInt64 {
        UInt64(littleEndian: p.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        var count = bytes.count
        guard count > 0, var p = bytes.baseAddress else { return }
        total &+= UInt64(count)
        // Fill the pending 32-byte stripe first.
        if buffered > 0 {
            withUnsafeMutableBytes(of: &buffer) { stripe in
                let take = min(32 - buffered, count)
                stripe.baseAddress!.advanced(by: buffered).copyMemory(from: p, byteCount: take)
                buffered += take
                p += take
                count -= take
            }
            if buffered < 32 { return }
            let (a, b, c, d) = buffer
            v1 = XXHash64.round(v1, UInt64(littleEndian: a)); v2 = XXHash64.round(v2, UInt64(littleEndian: b))
            v3 = XXHash64.round(v3, UInt64(littleEndian: c)); v4 = XXHash64.round(v4, UInt64(littleEndian: d))
            buffered = 0
        }
        while count >= 32 {
            v1 = XXHash64.round(v1, XXHash64.load64(p, 0))
            v2 = XXHash64.round(v2, XXHash64.load64(p, 8))
            v3 = XXHash64.round(v3, XXHash64.load64(p, 16))
            v4 = XXHash64.round(v4, XXHash64.load64(p, 24))
            p += 32
            count -= 32
        }
        if count > 0 {
            withUnsafeMutableBytes(of: &buffer) { $0.baseAddress!.copyMemory(from: p, byteCount: count) }
            buffered = count
        }
    }

    public mutating func update(_ bytes: [UInt8]) { bytes.withUnsafeBytes { update($0) } }

    public mutating func update(_ text: String) {
        var text = text
        text.withUTF8 { update(UnsafeRawBufferPointer($0)) }
    }

    public mutating func update(_ value: UInt64) {
        var le = value.littleEndian
        withUnsafeBytes(of: &le) { update($0) }
    }

    /// A string with its length first, so ("ab","c") and ("a","bc") hash differently.
    public mutating func field(_ text: String) {
        update(UInt64(text.utf8.count))
        update(text)
    }

    public func finish() -> UInt64 {
        let p1 = XXHash64.p1, p2 = XXHash64.p2, p3 = XXHash64.p3, p4 = XXHash64.p4, p5 = XXHash64.p5
        var h: UInt64
        if total >= 32 {
            h = ((v1 << 1) | (v1 >> 63)) &+ ((v2 << 7) | (v2 >> 57)) &+ ((v3 << 12) | (v3 >> 52)) &+ ((v4 << 18) | (v4 >> 46))
            h = XXHash64.merge(h, v1); h = XXHash64.merge(h, v2); h = XXHash64.merge(h, v3); h = XXHash64.merge(h, v4)
        } else {
            h = seed &+ p5
        }
        h &+= total
        var tail = buffer
        withUnsafeBytes(of: &tail) { raw in
            var i = 0
            while i + 8 <= buffered {
                let k = XXHash64.round(0, UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
                h ^= k
                h = ((h << 27) | (h >> 37)) &* p1 &+ p4
                i += 8
            }
            if i + 4 <= buffered {
                h ^= UInt64(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt32.self))) &* p1
                h = ((h << 23) | (h >> 41)) &* p2 &+ p3
                i += 4
            }
            while i < buffered {
                h ^= UInt64(raw[i]) &* p5
                h = ((h << 11) | (h >> 53)) &* p1
                i += 1
            }
        }
        h ^= h >> 33; h &*= p2
        h ^= h >> 29; h &*= p3
        h ^= h >> 32
        return h
    }

    public static func hash(_ bytes: [UInt8], seed: UInt64 = 0) -> UInt64 {
        var h = XXHash64(seed: seed); h.update(bytes); return h.finish()
    }

    public static func hash(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = 0) -> UInt64 {
        var h = XXHash64(seed: seed); h.update(bytes); return h.finish()
    }

    public static func hash(_ text: String, seed: UInt64 = 0) -> UInt64 {
        var h = XXHash64(seed: seed); h.update(text); return h.finish()
    }
}

extension UInt64 {
    /// 16 lowercase hex digits, for file names and logs.
    public var hex16: String {
        let digits = String(self, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
