import Foundation

/// Reads `content/rankings/<index>.yaml`. Errors: a rank above `of`, two units with one rank in a year,
/// a score outside the scale, an unknown unit, an area not defined for that year.
public enum RankingLoader {
    public static let folder = "content/rankings"

    static let keys: Set<String> = ["id", "name", "scale", "higher_is_better", "scope", "areas", "results"]
    static let resultKeys: Set<String> = ["unit", "score", "rank", "of", "areas"]

    public static func load(_ sources: SourceFiles, unitIDs: Set<String>, log: DiagnosticLog) -> [RankingIndex] {
        guard sources.isDirectory(folder) else { return [] }
        var indices: [RankingIndex] = []
        var seen: [String: String] = [:]
        for file in sources.list(folder, log: log) {
            guard file.hasSuffix(".yaml") || file.hasSuffix(".yml") else {
                log.warning(file, nil, "tệp này không phải .yaml nên bị bỏ qua")
                continue
            }
            guard let index = loadIndex(file, sources: sources, unitIDs: unitIDs, log: log) else { continue }
            if let other = seen[index.id] {
                log.error(file, 1, "id \"\(index.id)\" trùng với chỉ số trong \(other)")
                continue
            }
            seen[index.id] = file
            indices.append(index)
        }
        return indices
    }

    static func loadIndex(_ file: String, sources: SourceFiles, unitIDs: Set<String>, log: DiagnosticLog) -> RankingIndex? {
        guard let text = sources.text(file, log: log) else { return nil }
        guard let root = YAMLValue.parse(text, file: file, log: log), root.isMapping else {
            if !log.all.contains(where: { $0.file == file && $0.severity == .error }) {
                log.error(file, 1, "tệp xếp hạng phải có id, name, scale và results")
            }
            return nil
        }
        root.rejectUnknownKeys(keys, log: log, what: "tệp xếp hạng")
        let fileID = String((file as NSString).lastPathComponent.split(separator: ".").first ?? "")
        let id = root.string("id", log: log) ?? fileID
        if !UnitsLoader.isValidID(id) {
            log.error(file, root["id"]?.line ?? 1, "id \"\(id)\" chỉ được gồm chữ thường không dấu, số và dấu '-' (ví dụ: par-index)")
            return nil
        }
        let name = root.string("name", required: true, log: log)
        let scaleText = root.string("scale", required: true, log: log)
        let scale = scaleText.flatMap(RankingIndex.Scale.init(rawValue:))
        if let scaleText, scale == nil {
            log.error(file, root["scale"]?.line ?? 1, "scale phải là percent, points hoặc ratio, không phải \"\(scaleText)\"")
        }
        let higherIsBetter = root.bool("higher_is_better", log: log) ?? true
        let areas = loadAreas(root["areas"], file: file, log: log)
        guard let resultsNode = root["results"], resultsNode.isMapping else {
            log.error(file, root["results"]?.line ?? root.line, "thiếu khóa 'results': kết quả theo năm, ví dụ 2023: [ { unit: …, score: …, rank: …, of: … } ]")
            return nil
        }
        var results: [Int: [RankingIndex.Result]] = [:]
        for entry in resultsNode.entries {
            guard let year = year(entry.key, line: entry.keyLine, file: file, log: log) else { continue }
            guard entry.value.isSequence else {
                log.error(file, entry.keyLine, "kết quả năm \(year) phải là một danh sách [ { unit: …, score: …, rank: …, of: … } ]")
                continue
            }
            let rows = entry.value.items.compactMap {
                loadResult($0, year: year, scale: scale, areas: areas[year], unitIDs: unitIDs, file: file, log: log)
            }
            checkYear(rows, year: year, file: file, log: log)
            results[year] = rows
        }
        guard let name, let scale else { return nil }
        return RankingIndex(id: id, name: name, scale: scale, higherIsBetter: higherIsBetter,
                            scope: root.string("scope", log: log), areas: areas, results: results, file: file)
    }

    static func year(_ text: String, line: Int, file: String, log: DiagnosticLog) -> Int? {
        guard let year = Int(text), (1900...2200).contains(year) else {
            log.error(file, line, "\"\(text)\" không phải một năm (ví dụ 2023)")
            return nil
        }
        return year
    }

    static func loadAreas(_ node: YAMLValue?, file: String, log: DiagnosticLog) -> [Int: [RankingIndex.Area]] {
        guard let node else { return [:] }
        var areas: [Int: [RankingIndex.Area]] = [:]
        for entry in node.entries {
            guard let year = year(entry.key, line: entry.keyLine, file: file, log: log) else { continue }
            var list: [RankingIndex.Area] = []
            for area in entry.value.entries {
                guard let max = area.value.scalarText.flatMap(YAMLValue.parseNumber), max > 0 else {
                    log.error(file, area.keyLine, "điểm tối đa của lĩnh vực \"\(area.key)\" phải là một số dương")
                    continue
                }
                list.append(.init(name: VietnameseText.nfc(area.key), maximum: max))
            }
            areas[year] = list
        }
        return areas
    }

    static func loadResult(_ item: YAMLValue, year: Int, scale: RankingIndex.Scale?, areas: [RankingIndex.Area]?,
                           unitIDs: Set<String>, file: String, log: DiagnosticLog) -> RankingIndex.Result? {
        guard item.isMapping else {
            log.error(file, item.line, "mỗi kết quả phải có unit, score, rank, of")
            return nil
        }
        item.rejectUnknownKeys(resultKeys, log: log, what: "một kết quả xếp hạng")
        var ok = true
        let unit = item.string("unit", required: true, log: log)
        if let unit, unit != RankingIndex.jurisdictionID, !unitIDs.contains(unit) {
            let hint = unitIDs.sorted().first { YAMLValue.isNear($0, unit) }.map { " — có phải ý bạn là '\($0)'?" } ?? ""
            log.error(file, item["unit"]?.line ?? item.line, "đơn vị \"\(unit)\" không có trong content/units.yaml\(hint) (dùng jurisdiction cho chính cơ quan chủ quản)")
            ok = false
        }
        let score = item.number("score", log: log)
        let rank = item.int("rank", log: log)
        let of = item.int("of", log: log)
        for key in ["score", "rank", "of"] where item[key] == nil {
            log.error(file, item.line, "thiếu khóa bắt buộc '\(key)'")
            ok = false
        }
        if let rank, let of {
            if of < 1 || rank < 1 {
                log.error(file, item.line, "rank và of phải là số nguyên dương")
                ok = false
            } else if rank > of {
                log.error(file, item["rank"]?.line ?? item.line, "thứ hạng \(rank) lớn hơn số đơn vị được xếp hạng (of: \(of))")
                ok = false
            }
        }
        var areaScores: [RankingIndex.AreaScore] = []
        if let node = item["areas"] {
            let defined = areas ?? []
            for entry in node.entries {
                let name = VietnameseText.nfc(entry.key)
                guard let area = defined.first(where: { $0.name == name }) else {
                    let known = defined.isEmpty ? "năm \(year) chưa khai báo lĩnh vực nào trong 'areas'"
                        : "các lĩnh vực của năm \(year): " + defined.map { "\"\($0.name)\"" }.joined(separator: ", ")
                    log.error(file, entry.keyLine, "lĩnh vực \"\(name)\" không được khai báo cho năm \(year) — \(known)")
                    ok = false
                    continue
                }
                guard let points = entry.value.scalarText.flatMap(YAMLValue.parseNumber) else {
                    log.error(file, entry.keyLine, "điểm của lĩnh vực \"\(name)\" phải là một số")
                    ok = false
                    continue
                }
                if points < 0 || points > area.maximum {
                    log.error(file, entry.keyLine, "điểm lĩnh vực \"\(name)\" (\(VietnameseFormat.trimmedNumber(points, maxFractionDigits: 2))) nằm ngoài khoảng 0–\(VietnameseFormat.trimmedNumber(area.maximum, maxFractionDigits: 2))")
                    ok = false
                }
                areaScores.append(.init(name: name, score: points))
            }
        }
        if let score, let scale, let problem = outOfScale(score, scale: scale, areas: areas) {
            log.error(file, item["score"]?.line ?? item.line, problem)
            ok = false
        }
        guard ok, let unit, let score, let rank, let of else { return nil }
        return RankingIndex.Result(unitID: unit, score: score, rank: rank, of: of, areas: areaScores, line: item.line)
    }

    /// percent 0–100, ratio 0–1, points ≥ 0 and at most the sum of that year's area maxima when given.
    static func outOfScale(_ score: Double, scale: RankingIndex.Scale, areas: [RankingIndex.Area]?) -> String? {
        let shown = VietnameseFormat.trimmedNumber(score, maxFractionDigits: 4)
        switch scale {
        case .percent where score < 0 || score > 100:
            return "điểm \(shown) nằm ngoài thang phần trăm (0–100)"
        case .ratio where score < 0 || score > 1:
            return "điểm \(shown) nằm ngoài thang tỉ lệ (0–1) — với thang ratio, 83% viết là 0.83"
        case .points where score < 0:
            return "điểm \(shown) không được âm"
        case .points:
            if let areas, !areas.isEmpty {
                let total = areas.reduce(0) { $0 + $1.maximum }
                if score > total + 1e-9 {
                    return "điểm \(shown) lớn hơn tổng điểm tối đa của các lĩnh vực (\(VietnameseFormat.trimmedNumber(total, maxFractionDigits: 2)))"
                }
            }
            return nil
        default:
            return nil
        }
    }

    /// One rank per unit and one unit per rank in a year; a unit appears once.
    static func checkYear(_ rows: [RankingIndex.Result], year: Int, file: String, log: DiagnosticLog) {
        var byRank: [Int: RankingIndex.Result] = [:]
        var byUnit: [String: RankingIndex.Result] = [:]
        for row in rows {
            if let other = byUnit[row.unitID] {
                log.error(file, row.line, "đơn vị \"\(row.unitID)\" có hai kết quả trong năm \(year) (dòng \(other.line) và dòng \(row.line))")
                continue
            }
            byUnit[row.unitID] = row
            if let other = byRank[row.rank] {
                log.error(file, row.line, "\"\(row.unitID)\" và \"\(other.unitID)\" (dòng \(other.line)) cùng xếp thứ \(row.rank) trong năm \(year)")
            } else {
                byRank[row.rank] = row
            }
        }
        let totals = Set(rows.map(\.of))
        if totals.count > 1, let row = rows.first(where: { $0.of != rows[0].of }) {
            log.warning(file, row.line, "năm \(year) ghi số đơn vị được xếp hạng (of) khác nhau: \(totals.sorted().map(String.init).joined(separator: ", "))")
        }
    }
}
