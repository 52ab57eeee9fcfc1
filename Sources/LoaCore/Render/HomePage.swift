/// The home page: newest articles, the units, links to every section.
enum HomePage {
    static let newestCount = 8

    static func jobs(_ input: RenderInput) -> [RenderJob] {
        let site = input.site
        let home = RenderJob.page("", template: "home", theme: input.theme) {
            let newest = site.articles.indices.filter { !site.articles[$0].isExpired }.prefix(newestCount)
                .map { input.listItem($0, h2: false) }
            let units = site.units.map { input.context.unitLink($0.id)! }
            let categories = site.categories.map { input.context.termLink($0.term, category: true) }
            return input.context.page(path: "", title: site.config.title,
                                      description: "Thông tin cải cách hành chính của \(site.config.jurisdiction.name)",
                                      extra: ["newest": Array(newest), "units": units, "categories": categories,
                                              "jurisdictionRankings": UnitDataSections.rankingHistory(RankingIndex.jurisdictionID, input)])
        }
        let notFound = RenderJob(path: "404.html") {
            let context = input.context.page(path: "404.html", title: "Không tìm thấy trang",
                                             description: "Trang bạn tìm không tồn tại hoặc đã được chuyển đi.")
            return .bytes(Array(input.theme.render(context, template: "404").utf8))
        }
        return [home, notFound]
    }
}
