/// The HTML site map, `/ban-do-trang/` ("Bản đồ trang"): every section, standing page, unit, category and
/// article, for people (and for those who navigate without a menu).
enum SiteMapPage {
    static let path = "ban-do-trang/"
    static let title = "Bản đồ trang"

    /// The sections of the main menu (whatever other parts of Loa add there), then the term and feed lists.
    static func main(_ c: PageContext) -> [[String: String]] {
        let standing = Set(c.site.pages.map(\.path))
        let menu = PageContext.navigation(urls: c.urls, site: c.site).filter { !standing.contains($0["path"] ?? "") }
        let more = [("Chuyên mục", SiteURLs.categories), ("Chủ đề", SiteURLs.tags), (FeedPages.listTitle, FeedCatalog.listPath)]
        return menu.map { ["title": $0["title"] ?? "", "url": $0["url"] ?? ""] }
            + more.map { ["title": $0.0, "url": c.urls.link($0.1)] }
    }

    /// What the page is made from beyond what every page shares (`globalKey`): its sections' titles, paths
    /// and dates, hashed without making its 10,000 links (that was a twelfth of a one-article edit's
    /// page checks). Equal keys mean equal pages (`BuildCache.keyAudit`).
    static func inputKey(_ input: RenderInput, global: UInt64) -> UInt64 {
        let site = input.site
        var key = InputKey(global: global, kind: 0x5173)
        key.add([path, title, site.config.title])
        key.addFeeds(forPage: path, input.context)
        for link in main(input.context) { key.add([link["title"], link["url"]]) }
        key.add(site.pages.count)
        for page in site.pages { key.add([page.title, page.path]) }
        key.add(site.units.count)
        for unit in site.units { key.add([unit.name, unit.id]) }
        key.add(site.categories.count)
        for group in site.categories { key.add([group.term.name, group.term.slug]) }
        key.add(site.articles.count)
        for article in site.articles {
            key.add([article.title, article.path])
            key.add(article.date.day)
        }
        return key.finish()
    }

    static func jobs(_ input: RenderInput) -> [RenderJob] {
        let template = input.theme.has("sitemap") ? "sitemap" : "page"
        let key = input.globalKey(template: template).map { global in { inputKey(input, global: global) } }
        return [RenderJob.page(path, template: template, theme: input.theme, inputKey: key) {
            let site = input.site
            let c = input.context
            func link(_ title: String, _ path: String) -> [String: String] { ["title": title, "url": c.urls.link(path)] }
            let sections: [(String, [[String: String]])] = [
                ("Mục chính", main(c)),
                ("Giới thiệu và thông tin", site.pages.map { link($0.title, $0.path) }),
                ("Xã, phường, thị trấn", site.units.map { link($0.name, SiteURLs.unit($0.id)) }),
                ("Chuyên mục", site.categories.map { link($0.term.name, SiteURLs.category($0.term.slug)) }),
                ("Tin tức", site.articles.map { article in
                    var values = link(article.title, article.path)
                    let d = article.date.day
                    values["date"] = d.shortVietnamese
                    return values
                }),
            ]
            let groups: [[String: Any]] = sections.filter { !$0.1.isEmpty }.map { ["name": $0.0, "links": $0.1] }
            var html = ""
            for (name, links) in sections where !links.isEmpty {
                html += "<h2>\(HTML.escape(name))</h2>\n<ul>\n"
                for l in links {
                    let date = l["date"].map { " <span class=\"meta\">(\(HTML.escape($0)))</span>" } ?? ""
                    html += "<li><a href=\"\(HTML.escape(l["url"]!))\">\(HTML.escape(l["title"]!))</a>\(date)</li>\n"
                }
                html += "</ul>\n"
            }
            return c.page(path: path, title: title, description: "Bản đồ trang của \(site.config.title)",
                          extra: ["groups": groups, "article": ["title": title, "html": html]])
        }]
    }
}
