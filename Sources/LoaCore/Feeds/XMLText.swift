/// Text for XML documents (feeds, sitemaps): escaping, characters XML 1.0 forbids, RFC 822 dates.
public enum XMLText {
    /// Escapes `& < > " '` and drops characters that may not appear in an XML 1.0 document.
    public static func escape(_ text: String) -> String {
        ByteEscaping.escape(needsStripping(text) ? stripInvalid(text) : text) { byte in
            switch byte {
            case 0x26: return "&amp;"
            case 0x3C: return "&lt;"
            case 0x3E: return "&gt;"
            case 0x22: return "&quot;"
            case 0x27: return "&apos;"
            default: return nil
            }
        }
    }

    /// Whether the text may hold a character XML forbids: a C0 control other than tab/LF/CR, or U+FFFE/U+FFFF
    /// (EF BF BE/BF in UTF-8). Lone surrogates cannot occur in a Swift string.
    /// (0xBF alone is an ordinary continuation byte of many Vietnamese letters, such as "ế", so the
    /// whole three-byte sequence is matched.)
    static func needsStripping(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var i = 0
            while i < bytes.count {
                let byte = bytes[i]
                if byte < 0x20 && byte != 0x9 && byte != 0xA && byte != 0xD { return true }
                if byte == 0xEF, i + 2 < bytes.count, bytes[i + 1] == 0xBF, bytes[i + 2] >= 0xBE { return true }
                i += 1
            }
            return false
        }
    }

    /// Removes the characters XML 1.0 forbids (C0 controls but tab/LF/CR, U+FFFE, U+FFFF).
    public static func stripInvalid(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        out.append(contentsOf: text.unicodeScalars.filter(isAllowed))
        return String(out)
    }

    /// XML 1.0 `Char`: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
    public static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: return true
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }

    static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// RFC 822 (as RSS 2.0 wants it) in Vietnam time: `Mon, 22 Apr 2024 00:00:00 +0700`.
    public static func rfc822(_ date: ContentDate) -> String {
        let rfc3339 = date.rfc3339 // YYYY-MM-DDTHH:MM:SS+07:00, already in Vietnam time
        let day = date.day
        let time = rfc3339.dropFirst(11).prefix(8)
        let weekday = weekdays[((day.daysSinceEpoch % 7) + 7 + 4) % 7]
        let dd = day.day < 10 ? "0\(day.day)" : "\(day.day)"
        return "\(weekday), \(dd) \(months[day.month - 1]) \(day.year) \(time) +0700"
    }
}
