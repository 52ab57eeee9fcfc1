import Foundation

/// Inline SVG charts made at build time (no JavaScript): each is `role="img"` labelled by its `<title>`
/// and `<desc>`; the page puts the same numbers in a table. Coordinates are written with one decimal from
/// integer arithmetic, so the output is byte-identical on every machine.
enum RankingCharts {
    /// A year's results as horizontal bars, best rank first.
    static func bar(_ ranking: ResolvedRanking, year: Int, rows: [RankingRow], name: (String) -> String,
                    id: String) -> String {
        let scale = ranking.index.scale
        let maximum = scaleMaximum(ranking, year: year, scores: rows.map(\.result.score))
        let width = 440.0, labelWidth = 170.0, valueWidth = 78.0, rowHeight = 30.0, top = 8.0, bottom = 26.0
        let barArea = width - labelWidth - valueWidth
        let height = top + Double(rows.count) * rowHeight + bottom
        let title = "\(ranking.index.name) năm \(year)"
        let desc = "Biểu đồ cột điểm số năm \(year), xếp theo thứ hạng: " + rows.map {
            "\(name($0.result.unitID)) \(scale.format($0.result.score)), hạng \($0.result.rank)/\($0.result.of)"
        }.joined(separator: "; ") + "."
        var svg = open(id: id, width: width, height: height, title: title, desc: desc, kind: "bar")
        for tick in 0...4 {
            let x = labelWidth + barArea * Double(tick) / 4
            let value = maximum * Double(tick) / 4
            svg += "<line class=\"grid\" x1=\"\(n(x))\" y1=\"\(n(top))\" x2=\"\(n(x))\" y2=\"\(n(height - bottom))\"/>\n"
            svg += "<text class=\"axis\" x=\"\(n(x))\" y=\"\(n(height - 8))\" text-anchor=\"middle\">\(HTML.escape(tickLabel(value, scale: scale)))</text>\n"
        }
        for (i, row) in rows.enumerated() {
            let y = top + Double(i) * rowHeight
            let barWidth = maximum > 0 ? barArea * min(max(row.result.score, 0), maximum) / maximum : 0
            let highlight = row.result.unitID == RankingIndex.jurisdictionID ? " highlight" : ""
            svg += "<text class=\"label\" x=\"\(n(labelWidth - 8))\" y=\"\(n(y + 18))\" text-anchor=\"end\">\(row.result.rank). \(HTML.escape(name(row.result.unitID)))</text>\n"
            svg += "<rect class=\"bar\(highlight)\" x=\"\(n(labelWidth))\" y=\"\(n(y + 5))\" width=\"\(n(barWidth))\" height=\"\(n(rowHeight - 10))\"/>\n"
            svg += "<text class=\"value\" x=\"\(n(labelWidth + barWidth + 6))\" y=\"\(n(y + 18))\">\(HTML.escape(scale.format(row.result.score)))</text>\n"
        }
        return svg + "</svg>"
    }

    /// One unit's scores over the years as a line, each point labelled with its score.
    static func line(_ ranking: ResolvedRanking, rows: [RankingRow], unitName: String, id: String) -> String {
        let scale = ranking.index.scale
        let width = 440.0, height = 230.0, left = 52.0, right = 34.0, top = 30.0, bottom = 40.0
        let (low, high, step) = window(rows.map(\.result.score), scale: scale,
                                       maximum: scaleMaximum(ranking, year: nil, scores: rows.map(\.result.score)))
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        func x(_ i: Int) -> Double {
            rows.count == 1 ? left + plotWidth / 2 : left + plotWidth * Double(i) / Double(rows.count - 1)
        }
        func y(_ v: Double) -> Double { top + plotHeight * (1 - (v - low) / (high - low)) }
        let title = "\(ranking.index.name): \(unitName) qua các năm"
        let desc = "Biểu đồ đường điểm số của \(unitName): " + rows.map {
            "năm \($0.year) \(scale.format($0.result.score)), hạng \($0.result.rank)/\($0.result.of)"
        }.joined(separator: "; ") + "."
        var svg = open(id: id, width: width, height: height, title: title, desc: desc, kind: "line")
        var tick = low
        while tick <= high + step / 1000 {
            svg += "<line class=\"grid\" x1=\"\(n(left))\" y1=\"\(n(y(tick)))\" x2=\"\(n(width - right))\" y2=\"\(n(y(tick)))\"/>\n"
            svg += "<text class=\"axis\" x=\"\(n(left - 8))\" y=\"\(n(y(tick) + 4))\" text-anchor=\"end\">\(HTML.escape(tickLabel(tick, scale: scale)))</text>\n"
            tick += step
        }
        let points = rows.indices.map { "\(n(x($0))),\(n(y(rows[$0].result.score)))" }.joined(separator: " ")
        if rows.count > 1 { svg += "<polyline class=\"line\" points=\"\(points)\"/>\n" }
        for (i, row) in rows.enumerated() {
            let px = x(i), py = y(row.result.score)
            svg += "<circle class=\"point\" cx=\"\(n(px))\" cy=\"\(n(py))\" r=\"4\"/>\n"
            svg += "<text class=\"value\" x=\"\(n(px))\" y=\"\(n(py - 10))\" text-anchor=\"middle\">\(HTML.escape(scale.format(row.result.score)))</text>\n"
            svg += "<text class=\"axis\" x=\"\(n(px))\" y=\"\(n(height - 20))\" text-anchor=\"middle\">\(row.year)</text>\n"
            svg += "<text class=\"axis\" x=\"\(n(px))\" y=\"\(n(height - 6))\" text-anchor=\"middle\">hạng \(row.result.rank)/\(row.result.of)</text>\n"
        }
        return svg + "</svg>"
    }

    static func open(id: String, width: Double, height: Double, title: String, desc: String, kind: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart chart-\(kind)\" viewBox=\"0 0 \(n(width)) \(n(height))\" role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\">\n"
            + "<title id=\"\(id)-title\">\(HTML.escape(title))</title>\n<desc id=\"\(id)-desc\">\(HTML.escape(desc))</desc>\n"
    }

    /// The top of the scale: 100%, 1, or for points the year's area maxima (else the best score, rounded up).
    static func scaleMaximum(_ ranking: ResolvedRanking, year: Int?, scores: [Double]) -> Double {
        switch ranking.index.scale {
        case .percent: return 100
        case .ratio: return 1
        case .points:
            let years = year.map { [$0] } ?? ranking.index.areas.keys.sorted()
            let fromAreas = years.map { ranking.areas(of: $0).reduce(0) { $0 + $1.maximum } }.max() ?? 0
            let best = scores.max() ?? 0
            return max(fromAreas, best > 0 ? (best / 10).rounded(.up) * 10 : 10)
        }
    }

    /// A window around the scores with 3–6 round ticks, inside the scale, so small changes stay visible.
    static func window(_ scores: [Double], scale: RankingIndex.Scale, maximum: Double) -> (Double, Double, Double) {
        let lowest = scores.min() ?? 0, highest = scores.max() ?? maximum
        let span = max(highest - lowest, maximum / 20)
        let raw = span / 3
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
        let low = max(0, ((lowest - step / 2) / step).rounded(.down) * step)
        let high = min(maximum, ((highest + step / 2) / step).rounded(.up) * step)
        return (low, max(high, low + step), step)
    }

    static func tickLabel(_ value: Double, scale: RankingIndex.Scale) -> String {
        switch scale {
        case .percent: return VietnameseFormat.trimmedNumber(value, maxFractionDigits: 1) + "%"
        case .ratio: return VietnameseFormat.trimmedNumber(value, maxFractionDigits: 3)
        case .points: return VietnameseFormat.trimmedNumber(value, maxFractionDigits: 1)
        }
    }

    /// A coordinate with one decimal, from integers: "12.5", "-3", never "1e-05" or a locale's comma.
    static func n(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        let magnitude = abs(tenths)
        return magnitude % 10 == 0 ? "\(sign)\(magnitude / 10)" : "\(sign)\(magnitude / 10).\(magnitude % 10)"
    }
}
