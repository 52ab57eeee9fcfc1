extension JSONText {
    /// A JSON string literal for hand-assembled JSON (search index, change manifest), where the exact bytes
    /// and key order matter and `JSONSerialization` would reorder or re-escape.
    public static func quote(_ text: String) -> String {
        "\"" + ByteEscaping.escape(text) { byte in
            switch byte {
            case 0x22: return "\\\""
            case 0x5C: return "\\\\"
            case 0x0A: return "\\n"
            case 0x0D: return "\\r"
            case 0x09: return "\\t"
            case 0..<0x20:
                let hex = String(byte, radix: 16)
                return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: return nil
            }
        } + "\""
    }
}
