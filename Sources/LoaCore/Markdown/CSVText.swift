/// RFC 4180 text as spreadsheets export it: comma or semicolon separated (detected), quoted cells may hold
/// separators, quotes ("") and line breaks. Every row keeps the line it starts on, for `file:line` messages.
public struct CSVText: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public var cells: [String]
        /// 1-based line of the text on which the row starts.
        public var line: Int
    }

    public struct ParseError: Error, Equatable {
        /// 0-based line offset within the text.
        public var line: Int
        public var message: String
    }

    public var separator: Character
    public var rows: [Row]

    /// Picks the separator that occurs most often outside quotes on the header line, as Excel's
    /// "CSV (semicolon)" exports from Vietnamese-locale machines are as common as comma ones.
    public static func detectSeparator(_ text: Substring) -> Character {
        var commas = 0, semicolons = 0, inQuotes = false
        for ch in text {
            if ch == "\"" { inQuotes.toggle() }
            if inQuotes { continue }
            if ch == "\n" { break }
            if ch == "," { commas += 1 } else if ch == ";" { semicolons += 1 }
        }
        return semicolons > commas ? ";" : ","
    }

    public static func parse(_ input: String, separator given: Character? = nil) -> Result<CSVText, ParseError> {
        var text = Substring(input)
        if text.first == "\u{FEFF}" { text = text.dropFirst() }
        let separator = given ?? detectSeparator(text)
        if let byte = separator.asciiValue, let parsed = CSVBytes.parse(text, separator: byte) {
            return parsed.map { CSVText(separator: separator, rows: $0) }
        }
        return parseCharacters(text, separator: separator)
    }

    /// The same grammar read Character by Character: the reference, and the path for the text the byte
    /// reader leaves to it (a mark combining with a quote, separator or line break).
    static func parseCharacters(_ text: Substring, separator: Character) -> Result<CSVText, ParseError> {
        var rows: [Row] = []
        var cells: [String] = []
        var cell = ""
        var line = 1
        var rowLine = 1
        var inQuotes = false
        var quoteLine = 1
        var cellWasQuoted = false
        var iterator = text.makeIterator()
        var pending: Character? = nil

        func endRow() {
            cells.append(cell)
            // A row of one empty cell is a blank line, which spreadsheets leave at the end.
            if !(cells.count == 1 && cells[0].isEmpty && !cellWasQuoted) {
                rows.append(Row(cells: cells, line: rowLine))
            }
            cells = []; cell = ""; cellWasQuoted = false
        }

        while let ch = pending ?? iterator.next() {
            pending = nil
            if inQuotes {
                if ch == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { cell.append("\"") } else { inQuotes = false; pending = next }
                    } else { inQuotes = false }
                } else {
                    if ch == "\n" || ch == "\r\n" { line += 1; cell.append("\n") } else { cell.append(ch) }
                }
                continue
            }
            switch ch {
            case "\"":
                if cell.allSatisfy({ $0 == " " }) && !cellWasQuoted {
                    cell = ""; inQuotes = true; cellWasQuoted = true; quoteLine = line
                } else {
                    return .failure(ParseError(line: line - 1, message: "dấu ngoặc kép đặt giữa ô — ô có dấu ngoặc kép phải được bao cả ô trong \"…\" và viết \"\" cho mỗi dấu ngoặc bên trong"))
                }
            case separator:
                cells.append(cell); cell = ""; cellWasQuoted = false
            case "\n", "\r\n", "\r":
                endRow(); line += 1; rowLine = line
            default:
                if cellWasQuoted && ch != " " {
                    return .failure(ParseError(line: line - 1, message: "có ký tự sau dấu ngoặc kép đóng của một ô"))
                }
                if !cellWasQuoted { cell.append(ch) }
            }
        }
        if inQuotes {
            return .failure(ParseError(line: quoteLine - 1, message: "dấu ngoặc kép mở nhưng không đóng"))
        }
        if !cell.isEmpty || !cells.isEmpty || cellWasQuoted { endRow() }
        return .success(CSVText(separator: separator, rows: rows.map(finish)))
    }

    /// Cells as the loaders see them: NFC, without surrounding spaces.
    static func finish(_ row: Row) -> Row {
        Row(cells: row.cells.map { VietnameseText.nfc($0).trimmingWhitespace() }, line: row.line)
    }
}

/// `CSVText.parse` over UTF-8 bytes (a 2,000-row procedure list is read on every build). Character by
/// Character, `"\r\n"` is one character, as is a quote, separator or line break followed by a combining
/// mark; the first is handled here, the second returns nil so the Character reader decides.
enum CSVBytes {
    static func parse(_ text: Substring, separator: UInt8) -> Result<[CSVText.Row], CSVText.ParseError>? {
        var text = text
        return text.withUTF8 { parse($0, separator: separator) }
    }

    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, separator: UInt8) -> Result<[CSVText.Row], CSVText.ParseError>? {
        let quote: UInt8 = 0x22, lf: UInt8 = 0x0A, cr: UInt8 = 0x0D, space: UInt8 = 0x20
        if combinesAfterSpecial(bytes, separator: separator) { return nil }
        var rows: [CSVText.Row] = []
        var cells: [String] = []
        var cell: [UInt8] = []
        var line = 1, rowLine = 1, quoteLine = 1
        var inQuotes = false, cellWasQuoted = false
        func endCell() { cells.append(String(decoding: cell, as: UTF8.self)); cell.removeAll(keepingCapacity: true) }
        func endRow() {
            endCell()
            // A row of one empty cell is a blank line, which spreadsheets leave at the end.
            if !(cells.count == 1 && cells[0].isEmpty && !cellWasQuoted) {
                rows.append(CSVText.finish(CSVText.Row(cells: cells, line: rowLine)))
            }
            cells = []; cellWasQuoted = false
        }
        var i = 0
        let n = bytes.count
        while i < n {
            let byte = bytes[i]
            i += 1
            if inQuotes {
                if byte == quote {
                    if i < n && bytes[i] == quote { cell.append(quote); i += 1 } else { inQuotes = false }
                } else if byte == lf || (byte == cr && i < n && bytes[i] == lf) {
                    if byte == cr { i += 1 }
                    line += 1; cell.append(lf)
                } else {
                    cell.append(byte)
                }
                continue
            }
            switch byte {
            case quote:
                if cell.allSatisfy({ $0 == space }) && !cellWasQuoted {
                    cell.removeAll(keepingCapacity: true); inQuotes = true; cellWasQuoted = true; quoteLine = line
                } else {
                    return .failure(.init(line: line - 1, message: "dấu ngoặc kép đặt giữa ô — ô có dấu ngoặc kép phải được bao cả ô trong \"…\" và viết \"\" cho mỗi dấu ngoặc bên trong"))
                }
            case separator:
                endCell(); cellWasQuoted = false
            case lf, cr:
                if byte == cr && i < n && bytes[i] == lf { i += 1 }
                endRow(); line += 1; rowLine = line
            default:
                if cellWasQuoted && byte != space {
                    return .failure(.init(line: line - 1, message: "có ký tự sau dấu ngoặc kép đóng của một ô"))
                }
                if !cellWasQuoted { cell.append(byte) }
            }
        }
        if inQuotes { return .failure(.init(line: quoteLine - 1, message: "dấu ngoặc kép mở nhưng không đóng")) }
        if !cell.isEmpty || !cells.isEmpty || cellWasQuoted { endRow() }
        return .success(rows)
    }

    /// Whether a quote, separator or line break is followed by a scalar that joins it into one Character
    /// (a combining mark, a zero-width joiner, a spacing mark).
    static func combinesAfterSpecial(_ bytes: UnsafeBufferPointer<UInt8>, separator: UInt8) -> Bool {
        var i = 0
        while i + 1 < bytes.count {
            let byte = bytes[i]
            if (byte == 0x22 || byte == separator || byte == 0x0A || byte == 0x0D) && bytes[i + 1] >= 0x80 {
                var decoder = UTF8()
                var iterator = bytes[(i + 1)...].makeIterator()
                if case .scalarValue(let scalar) = decoder.decode(&iterator) {
                    let p = scalar.properties
                    if p.isGraphemeExtend || p.generalCategory == .spacingMark || scalar.value == 0x200D { return true }
                }
            }
            i += 1
        }
        return false
    }
}
