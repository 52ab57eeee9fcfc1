/// The one loop behind Loa's own escapers (HTML, XML, JSON string literals): every character they
/// replace is ASCII, so the text is scanned as UTF-8 bytes (a byte below 0x80 is always a whole
/// character) and returned as it is when nothing needs replacing.
enum ByteEscaping {
    static func escape(_ text: String, _ replacement: (UInt8) -> String?) -> String {
        var text = text
        guard let escaped = text.withUTF8({ escapedBytes($0, replacement) }) else { return text }
        return String(decoding: escaped, as: UTF8.self)
    }

    /// The bytes escaped, or nil when none needs replacing. Works on any run of bytes, even one cut inside
    /// a character: the escaping of a text's first bytes is the start of the text's escaping.
    static func escapedBytes(_ bytes: UnsafeBufferPointer<UInt8>, _ replacement: (UInt8) -> String?) -> [UInt8]? {
        guard let first = bytes.firstIndex(where: { $0 < 0x80 && replacement($0) != nil }) else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 32)
        var start = 0
        // Runs of bytes that need no escape are copied whole.
        for index in first..<bytes.count {
            guard bytes[index] < 0x80, let replaced = replacement(bytes[index]) else { continue }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
            out += replaced.utf8
            start = index + 1
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
        return out
    }
}
