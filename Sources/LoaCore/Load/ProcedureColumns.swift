/// The columns of a procedure list, found by header text ignoring case, diacritics, spacing and
/// punctuation: `Mã thủ tục`, `ma thu tuc` and `MA_THU_TUC` are the same column.
struct ProcedureColumns {
    enum Column: String, CaseIterable {
        case code = "Mã thủ tục", name = "Tên thủ tục", field = "Lĩnh vực", level = "Cấp thực hiện"
        case agency = "Cơ quan thực hiện", duration = "Thời hạn giải quyết", fees = "Phí, lệ phí"
        case online = "Mức độ DVC", legalBasis = "Căn cứ pháp lý", decision = "Quyết định công bố"
        case status = "Trạng thái", units = "Đơn vị", link = "Liên kết"

        var isRequired: Bool { [.code, .name, .field, .level].contains(self) }
        var key: String { ProcedureColumns.key(rawValue) }
    }

    /// Headers that are common in exported lists and carry nothing Loa publishes (the row number).
    static let ignoredKeys: Set<String> = ["stt", "sothutu"]

    /// "Phí, lệ phí" / "PHI_LE_PHI" / "phi le phi" → "philephi".
    static func key(_ header: String) -> String {
        String(VietnameseText.fold(header).unicodeScalars.filter {
            ("a"..."z").contains($0) || ("0"..."9").contains($0)
        }.map(Character.init))
    }

    /// Column → cell index.
    private var indices: [Column: Int] = [:]

    init?(header: CSVText.Row, file: String, log: DiagnosticLog) {
        let known = Dictionary(uniqueKeysWithValues: Column.allCases.map { ($0.key, $0) })
        for (index, text) in header.cells.enumerated() {
            let key = ProcedureColumns.key(text)
            if let column = known[key] {
                if indices[column] != nil {
                    log.error(file, header.line, "cột \"\(column.rawValue)\" xuất hiện hai lần trong dòng tiêu đề")
                }
                indices[column] = index
            } else if !key.isEmpty, !ProcedureColumns.ignoredKeys.contains(key) {
                log.warning(file, header.line, "cột \"\(text)\" không thuộc danh sách cột của thủ tục nên bị bỏ qua")
            }
        }
        let missing = Column.allCases.filter { $0.isRequired && indices[$0] == nil }
        if !missing.isEmpty {
            let names = missing.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
            log.error(file, header.line, "dòng tiêu đề thiếu cột bắt buộc \(names) — dòng đầu tiên của tệp phải là tên các cột")
            return nil
        }
    }

    /// The trimmed cell of a column, nil when the column is absent or the cell empty.
    func cell(_ column: Column, in row: CSVText.Row) -> String? {
        guard let index = indices[column], index < row.cells.count else { return nil }
        let text = row.cells[index].trimmingWhitespace(newlines: true)
        return text.isEmpty ? nil : text
    }
}

/// One data row of a procedure list, checked cell by cell; every problem is reported at the row's line.
enum ProcedureRow {
    static func parse(_ row: CSVText.Row, columns: ProcedureColumns, file: String, unitIDs: Set<String>,
                      log: DiagnosticLog) -> Procedure? {
        let line = row.line
        var ok = true
        func required(_ column: ProcedureColumns.Column) -> String? {
            guard let value = columns.cell(column, in: row) else {
                log.error(file, line, "ô \"\(column.rawValue)\" không được để trống")
                ok = false
                return nil
            }
            return value
        }
        let code = required(.code)
        let name = required(.name)
        let field = required(.field)
        let levelText = required(.level)

        if let code, !isValidCode(code) {
            log.error(file, line, "mã thủ tục \"\(code)\" không hợp lệ — mã gồm chữ số, chữ cái và dấu chấm, ví dụ 1.001193 hoặc 1.001193.000.00.00.H35")
            ok = false
        }
        var levels: [Procedure.Level] = []
        for part in splitList(levelText ?? "") {
            guard let level = Procedure.Level(text: part) else {
                log.error(file, line, "cấp thực hiện \"\(part)\" không hợp lệ — ghi tỉnh, huyện hoặc xã (nhiều cấp cách nhau bởi dấu ;)")
                ok = false
                continue
            }
            if !levels.contains(level) { levels.append(level) }
        }
        var online: Procedure.OnlineLevel?
        if let text = columns.cell(.online, in: row) {
            switch VietnameseText.fold(text) {
            case "toan trinh": online = .full
            case "mot phan": online = .partial
            default:
                log.error(file, line, "mức độ DVC \"\(text)\" không hợp lệ — ghi \"toàn trình\", \"một phần\" hoặc để trống")
                ok = false
            }
        }
        var abolished = false
        if let text = columns.cell(.status, in: row) {
            switch VietnameseText.fold(text) {
            case "con hieu luc": abolished = false
            case "da bai bo", "bai bo": abolished = true
            default:
                log.error(file, line, "trạng thái \"\(text)\" không hợp lệ — ghi \"còn hiệu lực\", \"đã bãi bỏ\" hoặc để trống")
                ok = false
            }
        }
        var units: [String] = []
        for id in splitList(columns.cell(.units, in: row) ?? "") {
            if unitIDs.contains(id) {
                if !units.contains(id) { units.append(id) }
            } else {
                let hint = unitIDs.sorted().first { YAMLValue.isNear($0, id) }.map { " — có phải ý bạn là '\($0)'?" } ?? ""
                log.error(file, line, "đơn vị \"\(id)\" không có trong content/units.yaml\(hint)")
                ok = false
            }
        }
        let link = columns.cell(.link, in: row)
        if let link, !isWebLink(link) {
            log.error(file, line, "liên kết \"\(link)\" phải là địa chỉ web bắt đầu bằng http:// hoặc https://")
            ok = false
        }
        guard ok, let code, let name, let field, !levels.isEmpty else { return nil }
        return Procedure(
            code: code, name: name, field: field, levels: levels.sorted(),
            agency: columns.cell(.agency, in: row), duration: columns.cell(.duration, in: row),
            fees: columns.cell(.fees, in: row), onlineLevel: online,
            legalBasis: splitList(columns.cell(.legalBasis, in: row) ?? "", separators: [";", "\n"]),
            decision: columns.cell(.decision, in: row), isAbolished: abolished, unitIDs: units, link: link,
            file: file, line: line)
    }

    /// `;`-separated values (a line break inside a quoted cell also separates), trimmed, empty ones dropped.
    static func splitList(_ text: String, separators: Set<Character> = [";", ","]) -> [String] {
        text.split(whereSeparator: { separators.contains($0) })
            .map { $0.trimmingWhitespace(newlines: true) }
            .filter { !$0.isEmpty }
    }

    /// National codes, possibly with a provincial suffix: digits, ASCII letters and single dots. They become
    /// folder names (`/thu-tuc/1.001193/`), so nothing else is allowed.
    static func isValidCode(_ code: String) -> Bool {
        guard let first = code.unicodeScalars.first, ("0"..."9").contains(first),
              !code.hasSuffix("."), !code.contains("..") else { return false }
        return code.unicodeScalars.allSatisfy {
            ("0"..."9").contains($0) || ("a"..."z").contains($0) || ("A"..."Z").contains($0) || $0 == "." || $0 == "-"
        }
    }

    static func isWebLink(_ text: String) -> Bool {
        // ASCII links (nearly all) on their bytes: lowercasing and walking characters was a tenth of the
        // catalogue's loading. For ASCII, characters are bytes (a CR LF pair fails either way) and the
        // whitespace characters are tab to carriage return and space.
        if let ascii = text.utf8.withContiguousStorageIfAvailable({ bytes -> Bool? in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
            func starts(_ prefix: [UInt8]) -> Bool {
                guard bytes.count >= prefix.count else { return false }
                for (byte, expected) in zip(bytes, prefix) {
                    let lower: UInt8 = byte >= 0x41 && byte <= 0x5A ? byte + 32 : byte
                    if lower != expected { return false }
                }
                return true
            }
            func isExcluded(_ byte: UInt8) -> Bool {
                (byte >= 0x09 && byte <= 0x0D) || byte == 0x20 || byte == 0x22 || byte == 0x3C || byte == 0x3E
            }
            let scheme = starts(Array("https://".utf8)) || starts(Array("http://".utf8))
            return scheme && bytes.count > 8 && !bytes.contains(where: isExcluded)
        }), let ascii { return ascii }
        return isWebLinkByCharacters(text)
    }

    static func isWebLinkByCharacters(_ text: String) -> Bool {
        let lower = text.lowercased()
        return (lower.hasPrefix("https://") || lower.hasPrefix("http://")) && lower.count > 8
            && !text.contains(where: { $0.isWhitespace || $0 == "\"" || $0 == "<" || $0 == ">" })
    }
}
