extension VietnameseText {
    /// `fold` for text made of ASCII, Latin letters (precomposed Vietnamese among them) and common
    /// punctuation, a scalar at a time through a table; nil for any other text, which `foldByScalars`
    /// folds. Decomposing every letter was a quarter of resolving the bodies (their search terms).
    ///
    /// The table is made by `foldByScalars` itself, one scalar at a time, so it cannot disagree with it;
    /// and folding scalar by scalar is exact for such text because every scalar in the table is a starter
    /// (canonical combining class 0): no mark is reordered across it, so the decomposition of the text is
    /// the decompositions of its scalars one after another.
    static func foldThroughTable(_ s: String) -> String? {
        s.utf8.withContiguousStorageIfAvailable { bytes -> String? in
            var failed = false
            let table = FoldTable.shared
            // A scalar folds to one ASCII byte or to itself: the text never grows.
            let folded = String(unsafeUninitializedCapacity: bytes.count) { out in
                var i = 0, o = 0
                let n = bytes.count
                while i < n {
                    let b0 = bytes[i]
                    if b0 < 0x80 {
                        out[o] = b0 >= 0x41 && b0 <= 0x5A ? b0 + 32 : b0
                        i += 1; o += 1
                        continue
                    }
                    let length: Int, v: UInt32
                    if b0 < 0xE0, i + 1 < n {
                        length = 2; v = UInt32(b0 & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F)
                    } else if b0 >= 0xE0, b0 < 0xF0, i + 2 < n {
                        length = 3; v = UInt32(b0 & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
                    } else {
                        failed = true; return 0
                    }
                    switch table.entry(v) {
                    case FoldTable.unknown:
                        failed = true; return 0
                    case FoldTable.same:
                        for k in 0..<length { out[o + k] = bytes[i + k] }
                        o += length
                    case let ascii:
                        out[o] = ascii
                        o += 1
                    }
                    i += length
                }
                return o
            }
            return failed ? nil : folded
        } ?? nil
    }
}

/// What `VietnameseText.foldByScalars` makes of each scalar of Latin-1, Latin Extended-A and -B, Latin
/// Extended Additional and general punctuation: one ASCII byte, the scalar itself, or unknown (another
/// result, or a scalar that is not a starter).
struct FoldTable: Sendable {
    static let unknown: UInt8 = 0, same: UInt8 = 1
    static let ranges: [ClosedRange<UInt32>] = [0x80...0x24F, 0x1E00...0x1EFF, 0x2000...0x206F]
    static let shared = FoldTable()

    private let entries: [[UInt8]]

    private init() {
        entries = FoldTable.ranges.map { range in
            range.map { v -> UInt8 in
                guard let scalar = Unicode.Scalar(v), scalar.properties.canonicalCombiningClass == .notReordered else {
                    return FoldTable.unknown
                }
                let text = String(Character(scalar))
                let folded = VietnameseText.foldByScalars(text)
                let bytes = Array(folded.utf8)
                if bytes.count == 1, bytes[0] < 0x80, bytes[0] > 1 { return bytes[0] }
                return folded.unicodeScalars.elementsEqual(text.unicodeScalars) ? FoldTable.same : FoldTable.unknown
            }
        }
    }

    func entry(_ v: UInt32) -> UInt8 {
        for (index, range) in FoldTable.ranges.enumerated() where range.contains(v) {
            return entries[index][Int(v - range.lowerBound)]
        }
        return FoldTable.unknown
    }
}
