/// Text for XML documents (feeds, sitemaps): escaping, characters XML 1.0 forbids, RFC 822 dates.
public enum XMLText {
    /// Escapes `& < > " '` and drops characters that may not appear in an XML 1.0 document.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars where isAllowed(scalar) {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
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
