/// Escaping for the contexts Loa writes into. Mustache's `{{ }}` escapes HTML text and attributes;
/// these cover what the library builds itself.
public enum HTML {
    public static func escape(_ text: String) -> String {
        ByteEscaping.escape(text, entity)
    }

    /// `escape` on bytes: nil when none needs escaping (see `ByteEscaping.escapedBytes`).
    static func escapedBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        ByteEscaping.escapedBytes(bytes, entity)
    }

    private static func entity(_ byte: UInt8) -> String? {
        switch byte {
        case 0x26: return "&amp;"
        case 0x3C: return "&lt;"
        case 0x3E: return "&gt;"
        case 0x22: return "&quot;"
        case 0x27: return "&#39;"
        default: return nil
        }
    }
}
