/// What a unit's page (`/don-vi/<id>/`) shows besides its articles: the procedures carried out at its
/// level or named for it, its hotlines and its ranking history with a chart. The home page uses the
/// ranking part for the jurisdiction's own results.
enum UnitDataSections {
    static func values(_ unit: AdministrativeUnit, _ input: RenderInput) -> [String: Any] {
        let data = input.site.data
        let c = input.context
        var values: [String: Any] = [:]
        let procedures = data.procedures(forUnit: unit.id).map { data.procedures[$0] }
        if !procedures.isEmpty {
            // Procedures named for this unit are listed; the rest are the commune catalogue, linked.
            let named = procedures.filter { $0.procedure.unitIDs.contains(unit.id) }
            values["unitProcedures"] = [
                "count": procedures.count,
                "fullOnline": procedures.filter { $0.procedure.onlineLevel == .full }.count,
                "share": ProcedurePages.onlineShare(procedures),
                "url": c.urls.link(SiteURLs.procedures) + "#" + Procedure.Level.commune.anchor,
                "named": named.map { ProcedurePages.item($0, input) },
            ] as [String: Any]
        }
        let hotlines = data.hotlines(forUnit: unit.id)
        if !hotlines.isEmpty {
            let slugs = HotlinePages.cardSlugs(data.hotlines)
            values["unitHotlines"] = hotlines.map { HotlinePages.entry($0, slugs: slugs, input: input) }
            values["hotlinesURL"] = c.urls.link(SiteURLs.hotlines)
        }
        let history = rankingHistory(unit.id, input)
        if !history.isEmpty { values["unitRankings"] = history }
        return values
    }

    /// Per index: the unit's rows oldest first and a line chart of them.
    static func rankingHistory(_ unitID: String, _ input: RenderInput) -> [[String: Any]] {
        let name = RankingPages.unitName(unitID, input.site)
        return input.site.data.rankingHistory(of: unitID).map { ranking, rows in
            let chartID = "lich-su-\(ranking.id)-\(unitID)"
            var values: [String: Any] = [
                "name": ranking.index.name, "url": input.context.urls.link(SiteURLs.ranking(ranking.id)),
                "rows": rows.map { RankingPages.row($0, ranking: ranking, input: input) },
                "chart": RankingCharts.line(ranking, rows: rows, unitName: name, id: chartID),
                "chartID": chartID, "unitName": name, "indexName": ranking.index.name,
            ]
            if let latest = rows.last { values["latest"] = RankingPages.row(latest, ranking: ranking, input: input) }
            return values
        }
    }
}
