/// Computes each result's change against the same unit's previous ranked year of the index.
public enum RankingChanges {
    public static func resolve(_ index: RankingIndex) -> ResolvedRanking {
        var years: [(year: Int, rows: [RankingRow])] = []
        var last: [String: (year: Int, result: RankingIndex.Result)] = [:]
        for year in index.years {
            let results = (index.results[year] ?? []).sorted { ($0.rank, $0.unitID) < ($1.rank, $1.unitID) }
            var rows: [RankingRow] = []
            for result in results {
                var computed: RankingChange?
                if let previous = last[result.unitID] {
                    computed = RankingChanges.change(from: previous.result, previousYear: previous.year, to: result)
                }
                rows.append(RankingRow(year: year, result: result, change: computed))
            }
            for result in results { last[result.unitID] = (year, result) }
            years.append((year, rows))
        }
        return ResolvedRanking(index: index, years: years)
    }

    /// Rank 1 is the best whatever the direction of the score, so fewer rank number = places gained.
    public static func change(from previous: RankingIndex.Result, previousYear: Int,
                              to current: RankingIndex.Result) -> RankingChange {
        RankingChange(previousYear: previousYear, previousRank: previous.rank, previousScore: previous.score,
                      scoreDelta: current.score - previous.score, placesGained: previous.rank - current.rank)
    }
}
