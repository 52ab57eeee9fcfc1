/// The one loop behind Loa's own escapers (HTML, XML, JSON string literals): every character they
/// replace is ASCII, so the text is scanned as UTF-8 bytes (a byte below 0x80 is always a whole
/// character) and returned as it is when nothing needs replacing.
enum ByteEscaping {
    static func escape(_ text: String, _ replacement: (UInt8) -> String?) -> String {
        let utf8 = text.utf8
        func special(_ byte: UInt8) -> Bool { byte < 0x80 && replacement(byte) != nil }
        guard utf8.withContiguousStorageIfAvailable({ $0.contains(where: special) }) ?? utf8.contains(where: special) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count + 32)
        for byte in utf8 {
            if byte < 0x80, let replaced = replacement(byte) { out += replaced.utf8 } else { out.append(byte) }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
