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
        return .success(CSVText(separator: separator, rows: rows.map {
            Row(cells: $0.cells.map { VietnameseText.nfc($0).trimmingCharacters(in: .whitespaces) }, line: $0.line)
        }))
    }
}
