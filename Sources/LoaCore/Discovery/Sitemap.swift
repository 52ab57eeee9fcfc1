import Foundation

/// `sitemap.xml` (a sitemap index with `sitemap-N.xml` past `maxURLs` addresses) and `robots.txt`.
/// Built from the final list of output paths, so pages added by any section are included.
public enum Sitemap {
    /// Addresses per file. The protocol allows 50,000; WordPress writes 2,000, Yoast 1,000. A file of
    /// 50,000 is a 5.5 MB buffer, made while the previous one was still being written: at 100,000
    /// articles that was the render stage's peak. Crawlers read an index of small files as well.
    public static let maxURLs = 10_000

    public struct Entry: Sendable, Hashable {
        public var loc: String
        public var lastmod: String?
    }

    /// Only the number of sitemap files is worked out while the pages are planned: the sorted pages and
    /// their dates (the planning stage's largest serial step) are worked out by the first of these jobs to
    /// run, on the render stage's cores. Each job then writes its own file from entries made as it goes:
    /// no list of entries, and no other file's XML, is held (they were 80 MB at 100,000 articles).
    static func jobs(_ input: RenderInput, paths: consuming [String], maxURLs: Int = Sitemap.maxURLs) -> [RenderJob] {
        let urls = input.context.urls
        let redirects = Set(Redirects.entries(input.site).map(\.file))
        // Filtered in place, in the array of the paths' size: `filter` grew its result by doubling (4.2 MB
        // for 140,000 paths, held by the jobs to the end of the render stage). In byte order, as the build
        // gives them (`SiteRenderer.jobs`): sorted when its files were made, a second array of the paths
        // stood at the render stage's peak.
        var filtered = consume paths
        filtered.removeAll { !isListed($0, redirects: redirects) }
        if !filtered.isInByteOrder { filtered.sort { $0.precedesInByteOrder($1) } }
        let listed = filtered
        // Articles' own dates are found through the sharing context's index of their paths, where there is
        // one: a second map of 100,000 paths was 8 MB held while the sitemap's files were made.
        let articleByPath = input.context.sharing?.articleByPath
        let prepared = Memo<Int, [String: ContentDate]>()
        let names = fileNames(count: listed.count, maxURLs: maxURLs)
        // Once every file is made, the lists' dates are let go, not held to the end of the render stage; a
        // file made again later (a check) makes them again.
        let unmade = Countdown()
        unmade.add(names.count)
        // One file made at a time: two 50,000-address files (5.5 MB each) made at once on two cores were
        // the render stage's peak at 100,000 articles. A core waits for the other's file, a tenth of a second.
        let making = NSLock()
        func document(_ number: Int) -> [UInt8] {
            making.lock()
            defer { making.unlock() }
            let lastmods = prepared.value(for: 0) { lastModified(input.site, articles: articleByPath == nil) }
            func lastmod(_ folder: String) -> ContentDate? {
                lastmods[folder] ?? articleByPath?[folder].map { modified(input.site.articles[$0]) }
            }
            let bytes = Sitemap.document(number, of: listed.lazy.map { entry($0, lastmod: lastmod, urls: urls) }, urls: urls,
                                         maxURLs: maxURLs)
            if unmade.countDown() { prepared.removeAll() }
            return bytes
        }
        let key = Memo<Int, UInt64>()
        var jobs = names.enumerated().map { number, name in
            var job = RenderJob(path: name) { .bytes(document(number)) }
            job.group = .wholeSite
            job.inputKey = {
                var h = InputKey(global: key.value(for: 0) { inputKey(input.site, listed: listed, urls: urls, maxURLs: maxURLs) },
                                 kind: 0x517E)
                h.add(number)
                return h.finish()
            }
            return job
        }
        let robots = "User-agent: *\nAllow: /\n\nSitemap: \(urls.absolute("sitemap.xml"))\n"
        jobs.append(RenderJob(path: "robots.txt") { .bytes(Array(robots.utf8)) })
        return jobs
    }

    /// What the sitemap's files are made from, hashed without making them: an edit keeps them unless it
    /// changes a listed path or a date they show (making them was 4 % of a one-article edit's CPU). The
    /// lists' dates (`lastModified`) follow from each article's date and the units, category and tags it
    /// is listed under, all hashed here.
    static func inputKey(_ site: ResolvedSite, listed: [String], urls: SiteURLs, maxURLs: Int) -> UInt64 {
        var key = InputKey(global: 0, kind: 0x5174)
        key.add(urls.absolute(""))
        key.add(maxURLs)
        key.add(listed.count)
        for path in listed { key.add(path) }
        key.add(site.articles.count)
        for article in site.articles {
            key.add(article.path)
            key.add(article.source.updated ?? article.date)
            key.add(article.category?.slug)
            key.add(article.unitIDs.count); key.add(article.unitIDs)
            key.add(article.tags.count); key.add(article.tags.map(\.slug))
        }
        key.add(site.pages.count)
        for page in site.pages {
            key.add(page.path)
            key.add(page.source.updated ?? page.date)
        }
        return key.finish()
    }

    /// The names `documents` gives its files for `count` entries, in the same order.
    static func fileNames(count: Int, maxURLs: Int) -> [String] {
        guard count > maxURLs else { return ["sitemap.xml"] }
        return ["sitemap.xml"] + (1...(count + maxURLs - 1) / maxURLs).map { "sitemap-\($0).xml" }
    }

    /// What the sitemap lists: every HTML page but the 404 page and redirects.
    static func isListed(_ path: String, redirects: Set<String>) -> Bool {
        path.hasSuffix(".html") && path != "404.html" && !redirects.contains(path)
    }

    /// A listed page (`isListed`) with `lastmod` where content dates tell it.
    static func entry(_ file: String, lastmods: [String: ContentDate], urls: SiteURLs) -> Entry {
        entry(file, lastmod: { lastmods[$0] }, urls: urls)
    }

    /// `lastmod`: the newest content date shown in a folder (`lastModified`).
    static func entry(_ file: String, lastmod: (String) -> ContentDate?, urls: SiteURLs) -> Entry {
        let folder = file.hasSuffix("index.html") ? String(file.dropLast("index.html".count)) : file
        let listFolder = folder.firstRange(ofASCII: "trang/").map { String(folder[..<$0.lowerBound]) } ?? folder
        let date = lastmod(folder) ?? lastmod(listFolder)
        return Entry(loc: urls.absolute(folder), lastmod: date.map(w3c))
    }

    static func w3c(_ date: ContentDate) -> String { date.hasTime ? date.rfc3339 : date.day.iso }

    static func modified(_ a: Article) -> ContentDate { a.source.updated ?? a.date }

    /// Folder → newest content date shown there (articles, standing pages, and the lists that hold them).
    /// Without `articles`, the articles' own folders are left out (looked up another way); a list folder
    /// or page at the same path takes precedence over an article either way.
    static func lastModified(_ site: ResolvedSite, articles: Bool = true) -> [String: ContentDate] {
        func newest(_ indices: [Int]) -> ContentDate? { indices.map { modified(site.articles[$0]) }.max() }
        var map: [String: ContentDate] = [:]
        for article in (articles ? site.articles : []) + site.pages { map[article.path] = modified(article) }
        let all = Array(site.articles.indices)
        for folder in ["", SiteURLs.articles, FeedCatalog.listPath, SiteMapPage.path] { map[folder] = newest(all) }
        for (unit, indices) in site.articlesByUnit { map[SiteURLs.unit(unit)] = newest(indices) }
        for (term, indices) in site.categories { map[SiteURLs.category(term.slug)] = newest(indices) }
        for (term, indices) in site.tags { map[SiteURLs.tag(term.slug)] = newest(indices) }
        return map
    }

    /// `sitemap.xml` alone, or an index plus numbered files when there are more than `maxURLs` entries.
    public static func documents(_ entries: [Entry], urls: SiteURLs, maxURLs: Int = Sitemap.maxURLs) -> [(String, String)] {
        fileNames(count: entries.count, maxURLs: maxURLs).enumerated().map { number, name in
            (name, String(decoding: document(number, of: entries, urls: urls, maxURLs: maxURLs), as: UTF8.self))
        }
    }

    /// File `number` of `fileNames(count: entries.count, maxURLs:)`: the only urlset, or the index (0) and
    /// the urlset of each `maxURLs` entries.
    static func document<Entries: RandomAccessCollection>(_ number: Int, of entries: Entries, urls: SiteURLs,
                                                          maxURLs: Int) -> [UInt8] where Entries.Element == Entry, Entries.Index == Int {
        guard entries.count > maxURLs else { return urlset(entries) }
        let chunks = stride(from: 0, to: entries.count, by: maxURLs).map { $0..<min(entries.count, $0 + maxURLs) }
        if number > 0 { return urlset(entries[chunks[number - 1]]) }
        var index = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for (offset, chunk) in chunks.enumerated() {
            index += "<sitemap><loc>\(XMLText.escape(urls.absolute("sitemap-\(offset + 1).xml")))</loc>"
            if let newest = entries[chunk].compactMap(\.lastmod).max() { index += "<lastmod>\(newest)</lastmod>" }
            index += "</sitemap>\n"
        }
        return Array((index + "</sitemapindex>\n").utf8)
    }

    /// Written as bytes into a buffer of its exact size, counted in a first pass over the entries: a
    /// buffer sized from its first entries grew as it filled, and a file of 50,000 addresses (5.5 MB) took
    /// 15 MB while it was copied, the render stage's peak at 100,000 articles.
    static func urlset<Entries: Collection>(_ entries: Entries) -> [UInt8] where Entries.Element == Entry {
        func pieces(_ entry: Entry, _ body: (String) -> Void) {
            body("<url><loc>"); body(XMLText.escape(entry.loc)); body("</loc>")
            if let lastmod = entry.lastmod { body("<lastmod>"); body(lastmod); body("</lastmod>") }
            body("</url>\n")
        }
        let head = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        let tail = "</urlset>\n"
        var length = head.utf8.count + tail.utf8.count
        for entry in entries { pieces(entry) { length += $0.utf8.count } }
        var xml: [UInt8] = []
        xml.reserveCapacity(length)
        xml += head.utf8
        for entry in entries { pieces(entry) { xml += $0.utf8 } }
        xml += tail.utf8
        return xml
    }
}
