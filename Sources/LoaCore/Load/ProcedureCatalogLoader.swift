import Foundation

/// Every procedure of `content/procedures/*.csv` and the optional detail files `<code>.md`.
public struct ProcedureCatalog: Sendable {
    /// In file order, then row order.
    public var procedures: [Procedure] = []
    public var details: [ProcedureDetail] = []

    public init(procedures: [Procedure] = [], details: [ProcedureDetail] = []) {
        self.procedures = procedures
        self.details = details
    }
}

/// Reads the procedure lists as spreadsheets export them (see `CSVText` for the format and
/// `ProcedureColumns` for the headers). Every bad row is reported at the line it starts on.
///
/// Why `CSVText` and not a CSV package: yaslab/CSV.swift 2.5.2 was measured on the cases this loader has
/// to report (see the note in `CSVText`): it gives no row positions, so an error could not name the row's
/// line once a quoted cell spans lines, and it silently accepts an unclosed quote (the rest of the file
/// becomes one cell) and text after a closing quote. One reader serves both uses.
public enum ProcedureCatalogLoader {
    public static let folder = "content/procedures"

    public static func load(_ sources: SourceFiles, unitIDs: Set<String>, log: DiagnosticLog) -> ProcedureCatalog {
        guard sources.isDirectory(folder) else { return ProcedureCatalog() }
        let files = sources.list(folder, log: log)
        var catalog = ProcedureCatalog()
        var seen: [String: (file: String, line: Int)] = [:]
        for file in files where file.lowercased().hasSuffix(".csv") {
            for procedure in loadCSV(file, sources: sources, unitIDs: unitIDs, log: log) {
                if let first = seen[procedure.code] {
                    log.error(file, procedure.line, "mã thủ tục \"\(procedure.code)\" bị trùng với \(first.file):\(first.line) — mỗi thủ tục chỉ được ghi một lần")
                    continue
                }
                seen[procedure.code] = (file, procedure.line)
                catalog.procedures.append(procedure)
            }
        }
        for file in files where file.lowercased().hasSuffix(".md") {
            let code = String((file as NSString).lastPathComponent.dropLast(3))
            guard seen[code] != nil else {
                log.error(file, 1, "không có thủ tục nào mang mã \"\(code)\" trong các tệp .csv — tên tệp chi tiết phải là mã thủ tục, ví dụ 1.001193.md")
                continue
            }
            guard let text = sources.text(file, log: log) else { continue }
            catalog.details.append(ProcedureDetail(code: code, file: file, markdown: text))
        }
        for file in files where !(file.lowercased().hasSuffix(".csv") || file.lowercased().hasSuffix(".md")) {
            log.warning(file, nil, "tệp này không phải .csv hay .md nên bị bỏ qua")
        }
        return catalog
    }

    static func loadCSV(_ file: String, sources: SourceFiles, unitIDs: Set<String>, log: DiagnosticLog) -> [Procedure] {
        guard let text = sources.text(file, log: log) else { return [] }
        let table: CSVText
        switch CSVText.parse(text) {
        case .success(let parsed): table = parsed
        case .failure(let error):
            log.error(file, error.line + 1, "tệp CSV không hợp lệ: \(error.message)")
            return []
        }
        guard let header = table.rows.first else {
            log.error(file, 1, "tệp CSV đang trống — cần một dòng tiêu đề và các dòng thủ tục")
            return []
        }
        guard let columns = ProcedureColumns(header: header, file: file, log: log) else { return [] }
        var procedures: [Procedure] = []
        for row in table.rows.dropFirst() {
            // Spreadsheets export trailing blank rows as ",,,,": not an error.
            if row.cells.allSatisfy(\.isEmpty) { continue }
            guard row.cells.count == header.cells.count else {
                log.error(file, row.line, "dòng có \(row.cells.count) ô nhưng dòng tiêu đề có \(header.cells.count) ô — kiểm tra dấu phân cách (\(table.separator == ";" ? "chấm phẩy" : "phẩy")) và dấu ngoặc kép")
                continue
            }
            if let procedure = ProcedureRow.parse(row, columns: columns, file: file, unitIDs: unitIDs, log: log) {
                procedures.append(procedure)
            }
        }
        return procedures
    }
}
