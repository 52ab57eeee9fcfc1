/// A fenced block with info string `csv` becomes an accessible table: first row is the header,
/// anything after `csv` on the fence line is the caption (```` ```csv Kết quả xếp hạng ````).
public enum CSVBlock {
    public static func isCSV(info: String) -> Bool {
        let word = info.split(separator: " ", maxSplits: 1).first.map(String.init) ?? ""
        return word.lowercased() == "csv"
    }

    public static func render(literal: String, info: String, file: String, line: Int, log: DiagnosticLog) -> String {
        let caption = info.split(separator: " ", maxSplits: 1).dropFirst().first
            .map { $0.trimmingWhitespace() } ?? ""
        let parsedRows: [CSVText.Row]
        switch CSVText.parse(literal) {
        case .success(let parsed): parsedRows = parsed.rows
        case .failure(let error):
            // `line` is the fence; the table's text starts on the next line.
            log.error(file, line + 1 + error.line, "bảng csv: \(error.message)")
            return ""
        }
        let rows = parsedRows.map(\.cells)
        guard let header = rows.first else { return "" }
        for row in parsedRows where row.cells.count != header.count {
            // Row lines count from the table's first line, which is the line after the fence.
            log.error(file, line + row.line, "bảng csv: dòng có \(row.cells.count) ô nhưng dòng tiêu đề có \(header.count) ô")
        }
        var html = "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"\(HTML.escape(caption.isEmpty ? "Bảng số liệu" : caption))\">\n<table>\n"
        if !caption.isEmpty { html += "<caption>\(HTML.escape(caption))</caption>\n" }
        html += "<thead>\n<tr>" + header.map { "<th scope=\"col\">\(HTML.escape($0))</th>" }.joined() + "</tr>\n</thead>\n<tbody>\n"
        for row in rows.dropFirst() {
            html += "<tr>" + row.map { "<td>\(HTML.escape($0))</td>" }.joined() + "</tr>\n"
        }
        return html + "</tbody>\n</table>\n</div>\n"
    }
}
