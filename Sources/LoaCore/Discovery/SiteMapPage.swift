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

    /// Articles listed per page. A single page of every article was 15 MB of HTML at 100,000 articles —
    /// unreadable on a phone, and its context alone was a sixth of the build's peak memory. 1,000 links
    /// are about 150 KB (25 KB compressed).
    static let articlesPerPage = 1_000

    /// What page `number` is made from beyond what every page shares (`globalKey`): its sections' titles,
    /// paths and dates, hashed without making its links (that was a twelfth of a one-article edit's page
    /// checks). Equal keys mean equal pages (`BuildCache.keyAudit`).
    static func inputKey(_ input: RenderInput, global: UInt64, page number: Int, pagination: Pagination) -> UInt64 {
        let site = input.site
        var key = InputKey(global: global, kind: 0x5173)
        key.add([path, title, site.config.title])
        key.add(number); key.add(pagination.pageCount)
        key.addFeeds(forPage: SiteURLs.page(path, number), input.context)
        if number == 1 {
            for link in main(input.context) { key.add([link["title"], link["url"]]) }
            key.add(site.pages.count)
            for page in site.pages { key.add([page.title, page.path]) }
            key.add(site.units.count)
            for unit in site.units { key.add([unit.name, unit.id]) }
            key.add(site.categories.count)
            for group in site.categories { key.add([group.term.name, group.term.slug]) }
        }
        let range = pagination.range(of: number)
        key.add(range.count)
        site.articles.withUnsafeBufferPointer { articles in
            for article in articles[range] {
                key.add([article.title, article.path])
                key.add(article.date.day)
            }
        }
        return key.finish()
    }

    /// The first page holds every section and the newest articles; the next ones (`trang-2/`…) the older
    /// articles, `articlesPerPage` each, linked by the theme's pagination.
    static func jobs(_ input: RenderInput, articlesPerPage: Int = articlesPerPage) -> [RenderJob] {
        let template = input.theme.has("sitemap") ? "sitemap" : "page"
        let pagination = Pagination(total: input.site.articles.count, perPage: articlesPerPage)
        let global = input.globalKey(template: template)
        return (1...pagination.pageCount).map { number in
            let pagePath = SiteURLs.page(path, number)
            let key = global.map { global in { inputKey(input, global: global, page: number, pagination: pagination) } }
            return RenderJob.page(pagePath, template: template, theme: input.theme, inputKey: key) {
                context(input, page: number, pagination: pagination, template: template)
            }
        }
    }

    static func context(_ input: RenderInput, page number: Int, pagination: Pagination, template: String) -> [String: Any] {
        let site = input.site
        let c = input.context
        func link(_ title: String, _ path: String) -> [String: String] { ["title": title, "url": c.urls.link(path)] }
        let articles = site.articles[pagination.range(of: number)].map { article in
            var values = link(article.title, article.path)
            values["date"] = article.date.day.shortVietnamese
            return values
        }
        let sections: [(String, [[String: String]])] = number == 1 ? [
            ("Mục chính", main(c)),
            ("Giới thiệu và thông tin", site.pages.map { link($0.title, $0.path) }),
            ("Xã, phường, thị trấn", site.units.map { link($0.name, SiteURLs.unit($0.id)) }),
            ("Chuyên mục", site.categories.map { link($0.term.name, SiteURLs.category($0.term.slug)) }),
            ("Tin tức", articles),
        ] : [("Tin tức (tiếp theo)", articles)]
        let shown = sections.filter { !$0.1.isEmpty }
        let paging = pagination.context(page: number, listPath: path, urls: c.urls)
        var values: [String: Any] = ["groups": shown.map { ["name": $0.0, "links": $0.1] as [String: Any] }, "pagination": paging]
        // The theme's own template lists the groups; the plain page template shows them as the page's body.
        if template == "page" { values["article"] = ["title": title, "html": fallbackHTML(shown, paging: paging)] }
        let pageTitle = number > 1 ? "\(title) – trang \(number)" : title
        return c.page(path: SiteURLs.page(path, number), title: pageTitle, description: "Bản đồ trang của \(site.config.title)",
                      extra: values)
    }

    /// The sections as HTML, for a theme without a `sitemap` template.
    static func fallbackHTML(_ sections: [(String, [[String: String]])], paging: [String: Any]) -> String {
        var html = ""
        for (name, links) in sections {
            html += "<h2>\(HTML.escape(name))</h2>\n<ul>\n"
            for l in links {
                let date = l["date"].map { " <span class=\"meta\">(\(HTML.escape($0)))</span>" } ?? ""
                html += "<li><a href=\"\(HTML.escape(l["url"]!))\">\(HTML.escape(l["title"]!))</a>\(date)</li>\n"
            }
            html += "</ul>\n"
        }
        let steps = [("previous", "Trang trước", "prev"), ("next", "Trang sau", "next")].compactMap { key, label, rel in
            (paging[key] as? String).map { "<li><a href=\"\(HTML.escape($0))\" rel=\"\(rel)\">\(label)</a></li>" }
        }
        if !steps.isEmpty { html += "<nav class=\"pagination\" aria-label=\"Phân trang\">\n<ul>\n" + steps.joined(separator: "\n") + "\n</ul>\n</nav>\n" }
        return html
    }
}
