/// Rankings: the list of indices (`/xep-hang/`), one page per index (`/xep-hang/<index>/`) and one per
/// year (`/xep-hang/<index>/<year>/`) with the table sorted by rank, computed changes, areas and a bar chart.
enum RankingPages {
    static func jobs(_ input: RenderInput) -> [RenderJob] {
        let rankings = input.site.data.rankings
        guard !rankings.isEmpty else { return [] }
        var jobs = [overview(input)]
        for ranking in rankings {
            jobs.append(indexPage(input, ranking))
            for (position, year) in ranking.years.enumerated() {
                jobs.append(yearPage(input, ranking, position: position, year: year.year, rows: year.rows))
            }
        }
        return jobs
    }

    /// A unit's display name; `jurisdiction` is the portal's own government.
    static func unitName(_ id: String, _ site: ResolvedSite) -> String {
        id == RankingIndex.jurisdictionID ? site.config.jurisdiction.name : (site.unit(id)?.name ?? id)
    }

    static func scaleLabel(_ scale: RankingIndex.Scale) -> String {
        switch scale {
        case .percent: return "điểm phần trăm (0–100%)"
        case .points: return "điểm"
        case .ratio: return "tỉ lệ (0–1)"
        }
    }

    static func overview(_ input: RenderInput) -> RenderJob {
        RenderJob.page(SiteURLs.rankings, template: "rankings", theme: input.theme) {
            let c = input.context
            let items: [[String: Any]] = input.site.data.rankings.map { ranking in
                var values: [String: Any] = ["name": ranking.index.name, "url": c.urls.link(SiteURLs.ranking(ranking.id)),
                                             "scale": scaleLabel(ranking.index.scale),
                                             "years": ranking.years.map(\.year).map(String.init).joined(separator: ", ")]
                values["scope"] = ranking.index.scope ?? ""
                if let latest = ranking.years.last {
                    values["latest"] = ["year": latest.year, "url": c.urls.link(SiteURLs.rankingYear(ranking.id, latest.year))]
                }
                return values
            }
            return c.page(path: SiteURLs.rankings, title: "Xếp hạng",
                          description: "Kết quả xếp hạng các chỉ số cải cách hành chính (PAR INDEX, SIPAS…) của \(input.site.config.jurisdiction.name) và các xã, thị trấn",
                          extra: ["rankings": items])
        }
    }

    static func indexPage(_ input: RenderInput, _ ranking: ResolvedRanking) -> RenderJob {
        let path = SiteURLs.ranking(ranking.id)
        return RenderJob.page(path, template: "ranking-index", theme: input.theme) {
            let site = input.site
            let c = input.context
            let years: [[String: Any]] = ranking.years.reversed().map { year in
                var values: [String: Any] = ["year": year.year, "count": year.rows.count,
                                             "url": c.urls.link(SiteURLs.rankingYear(ranking.id, year.year))]
                if let best = year.rows.first { values["best"] = unitName(best.result.unitID, site) }
                return values
            }
            // Who was ranked, in Vietnamese order (the jurisdiction first), with their rank per year.
            let ids = Set(ranking.years.flatMap { $0.rows.map(\.result.unitID) })
            let ordered = (ids.contains(RankingIndex.jurisdictionID) ? [RankingIndex.jurisdictionID] : [])
                + site.units.map(\.id).filter { ids.contains($0) }
            let matrix: [[String: Any]] = ordered.map { id in
                var values: [String: Any] = ["name": unitName(id, site), "unitURL": c.unitLink(id)?["url"] ?? ""]
                values["ranks"] = ranking.years.map { year -> [String: Any] in
                    guard let row = year.rows.first(where: { $0.result.unitID == id }) else { return ["rank": "–", "score": ""] }
                    return ["rank": "\(row.result.rank)/\(row.result.of)", "score": ranking.index.scale.format(row.result.score)]
                }
                return values
            }
            var extra: [String: Any] = [
                "ranking": ["name": ranking.index.name, "scope": ranking.index.scope ?? "",
                            "scale": scaleLabel(ranking.index.scale),
                            "direction": ranking.index.higherIsBetter ? "Điểm càng cao càng tốt." : "Điểm càng thấp càng tốt."],
                "years": years, "yearHeaders": ranking.years.map(\.year), "matrix": matrix,
                "overview": c.urls.link(SiteURLs.rankings),
            ]
            extra["page.type"] = "ranking"
            return c.page(path: path, title: ranking.index.name,
                          description: "\(ranking.index.name): kết quả các năm \(ranking.years.map { String($0.year) }.joined(separator: ", "))",
                          extra: extra)
        }
    }

    /// One row of a year's table; the same shape on unit pages and the home page.
    static func row(_ row: RankingRow, ranking: ResolvedRanking, input: RenderInput) -> [String: Any] {
        let scale = ranking.index.scale
        var values: [String: Any] = ["year": row.year, "rank": row.result.rank, "of": row.result.of,
                                     "name": unitName(row.result.unitID, input.site),
                                     "score": scale.format(row.result.score),
                                     "yearURL": input.context.urls.link(SiteURLs.rankingYear(ranking.id, row.year))]
        // Always set: Mustache would otherwise find an outer "unitURL"/"change" for the jurisdiction's row.
        values["unitURL"] = input.context.unitLink(row.result.unitID)?["url"] ?? ""
        values["isJurisdiction"] = row.result.unitID == RankingIndex.jurisdictionID
        values["change"] = false
        if let change = row.change {
            values["change"] = [
                "score": scale.formatDifference(change.scoreDelta),
                "rank": change.rankText,
                "previous": "hạng \(change.previousRank) năm \(change.previousYear)",
                "trend": change.placesGained > 0 ? "up" : (change.placesGained < 0 ? "down" : "same"),
            ]
        }
        return values
    }

    static func yearPage(_ input: RenderInput, _ ranking: ResolvedRanking, position: Int, year: Int,
                         rows: [RankingRow]) -> RenderJob {
        let path = SiteURLs.rankingYear(ranking.id, year)
        return RenderJob.page(path, template: "ranking-year", theme: input.theme) {
            let site = input.site
            let c = input.context
            let areas = ranking.areas(of: year)
            let tableRows: [[String: Any]] = rows.map { item in
                var values = row(item, ranking: ranking, input: input)
                values["areas"] = areas.map { area -> String in
                    item.result.areas.first { $0.name == area.name }
                        .map { VietnameseFormat.trimmedNumber($0.score, maxFractionDigits: 2) } ?? "–"
                }
                return values
            }
            let chartID = "bieu-do-\(ranking.id)-\(year)"
            var extra: [String: Any] = [
                "ranking": ["name": ranking.index.name, "scope": ranking.index.scope ?? "",
                            "url": c.urls.link(SiteURLs.ranking(ranking.id))],
                "year": year, "rows": tableRows,
                "areas": areas.map { ["name": $0.name, "maximum": VietnameseFormat.trimmedNumber($0.maximum, maxFractionDigits: 2)] },
                "areaTotal": VietnameseFormat.trimmedNumber(areas.reduce(0) { $0 + $1.maximum }, maxFractionDigits: 2),
                "chart": RankingCharts.bar(ranking, year: year, rows: rows, name: { unitName($0, site) }, id: chartID),
                "chartID": chartID,
            ]
            if position > 0 {
                let previous = ranking.years[position - 1].year
                extra["previousYear"] = ["year": previous, "url": c.urls.link(SiteURLs.rankingYear(ranking.id, previous))]
            }
            if position + 1 < ranking.years.count {
                let next = ranking.years[position + 1].year
                extra["nextYear"] = ["year": next, "url": c.urls.link(SiteURLs.rankingYear(ranking.id, next))]
            }
            extra["page.type"] = "ranking"
            return c.page(path: path, title: "\(ranking.index.name) năm \(year)",
                          description: "Kết quả \(ranking.index.name) năm \(year): \(rows.count) đơn vị, xếp theo thứ hạng",
                          extra: extra)
        }
    }
}
