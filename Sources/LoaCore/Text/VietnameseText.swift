import Foundation

/// Unicode helpers for Vietnamese text: normalization, accent folding, slugs and collation.
public enum VietnameseText {

    // MARK: Normalization

    /// Canonical composition (NFC): the form every string is stored and compared in.
    public static func nfc(_ s: String) -> String {
        isNFCQuick(s) ? s : s.precomposedStringWithCanonicalMapping
    }

    /// True when every scalar is one that NFC leaves alone and nothing can compose with: below U+0300
    /// (ASCII, Latin-1, Latin Extended-A/B: ă đ ơ ư), Latin Extended Additional (U+1E00–U+1EFF: ạ ả ấ … ỹ)
    /// and general punctuation (– — ‘ ’ “ ” … ‰). Precomposed Vietnamese text passes without Foundation's
    /// normalizer, which costs more than parsing the Markdown; anything else takes the full path.
    static func isNFCQuick(_ s: String) -> Bool {
        // On the UTF-8 bytes where the string has them contiguous (a scalar at a time was a fortieth of a
        // clean build): ASCII skipped, two-byte scalars below U+0300 have a lead byte below 0xCC.
        if let quick = s.utf8.withContiguousStorageIfAvailable(isNFCQuick(utf8:)) { return quick }
        for scalar in s.unicodeScalars where !isNFCQuick(scalar: scalar.value) { return false }
        return true
    }

    private static func isNFCQuick(scalar v: UInt32) -> Bool {
        v < 0x300 || (0x1E00...0x1EFF).contains(v) || (0x2010...0x2027).contains(v) || (0x2030...0x205E).contains(v)
    }

    private static func isNFCQuick(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = bytes.count
        while i < n {
            let b0 = bytes[i]
            if b0 < 0x80 { i += 1; continue }
            if b0 < 0xE0 {   // two bytes (the string is valid UTF-8)
                guard b0 < 0xCC else { return false }
                i += 2; continue
            }
            guard b0 < 0xF0, i + 2 < n else { return false }
            let v = UInt32(b0 & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
            guard isNFCQuick(scalar: v) else { return false }
            i += 3
        }
        return true
    }

    /// NFC, without a leading byte-order mark, with CRLF and lone CR turned into LF.
    public static func clean(_ s: String) -> String {
        var text = nfc(s)
        if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
        let hasCR = text.utf8.withContiguousStorageIfAvailable { bytes in bytes.baseAddress.map { memchr($0, 0x0D, bytes.count) != nil } ?? false }
            ?? text.utf8.contains(0x0D)
        guard hasCR else { return text }
        // Scalars, not Characters: Swift treats "\r\n" as one Character.
        var out = String.UnicodeScalarView()
        var previousWasCR = false
        for u in text.unicodeScalars {
            if u == "\r" {
                out.append("\n")
                previousWasCR = true
                continue
            }
            if !(u == "\n" && previousWasCR) { out.append(u) }
            previousWasCR = false
        }
        return String(out)
    }

    // MARK: Folding and slugs

    /// Lowercase, without any combining mark (tones, breve, circumflex, horn), đ → d.
    /// "Đường Hồ Chí Minh" → "duong ho chi minh". Other characters are kept.
    public static func fold(_ s: String) -> String {
        // ASCII text (search terms cached with a body, slugs, codes) folds to itself lowercased.
        if let ascii = s.utf8.withContiguousStorageIfAvailable({ bytes -> String? in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
            return String(unsafeUninitializedCapacity: bytes.count) { out in
                for (i, byte) in bytes.enumerated() { out[i] = byte >= 0x41 && byte <= 0x5A ? byte + 32 : byte }
                return bytes.count
            }
        }), let ascii { return ascii }
        return foldThroughTable(s) ?? foldByScalars(s)
    }

    /// `fold` of any text: canonical decomposition, marks dropped, lowercased.
    static func foldByScalars(_ s: String) -> String {
        var out = ByteSink(capacity: s.utf8.count + 16)
        defer { out.free() }
        Decomposition.forEachScalar(of: s) { u in
            let v = u.value
            if v < 0x80 {
                out.append(v >= 0x41 && v <= 0x5A ? UInt8(v + 32) : UInt8(v))
            } else if v == 0x110 || v == 0x111 {
                out.append(0x64)  // đ and Đ have no decomposition
            } else if !isMark(u) {
                appendLowercased(u, to: &out)
            }
        }
        return out.string()
    }

    /// Longest slug: a path segment must stay far below the 255-byte file-name limit of file systems.
    public static let maxSlugLength = 100

    /// URL slug: fold, then every run of characters outside [a-z0-9] becomes one '-', trimmed; cut at a word
    /// boundary to at most `maxSlugLength` characters.
    /// "Thủ tục: đăng ký khai sinh (2024)" → "thu-tuc-dang-ky-khai-sinh-2024".
    public static func slug(_ s: String) -> String {
        let full = unboundedSlug(s)
        guard full.utf8.count > maxSlugLength else { return full }
        let head = full.prefix(maxSlugLength)
        if let dash = head.lastIndex(of: "-"), head.distance(from: head.startIndex, to: dash) >= maxSlugLength / 2 {
            return String(head[..<dash])
        }
        return String(head)
    }

    private static func unboundedSlug(_ s: String) -> String {
        let folded = fold(s)
        var out = ByteSink(capacity: folded.utf8.count + 1)
        defer { out.free() }
        var pendingDash = false
        for byte in folded.utf8 {
            if (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) {
                if pendingDash && out.count > 0 { out.append(0x2D) }
                pendingDash = false
                out.append(byte)
            } else {
                pendingDash = true
            }
        }
        return out.string()
    }

    // MARK: Collation

    /// Orders two strings the way a Vietnamese reader expects (see `CollationKey`).
    public static func compare(_ a: String, _ b: String) -> ComparisonResult {
        switch CollationKey.order(collationKey(a), collationKey(b)) {
        case ..<0: return .orderedAscending
        case 0: return .orderedSame
        default: return .orderedDescending
        }
    }

    public static func isOrderedBefore(_ a: String, _ b: String) -> Bool {
        collationKey(a) < collationKey(b)
    }

    /// Stable Vietnamese sort; each key is computed once, so this is the fast way to sort many items.
    public static func sorted<T>(_ items: [T], by key: (T) -> String) -> [T] {
        let keys = items.map { collationKey(key($0)) }
        let order = keys.indices.sorted { i, j in
            let o = CollationKey.order(keys[i], keys[j])
            return o != 0 ? o < 0 : i < j  // equal keys keep their input order
        }
        return order.map { items[$0] }
    }

    /// Precomputed sort key.
    ///
    /// Why not `String.compare(_:options:range:locale:)` with vi_VN? On Linux it costs ~40 µs
    /// a comparison (10,000 titles: ~400 ms, against ~15 ms with these keys), and it is not even
    /// right: it finds "Hoà" equal to "Hồ" and puts "Hoàng" after "Hồ".
    /// The levels follow the Vietnamese CLDR tailoring:
    /// primary: spaces < punctuation/symbols < digits < letters in the order
    /// a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z (then other scripts);
    /// secondary: tone, none < huyền < hỏi < ngã < sắc < nặng; tertiary: lowercase < uppercase.
    /// Digits compare one by one ("10" < "2"), as in Foundation without `.numeric`.
    /// Keys that are still equal are ordered by the raw UTF-8 bytes, so the order is total.
    public struct CollationKey: Comparable, Hashable, Sendable {
        public let weights: [UInt32]
        public let raw: String

        /// Negative, zero or positive, like strcmp.
        static func order(_ lhs: CollationKey, _ rhs: CollationKey) -> Int {
            let a = lhs.weights, b = rhs.weights
            for i in 0..<min(a.count, b.count) where a[i] != b[i] { return a[i] < b[i] ? -1 : 1 }
            if a.count != b.count { return a.count < b.count ? -1 : 1 }
            if lhs.raw.utf8.elementsEqual(rhs.raw.utf8) { return 0 }
            return lhs.raw.precedesInByteOrder(rhs.raw) ? -1 : 1
        }

        public static func < (lhs: CollationKey, rhs: CollationKey) -> Bool { order(lhs, rhs) < 0 }

        public static func == (lhs: CollationKey, rhs: CollationKey) -> Bool { order(lhs, rhs) == 0 }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(weights)
            hasher.combine(raw)
        }
    }

    public static func collationKey(_ s: String) -> CollationKey {
        var builder = KeyBuilder()
        builder.primary.reserveCapacity(s.utf8.count)
        Decomposition.forEachScalar(of: s) { builder.add($0) }
        builder.flush()
        var weights = builder.primary
        weights.reserveCapacity(builder.primary.count * 3 + 2)
        weights.append(0)  // below every primary weight: a prefix sorts first
        weights.append(contentsOf: builder.secondary)
        weights.append(0)
        weights.append(contentsOf: builder.tertiary)
        return CollationKey(weights: weights, raw: s)
    }

    // MARK: Internals

    static func isMark(_ u: Unicode.Scalar) -> Bool {
        if u.value >= 0x300 && u.value < 0x370 { return true }
        switch u.properties.generalCategory {
        case .nonspacingMark, .enclosingMark: return true
        default: return false
        }
    }

    private static func appendLowercased(_ u: Unicode.Scalar, to out: inout ByteSink) {
        let props = u.properties
        guard props.changesWhenLowercased else {
            UTF8.encode(u) { out.append($0) }
            return
        }
        for x in props.lowercaseMapping.decomposedStringWithCanonicalMapping.unicodeScalars where !isMark(x) {
            if x.value == 0x111 { out.append(0x64) } else { UTF8.encode(x) { out.append($0) } }
        }
    }

    /// Collects the three collation levels, one element per base character.
    private struct KeyBuilder {
        var primary: [UInt32] = []
        var secondary: [UInt32] = []
        var tertiary: [UInt32] = []
        // The letter being built: its base (lowercase ASCII letter, 0 otherwise) and marks seen so far.
        var pending: UInt32 = 0
        var base: UInt32 = 0
        var vowelMark: UInt32 = 0
        var tone: UInt32 = 0
        var otherMark: UInt32 = 0
        var upper = false

        static let letterBase: UInt32 = 0x0300_0000
        // Vietnamese alphabet positions of a...z with room for ă â đ ê ô ơ ư in between.
        static let asciiLetterRank: [UInt32] = [
            1, 4, 5, 6, 8, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 22, 23, 24, 25, 26, 27, 29, 30, 31, 32, 33,
        ]

        mutating func add(_ u: Unicode.Scalar) {
            let v = u.value
            if VietnameseText.isMark(u) {
                guard pending != 0 else { return }  // a mark with nothing to sit on is ignorable
                switch v {
                // The rank offset from the bare vowel: a ă â, e ê, o ô ơ, u ư.
                case 0x306 where base == 0x61: vowelMark = 1  // ă
                case 0x302 where base == 0x61: vowelMark = 2  // â
                case 0x302 where base == 0x65: vowelMark = 1  // ê
                case 0x302 where base == 0x6F: vowelMark = 1  // ô
                case 0x31B where base == 0x6F: vowelMark = 2  // ơ
                case 0x31B where base == 0x75: vowelMark = 1  // ư
                case 0x300: tone = 1  // huyền
                case 0x309: tone = 2  // hỏi
                case 0x303: tone = 3  // ngã
                case 0x301: tone = 4  // sắc
                case 0x323: tone = 5  // nặng
                default: otherMark = v
                }
                return
            }
            flush()
            base = 0
            upper = false
            if v < 0x80 {
                switch v {
                case 0x61...0x7A: base = v; pending = Self.letterBase + Self.asciiLetterRank[Int(v - 0x61)]
                case 0x41...0x5A: base = v + 32; upper = true; pending = Self.letterBase + Self.asciiLetterRank[Int(v - 0x41)]
                case 0x30...0x39: pending = 0x0200_0000 + v
                case 0x09...0x0D, 0x20: pending = 0x10
                case 0x00..<0x20, 0x7F: pending = 0  // controls are ignorable
                default: pending = 0x0100_0000 + v
                }
                return
            }
            if v == 0x110 || v == 0x111 {
                upper = v == 0x110
                pending = Self.letterBase + 7
                return
            }
            let props = u.properties
            if props.isWhitespace {
                pending = 0x10
            } else if props.isAlphabetic {
                upper = props.isUppercase
                let lower = props.lowercaseMapping.unicodeScalars.first?.value ?? v
                pending = 0x0400_0000 + lower
            } else if props.generalCategory == .control || props.generalCategory == .format {
                pending = 0
            } else {
                pending = 0x0100_0000 + v
            }
        }

        mutating func flush() {
            guard pending != 0 else { return }
            primary.append(pending + vowelMark)
            secondary.append(tone | (otherMark << 3))
            tertiary.append(upper ? 1 : 0)
            pending = 0; vowelMark = 0; tone = 0; otherMark = 0
        }
    }
}

/// A growable byte buffer without Array's per-append uniqueness check (a third of fold's time).
private struct ByteSink {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        if count == capacity { grow() }
        base[count] = byte
        count += 1
    }

    private mutating func grow() {
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
        bigger.moveInitialize(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity *= 2
    }

    func string() -> String { String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self) }
    func free() { base.deallocate() }
}

/// Fast canonical decomposition for the scripts a Vietnamese site is made of.
///
/// Foundation's `decomposedStringWithCanonicalMapping` costs ~45 ms per MB on Linux, which is
/// too slow to fold 10,000 articles. Latin letters, combining marks and general punctuation
/// are decomposed through a table built once (from Foundation, so the results are identical);
/// only runs of other scalars go through Foundation. Marks are not reordered: callers here
/// drop them or collect them as a set, so the canonical order does not matter.
enum Decomposition {
    private static let slots = 4
    private static let slow: UInt32 = .max

    // (first scalar, end scalar, first row) of the ranges in the table.
    private static let ranges: [(UInt32, UInt32, Int)] = [
        (0x0080, 0x0250, 0), (0x0300, 0x0370, 0x1D0), (0x1E00, 0x1F00, 0x240), (0x2000, 0x2070, 0x340),
    ]

    private static let table: [UInt32] = {
        var t = [UInt32](repeating: 0, count: 0x3B0 * slots)
        for (lo, hi, row0) in ranges {
            for v in lo..<hi {
                let row = (row0 + Int(v - lo)) * slots
                guard let u = Unicode.Scalar(v) else { t[row] = slow; continue }
                let parts = Array(String(u).decomposedStringWithCanonicalMapping.unicodeScalars)
                if parts.count > slots { t[row] = slow; continue }
                for (i, p) in parts.enumerated() { t[row + i] = p.value }
            }
        }
        return t
    }()

    @inline(__always)
    private static func row(_ v: UInt32) -> Int {
        if v < 0x250 { return Int(v - 0x80) }
        if v >= 0x300 && v < 0x370 { return 0x1D0 + Int(v - 0x300) }
        if v >= 0x1E00 && v < 0x1F00 { return 0x240 + Int(v - 0x1E00) }
        if v >= 0x2000 && v < 0x2070 { return 0x340 + Int(v - 0x2000) }
        return -1
    }

    /// Calls `body` with the NFD scalars of `s` (up to the order of marks, see above).
    @inline(__always)  // so the per-scalar closure is inlined into fold and collationKey
    static func forEachScalar(of s: String, _ body: (Unicode.Scalar) -> Void) {
        let table = Self.table
        var slowRun = String.UnicodeScalarView()
        var hasSlow = false  // checked inline: calling a flush per scalar cost a quarter of fold's time
        func flushSlow() {
            for x in String(slowRun).decomposedStringWithCanonicalMapping.unicodeScalars { body(x) }
            slowRun = String.UnicodeScalarView()
            hasSlow = false
        }
        for u in s.unicodeScalars {
            let v = u.value
            if v < 0x80 {
                if hasSlow { flushSlow() }
                body(u)
                continue
            }
            let r = row(v)
            if r < 0 || table[r * slots] == slow {
                slowRun.append(u)
                hasSlow = true
                continue
            }
            if hasSlow { flushSlow() }
            let start = r * slots
            for i in start..<(start + slots) {
                let part = table[i]
                if part == 0 { break }
                body(Unicode.Scalar(part)!)
            }
        }
        if hasSlow { flushSlow() }
    }
}
