/// Procedures and hotlines as search documents (registered in `SearchSources.all`).
extension ProcedurePages {
    static func searchDocuments(_ input: RenderInput) -> [SearchDocument] {
        // Equal scores rank by document order: abolished procedures go last so a citizen sees the ones in force first.
        let procedures = input.site.data.procedures
        let ordered = procedures.filter { !$0.procedure.isAbolished } + procedures.filter { $0.procedure.isAbolished }
        return ordered.map { resolved in
            let p = resolved.procedure
            let text = [p.field, p.agency ?? "", p.duration ?? "", p.fees ?? "", p.onlineLevel?.label ?? "",
                        p.levels.map(\.label).joined(separator: " "), p.legalBasis.joined(separator: " "),
                        p.decision ?? "", resolved.detail?.searchTerms ?? ""].joined(separator: " ")
            var summary = "Mã \(p.code) · Lĩnh vực \(p.field)"
            if let duration = p.duration { summary += " · Thời hạn: \(duration)" }
            if p.isAbolished { summary += " · Đã bãi bỏ" }
            return SearchDocument(kind: .procedure, title: p.name, url: input.context.urls.link(resolved.path),
                                  text: text, keywords: "\(p.code) \(p.field)", summary: summary)
        }
    }
}

extension HotlinePages {
    static func searchDocuments(_ input: RenderInput) -> [SearchDocument] {
        directoryOrder(input.site).map { hotline in
            let unit = hotline.unitID.flatMap { input.site.unit($0) }
            let anchor = hotline.unitID ?? "cap-huyen"
            let text = [hotline.purpose, hotline.person, hotline.title, hotline.hours, hotline.email]
                .compactMap { $0 }.joined(separator: " ")
            let summary = ([hotline.phone.display] + [hotline.purpose, unit?.name].compactMap { $0 }).joined(separator: " · ")
            return SearchDocument(kind: .hotline, title: hotline.agency,
                                  url: input.context.urls.link(SiteURLs.hotlines) + "#" + anchor, text: text,
                                  keywords: "\(unit?.name ?? "") \(hotline.phone.display) \(hotline.phone.national)",
                                  summary: summary)
        }
    }
}
