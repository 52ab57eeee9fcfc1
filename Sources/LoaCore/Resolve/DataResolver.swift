/// The resolve stage's part for procedures, hotlines and rankings: renders procedure details, links
/// procedures to the articles that cite them, computes ranking changes and warns about stale hotlines.
public enum DataResolver {
    public static func resolve(_ content: LoadedContent, articles: [Article], links: MarkdownLinkContext,
                               now: CalendarDay, log: DiagnosticLog) -> ResolvedData {
        var data = ResolvedData()
        let details = Dictionary(content.procedures.details.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        var citations: [String: [Int]] = [:]
        for (index, article) in articles.enumerated() {
            for code in Set(article.body.procedureLinks) { citations[code, default: []].append(index) }
        }
        let ordered = VietnameseText.sorted(content.procedures.procedures.sorted { $0.code < $1.code }) { $0.name }
        data.procedures = ParallelMap.map(ordered) { procedure in
            let detail = details[procedure.code].map {
                MarkdownRenderer.render($0.markdown, file: $0.file, firstLine: 1, links: links, log: log)
            }
            return ResolvedProcedure(procedure: procedure, path: SiteURLs.procedure(procedure.code),
                                     fieldSlug: fieldSlug(procedure.field), detail: detail,
                                     citedBy: citations[procedure.code] ?? [])
        }
        var fields: [String: ProcedureField] = [:]
        for (index, item) in data.procedures.enumerated() {
            fields[item.fieldSlug, default: ProcedureField(slug: item.fieldSlug, name: item.procedure.field, procedures: [])]
                .procedures.append(index)
        }
        data.fields = VietnameseText.sorted(Array(fields.values).sorted { $0.slug < $1.slug }) { $0.name }

        data.hotlines = content.hotlines
        warnStaleHotlines(content.hotlines, now: now, maxAgeDays: content.config.hotlineMaxAgeDays, log: log)

        data.rankings = VietnameseText.sorted(content.rankings.map(RankingChanges.resolve)) { $0.index.name }
        return data
    }

    /// "Hộ tịch" → "ho-tich"; a field of only symbols still gets a folder.
    static func fieldSlug(_ field: String) -> String {
        let slug = VietnameseText.slug(field)
        return slug.isEmpty ? "khac" : slug
    }

    /// A hotline that no one answers is worse than none: warn (never fail) when the last check is old.
    static func warnStaleHotlines(_ hotlines: [Hotline], now: CalendarDay, maxAgeDays: Int, log: DiagnosticLog) {
        for hotline in hotlines {
            let name = "\(hotline.agency) (\(hotline.phone.display))"
            guard let verified = hotline.verified else {
                log.warning(hotline.file, hotline.line, "đường dây nóng \(name) chưa ghi ngày kiểm tra (verified) — hãy gọi thử và ghi ngày kiểm tra")
                continue
            }
            let age = now.daysSinceEpoch - verified.daysSinceEpoch
            let shown = verified.shortVietnamese
            if age > maxAgeDays {
                log.warning(hotline.file, hotline.verifiedLine, "đường dây nóng \(name) được kiểm tra lần cuối ngày \(shown), đã \(age) ngày (quá \(maxAgeDays) ngày) — hãy gọi thử và cập nhật verified")
            } else if age < 0 {
                log.warning(hotline.file, hotline.verifiedLine, "ngày kiểm tra \(shown) của đường dây nóng \(name) ở tương lai — có nhầm năm không?")
            }
        }
    }
}

/// `tthc:<code>` links resolve to the procedure's page; built from the loaded catalogue so article
/// bodies can link to any procedure, abolished ones included (they keep their page).
public enum ProcedureLinks {
    public static func context(_ catalog: ProcedureCatalog, basePath: String) -> MarkdownLinkContext {
        let codes = Set(catalog.procedures.map(\.code))
        // Provincial suffixes (…H35) are often typed in another case: accept that, link to the real code.
        let byLowercase = Dictionary(catalog.procedures.map { ($0.code.lowercased(), $0.code) }, uniquingKeysWith: { a, _ in a })
        return MarkdownLinkContext(basePath: basePath) { raw in
            let code = raw.trimmingCharacters(in: .whitespaces)
            guard let real = codes.contains(code) ? code : byLowercase[code.lowercased()] else { return nil }
            return basePath + SiteURLs.procedure(real)
        }
    }
}
