/// vCard 3.0 (RFC 2426) text for hotline entries: UTF-8, CRLF line ends, values escaped, long lines
/// folded at 75 octets without splitting a character, and no REV/timestamp so output is deterministic.
enum VCard {
    static func card(_ hotline: Hotline, unitName: String?, url: String?) -> String {
        var lines = ["BEGIN:VCARD", "VERSION:3.0"]
        if let person = hotline.person {
            // Vietnamese names are written family name first: "Nguyễn Văn A" → N:Nguyễn;Văn A
            let parts = person.split(separator: " ", maxSplits: 1).map(String.init)
            lines.append("N:\(escape(parts[0]));\(escape(parts.count > 1 ? parts[1] : ""));;;")
            lines.append("FN:\(escape(person))")
        } else {
            lines.append("N:;;;;")
            lines.append("FN:\(escape(hotline.agency))")
        }
        lines.append("ORG:\(escape(hotline.agency))")
        if let unitName {
            lines.append("CATEGORIES:\(escape(unitName))")
        }
        if let title = hotline.title { lines.append("TITLE:\(escape(title))") }
        let type = hotline.phone.kind == .mobile ? "CELL,VOICE" : "WORK,VOICE"
        lines.append("TEL;TYPE=\(type):\(hotline.phone.e164)")
        if let email = hotline.email { lines.append("EMAIL;TYPE=INTERNET:\(escape(email))") }
        let note = [hotline.purpose, hotline.hours.map { "Thời gian: \($0)" }].compactMap { $0 }.joined(separator: "\n")
        if !note.isEmpty { lines.append("NOTE:\(escape(note))") }
        if let url { lines.append("URL:\(url)") }
        lines.append("END:VCARD")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    /// RFC 2426 §4: backslash, comma, semicolon and line breaks are escaped in text values.
    static func escape(_ text: String) -> String {
        var out = ""
        for ch in text {
            switch ch {
            case "\\": out += "\\\\"
            case ",": out += "\\,"
            case ";": out += "\\;"
            case "\n", "\r\n", "\r": out += "\\n"
            default: out.append(ch)
            }
        }
        return out
    }

    /// Lines longer than 75 octets continue on the next line after CRLF + one space.
    static func fold(_ line: String) -> String {
        guard line.utf8.count > 75 else { return line }
        var pieces: [String] = []
        var current = ""
        var size = 0
        var limit = 75
        for scalar in line.unicodeScalars {
            let width = String(scalar).utf8.count
            if size + width > limit {
                pieces.append(current)
                current = ""
                size = 0
                limit = 74  // the leading space of a continuation line counts
            }
            current.unicodeScalars.append(scalar)
            size += width
        }
        pieces.append(current)
        return pieces.joined(separator: "\r\n ")
    }
}
