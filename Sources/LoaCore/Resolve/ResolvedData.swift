/// A procedure ready to render: its page path, its detail rendered, the articles that link to it.
public struct ResolvedProcedure: Sendable {
    public var procedure: Procedure
    /// `thu-tuc/<code>/`
    public var path: String
    public var fieldSlug: String
    public var detail: RenderedMarkdown?
    /// Indices into `ResolvedSite.articles` of articles with a `tthc:` link to it, newest first.
    public var citedBy: [Int]

    public var code: String { procedure.code }
    public var name: String { procedure.name }
    public var isActive: Bool { !procedure.isAbolished }
}

/// A field (lĩnh vực) of the catalogue with its procedures (indices into `ResolvedData.procedures`).
public struct ProcedureField: Sendable {
    public var slug: String
    public var name: String
    public var procedures: [Int]
}

/// The change of one unit's result against its previous ranked year, computed, never typed in.
public struct RankingChange: Sendable, Hashable {
    public var previousYear: Int
    public var previousRank: Int
    public var previousScore: Double
    public var scoreDelta: Double
    /// Places gained: previous rank − rank (rank 1 is best), so positive means "tăng".
    public var placesGained: Int

    /// "tăng 5 bậc" / "giảm 1 bậc" / "giữ nguyên".
    public var rankText: String {
        if placesGained > 0 { return "tăng \(placesGained) bậc" }
        if placesGained < 0 { return "giảm \(-placesGained) bậc" }
        return "giữ nguyên"
    }
}

/// One row of a year's table: the result and its change.
public struct RankingRow: Sendable, Hashable {
    public var year: Int
    public var result: RankingIndex.Result
    public var change: RankingChange?
}

/// An index with every year's rows sorted by rank and changes computed.
public struct ResolvedRanking: Sendable {
    public var index: RankingIndex
    /// Oldest first.
    public var years: [(year: Int, rows: [RankingRow])]

    public var id: String { index.id }

    /// One unit's rows, oldest year first.
    public func history(of unitID: String) -> [RankingRow] {
        years.compactMap { year in year.rows.first { $0.result.unitID == unitID } }
    }

    public func areas(of year: Int) -> [RankingIndex.Area] { index.areas[year] ?? [] }
}

/// Procedures, hotlines and rankings after the resolve stage, with the per-unit views the pages need.
public struct ResolvedData: Sendable {
    /// In Vietnamese order of name (ties by code).
    public var procedures: [ResolvedProcedure] = []
    /// In Vietnamese order.
    public var fields: [ProcedureField] = []
    /// In file order.
    public var hotlines: [Hotline] = []
    /// In Vietnamese order of name.
    public var rankings: [ResolvedRanking] = []

    public init() {}

    public var isEmpty: Bool { procedures.isEmpty && hotlines.isEmpty && rankings.isEmpty }

    public func procedure(code: String) -> ResolvedProcedure? { procedures.first { $0.code == code } }

    public func field(slug: String) -> ProcedureField? { fields.first { $0.slug == slug } }

    /// Active procedures carried out at the unit's (commune) level or named for it (indices).
    public func procedures(forUnit id: String) -> [Int] {
        procedures.indices.filter { procedures[$0].isActive && procedures[$0].procedure.applies(toUnit: id) }
    }

    /// Hotlines of a unit, or of the jurisdiction when `id` is nil; in file order.
    public func hotlines(forUnit id: String?) -> [Hotline] {
        hotlines.filter { $0.unitID == id }
    }

    /// Every index in which the unit (or `jurisdiction`) was ranked, with its rows oldest first.
    public func rankingHistory(of unitID: String) -> [(ranking: ResolvedRanking, rows: [RankingRow])] {
        rankings.compactMap { ranking in
            let rows = ranking.history(of: unitID)
            return rows.isEmpty ? nil : (ranking, rows)
        }
    }
}
