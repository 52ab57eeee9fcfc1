extension StringProtocol {
    /// The first occurrence of an ASCII `needle` in the UTF-8 bytes, as a range of this string's indices.
    /// For the path tests run on every page of every build (`trang/` in feed and sitemap look-ups): Foundation's
    /// `range(of:)` compares characters through its locale machinery and was 1.6 % of a one-article edit.
    func firstRange(ofASCII needle: StaticString) -> Range<Index>? {
        let pattern = UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
        guard let first = pattern.first else { return startIndex..<startIndex }
        let bytes = utf8
        var start = bytes.startIndex
        while let candidate = bytes[start...].firstIndex(of: first) {
            var probe = candidate, matched = true
            for byte in pattern {
                guard probe != bytes.endIndex, bytes[probe] == byte else { matched = false; break }
                probe = bytes.index(after: probe)
            }
            if matched { return candidate..<probe }
            start = bytes.index(after: candidate)
        }
        return nil
    }
}
