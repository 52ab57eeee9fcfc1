/// `sitemap.xml` (a sitemap index with `sitemap-N.xml` past `maxURLs` addresses) and `robots.txt`.
/// Built from the final list of output paths, so pages added by any section are included.
public enum Sitemap {
    /// The sitemaps.org limit per file.
    public static let maxURLs = 50_000

    public struct Entry: Sendable, Hashable {
        public var loc: String
        public var lastmod: String?
    }

    static func jobs(_ input: RenderInput, paths: [String], maxURLs: Int = Sitemap.maxURLs) -> [RenderJob] {
        let urls = input.context.urls
        let entries = self.entries(paths: paths, site: input.site, urls: urls)
        var jobs = documents(entries, urls: urls, maxURLs: maxURLs).map { path, xml in
            RenderJob(path: path) { .bytes(Array(xml.utf8)) }
        }
        let robots = "User-agent: *\nAllow: /\n\nSitemap: \(urls.absolute("sitemap.xml"))\n"
        jobs.append(RenderJob(path: "robots.txt") { .bytes(Array(robots.utf8)) })
        return jobs
    }

    /// Every HTML page but the 404 page and redirects, in byte order, with `lastmod` where content dates tell it.
    public static func entries(paths: [String], site: ResolvedSite, urls: SiteURLs) -> [Entry] {
        let redirects = Set(Redirects.entries(site).map(\.file))
        let lastmods = lastModified(site)
        return paths.filter { $0.hasSuffix(".html") && $0 != "404.html" && !redirects.contains($0) }
            .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            .map { file in
                let folder = file.hasSuffix("index.html") ? String(file.dropLast("index.html".count)) : file
                let listFolder = folder.range(of: "trang/").map { String(folder[..<$0.lowerBound]) } ?? folder
                let date = lastmods[folder] ?? lastmods[listFolder]
                return Entry(loc: urls.absolute(folder), lastmod: date.map(w3c))
            }
    }

    static func w3c(_ date: ContentDate) -> String { date.hasTime ? date.rfc3339 : date.day.iso }

    /// Folder → newest content date shown there (articles, standing pages, and the lists that hold them).
    static func lastModified(_ site: ResolvedSite) -> [String: ContentDate] {
        func modified(_ a: Article) -> ContentDate { a.source.updated ?? a.date }
        func newest(_ indices: [Int]) -> ContentDate? { indices.map { modified(site.articles[$0]) }.max() }
        var map: [String: ContentDate] = [:]
        for article in site.articles + site.pages { map[article.path] = modified(article) }
        let all = Array(site.articles.indices)
        for folder in ["", SiteURLs.articles, FeedCatalog.listPath, SiteMapPage.path] { map[folder] = newest(all) }
        for (unit, indices) in site.articlesByUnit { map[SiteURLs.unit(unit)] = newest(indices) }
        for (term, indices) in site.categories { map[SiteURLs.category(term.slug)] = newest(indices) }
        for (term, indices) in site.tags { map[SiteURLs.tag(term.slug)] = newest(indices) }
        return map
    }

    /// `sitemap.xml` alone, or an index plus numbered files when there are more than `maxURLs` entries.
    public static func documents(_ entries: [Entry], urls: SiteURLs, maxURLs: Int = Sitemap.maxURLs) -> [(String, String)] {
        guard entries.count > maxURLs else { return [("sitemap.xml", urlset(entries))] }
        var files: [(String, String)] = []
        var index = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for (number, start) in stride(from: 0, to: entries.count, by: maxURLs).enumerated() {
            let chunk = Array(entries[start..<min(entries.count, start + maxURLs)])
            let name = "sitemap-\(number + 1).xml"
            files.append((name, urlset(chunk)))
            index += "<sitemap><loc>\(XMLText.escape(urls.absolute(name)))</loc>"
            if let newest = chunk.compactMap(\.lastmod).max() { index += "<lastmod>\(newest)</lastmod>" }
            index += "</sitemap>\n"
        }
        return [("sitemap.xml", index + "</sitemapindex>\n")] + files
    }

    static func urlset(_ entries: [Entry]) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for entry in entries {
            xml += "<url><loc>\(XMLText.escape(entry.loc))</loc>"
            if let lastmod = entry.lastmod { xml += "<lastmod>\(lastmod)</lastmod>" }
            xml += "</url>\n"
        }
        return xml + "</urlset>\n"
    }
}
