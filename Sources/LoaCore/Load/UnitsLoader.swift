/// Reads `content/units.yaml`: the jurisdiction's communes and wards, with their former names.
public enum UnitsLoader {
    public static let file = "content/units.yaml"

    public static func load(_ sources: SourceFiles, log: DiagnosticLog) -> [AdministrativeUnit] {
        guard sources.exists(file) else { return [] }
        guard let text = sources.text(file, log: log) else { return [] }
        return parse(text, log: log)
    }

    /// The units of a units.yaml text; every problem goes to `log`. Entry point of the fuzzer too.
    public static func parse(_ text: String, log: DiagnosticLog) -> [AdministrativeUnit] {
        guard let root = YAMLValue.parse(text, file: file, log: log) else { return [] }
        guard let list = root["units"], list.isSequence else {
            log.error(file, root.line, "units.yaml phải có khóa 'units' là một danh sách đơn vị")
            return []
        }
        var units: [AdministrativeUnit] = []
        var seenIDs: [String: Int] = [:]
        for item in list.items {
            guard item.isMapping else {
                log.error(file, item.line, "mỗi đơn vị phải có id, name, kind")
                continue
            }
            item.rejectUnknownKeys(["id", "name", "kind", "code", "formerly"], log: log, what: "một đơn vị")
            let id = item.string("id", required: true, log: log)
            let name = item.string("name", required: true, log: log)
            let kindText = item.string("kind", required: true, log: log)
            let kind = kindText.flatMap(AdministrativeUnit.Kind.init(rawValue:))
            if let kindText, kind == nil {
                log.error(file, item["kind"]?.line, "kind phải là xa, phuong, thi-tran hoặc dac-khu, không phải \"\(kindText)\"")
            }
            if let id {
                if !isValidID(id) {
                    log.error(file, item["id"]?.line, "id \"\(id)\" chỉ được gồm chữ thường không dấu, số và dấu '-' (ví dụ: hoang-viet)")
                } else if id == "jurisdiction" {
                    log.error(file, item["id"]?.line, "id \"jurisdiction\" được dành cho chính quyền chủ quản, hãy chọn id khác")
                } else if let first = seenIDs[id] {
                    log.error(file, item["id"]?.line, "id \"\(id)\" bị trùng với đơn vị ở dòng \(first)")
                } else {
                    seenIDs[id] = item.line
                }
            }
            let code = item.string("code", log: log)
            if let code, !code.allSatisfy(\.isNumber) {
                log.error(file, item["code"]?.line, "mã đơn vị hành chính chỉ gồm chữ số, ví dụ \"06121\"")
            }
            let formerly = item.stringList("formerly", log: log).map(\.text)
            if let id, let name, let kind, isValidID(id) {
                units.append(AdministrativeUnit(id: id, name: name, kind: kind, code: code, formerly: formerly, line: item.line))
            }
        }
        return units
    }

    public static func isValidID(_ id: String) -> Bool {
        !id.isEmpty && !id.hasPrefix("-") && !id.hasSuffix("-")
            && id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}
