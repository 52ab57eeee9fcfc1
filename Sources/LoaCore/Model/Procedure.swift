/// One administrative procedure (thủ tục hành chính) from a row of `content/procedures/*.csv`.
public struct Procedure: Sendable, Hashable {
    /// Where a procedure is carried out. Ordered as the catalogue lists them: province, district, commune.
    public enum Level: Int, Sendable, Hashable, CaseIterable, Comparable {
        case province, district, commune

        /// "tỉnh", "huyện", "xã" as written in the spreadsheet.
        public var word: String {
            switch self {
            case .province: return "tỉnh"
            case .district: return "huyện"
            case .commune: return "xã"
            }
        }

        public var label: String { "Cấp \(word)" }
        /// Fragment id on the catalogue page.
        public var anchor: String { "cap-\(VietnameseText.slug(word))" }

        /// Accepts "xã", "Xa", "cấp xã", "CAP XA".
        public init?(text: String) {
            var folded = VietnameseText.fold(text).trimmingCharacters(in: .whitespaces)
            if folded.hasPrefix("cap ") { folded = String(folded.dropFirst(4)).trimmingCharacters(in: .whitespaces) }
            switch folded {
            case "tinh": self = .province
            case "huyen": self = .district
            case "xa": self = .commune
            default: return nil
            }
        }

        public static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }
    }

    /// Mức độ dịch vụ công trực tuyến.
    public enum OnlineLevel: String, Sendable, Hashable {
        case full = "toàn trình"
        case partial = "một phần"

        public var label: String { self == .full ? "Toàn trình" : "Một phần" }
    }

    public var code: String
    public var name: String
    public var field: String
    /// At least one, in `Level` order.
    public var levels: [Level]
    public var agency: String?
    public var duration: String?
    public var fees: String?
    public var onlineLevel: OnlineLevel?
    /// The `;`-separated documents of "Căn cứ pháp lý", one per item.
    public var legalBasis: [String]
    public var decision: String?
    /// `đã bãi bỏ`: keeps its page, leaves the active lists.
    public var isAbolished: Bool
    /// Unit ids the row is narrowed to (checked against units.yaml); empty = every unit of its level.
    public var unitIDs: [String]
    /// National public-service portal page (http or https).
    public var link: String?
    /// Where the row is: the CSV file and the line the row starts on.
    public var file: String
    public var line: Int

    /// Carried out at commune level for this unit, or named for it.
    public func applies(toUnit id: String) -> Bool {
        if unitIDs.contains(id) { return true }
        return levels.contains(.commune) && unitIDs.isEmpty
    }
}

/// Optional Markdown detail of one procedure (`content/procedures/<code>.md`).
public struct ProcedureDetail: Sendable, Hashable {
    public var code: String
    public var file: String
    public var markdown: String
}
