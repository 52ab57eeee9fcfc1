import Foundation

public struct ResolveOptions: Sendable {
    public var includeDrafts: Bool
    public var now: ContentDate
    public var baseURLOverride: String?
    /// Rendered bodies are taken from it when nothing they depend on changed.
    public var cache: BuildCache?

    public init(includeDrafts: Bool = false, now: ContentDate, baseURLOverride: String? = nil, cache: BuildCache? = nil) {
        self.includeDrafts = includeDrafts
        self.now = now
        self.baseURLOverride = baseURLOverride
        self.cache = cache
    }
}

/// The resolve stage: decides what is published, checks cross-references (units, slugs), renders bodies
/// and groups articles by category, tag and unit — all in stable orders.
public enum SiteResolver {
    /// First path segments the site's own sections use; a page slug may not take them.
    public static let reservedSlugs: Set<String> = ["tin-tuc", "chuyen-muc", "the", "don-vi", "thu-tuc", "duong-day-nong",
                                                    "xep-hang", "tim-kiem", "assets", "media", "feeds", "trang", "ban-do-trang"]

    /// `content` is consumed: each document's body is released once rendered, so a caller that hands over
    /// its last copy (`consume`) never holds every source body and every rendered body at once.
    public static func resolve(_ content: consuming LoadedContent, options: ResolveOptions, links: MarkdownLinkContext? = nil,
                               log: DiagnosticLog) -> ResolvedSite {
        let config = effectiveConfig(content.config, options: options)
        let unitIDs = Set(content.units.map(\.id))
        let media = Set(content.media)
        let linkContext = links ?? MarkdownLinkContext(basePath: config.basePath)

        // Taken over and filtered in place: `filter` made a second array of every document beside the
        // loaded one (34 MB at 100,000 articles, at the resolve stage's start).
        var published = content.articles
        var pages = content.pages
        content.articles = []
        content.pages = []
        published.removeAll { !isPublished($0, options: options) }
        pages.removeAll { !isPublished($0, options: options) }
        checkSlugs(published, pages: pages, log: log)

        let sources = content.sources
        let holding = LargeSite.holding(heldTerms, articles: published.count)
        let bodies = sources.map {
            ArticleBodies(sources: $0, links: linkContext, log: log, spill: TextSpill(folder: $0.root, holding: holding))
        }
        let terms = SharedTerms()
        let summarySpill = bodies?.spill.map { SummarySpill(spill: $0, log: log) }
        func resolveReleasing(_ doc: inout ContentDocument, under folder: String) -> Article {
            // With `bodies`, the HTML is not held: a body rendered here goes to the spill file; one taken
            // from the cache (which keeps no HTML) is rendered again when its page is written.
            var article = resolve(doc, path: "\(folder)\(doc.slug.value)/", config: config, unitIDs: unitIDs, media: media, now: options.now,
                                  links: linkContext, cache: options.cache, sources: sources,
                                  rendersHTML: bodies == nil || bodies?.spill != nil, cachesHTML: bodies == nil,
                                  terms: terms, log: log)
            if let bodies {
                article.bodySourceHash = doc.bodyHash
                if !article.bodyHTML.isEmpty, let spill = bodies.spill { article.spilledHTML = spill.append(article.bodyHTML) }
                article.bodyHTML = ""
                // Held until the search index is built, the terms were a fifth of the heap at 100,000 articles.
                if let spill = bodies.spill, let location = spill.keep(article.bodySearchTerms) {
                    article.spilledTerms = location
                    article.bodySearchTerms = ""
                }
                // So is the summary, read back by the few pages that show it (its lists' items are made once).
                if let summarySpill { article.spillSummary(to: summarySpill) }
            }
            // The document's own arrays and strings go now, not when the last article is made.
            doc = .placeholder(kind: doc.kind)
            return article
        }
        var articles = ParallelMap.mapInPlace(&published) { resolveReleasing(&$0, under: "tin-tuc/") }
        // The emptied documents' array goes before the lists are made: 31 MB at 100,000 articles, which
        // held to the end of the stage made the stage's peak.
        published = []
        articles.sort(by: newestFirst)
        var resolvedPages = ParallelMap.mapInPlace(&pages) { resolveReleasing(&$0, under: "") }
        pages = []
        resolvedPages.sort { $0.slug < $1.slug }
        bodies?.spill?.finishWriting()   // read back from now on: its write buffer goes

        let byUnit = indices(articles) { $0.unitIDs }
        var site = ResolvedSite(
            config: config,
            units: VietnameseText.sorted(content.units) { $0.name },
            articles: articles, pages: resolvedPages,
            categories: group(articles) { $0.category.map { [$0] } ?? [] },
            tags: group(articles) { $0.tags },
            articlesByUnit: byUnit, media: content.media, now: options.now)
        site.bodies = bodies
        site.data = DataResolver.resolve(content, articles: articles, links: linkContext, now: options.now.day, log: log)
        return site
    }

    /// The bodies' search terms and the summaries held in memory before they are spilled: all of a
    /// 10,000-article site's (about 10 and 3 MB); a large site holds `LargeSite.heldBytes`. A
    /// variable for that and for tests.
    nonisolated(unsafe) static var heldTerms = 16 << 20

    /// The configuration with `--base-url` applied: the base path every link starts with comes from it.
    /// The front matter's summary, or the body's first paragraph cut to 300 characters.
    static func summary(_ doc: ContentDocument, firstParagraph first: String) -> String {
        // A paragraph of at most 300 bytes has at most 300 characters: taken whole, without walking its
        // graphemes (a tenth of resolving a one-article edit's 10,000 articles).
        doc.summary ?? (first.utf8.count <= 300 ? first : String(first.prefix(300)))
    }

    public static func effectiveConfig(_ config: SiteConfig, options: ResolveOptions) -> SiteConfig {
        var config = config
        if let override = options.baseURLOverride {
            config.baseURL = override.hasSuffix("/") ? override : override + "/"
        }
        return config
    }

    static func isPublished(_ doc: ContentDocument, options: ResolveOptions) -> Bool {
        if doc.draft && !options.includeDrafts { return false }
        if let at = doc.publishAt, at.instant > options.now.instant { return false }
        return true
    }

    static func newestFirst(_ a: Article, _ b: Article) -> Bool {
        if a.date.instant != b.date.instant { return a.date.instant > b.date.instant }
        return a.slug < b.slug
    }

    /// Two items with one URL would overwrite each other: name both files. Sorted and visited through
    /// indices: sorting the documents themselves copied every field.
    static func checkSlugs(_ articles: [ContentDocument], pages: [ContentDocument], log: DiagnosticLog) {
        // The articles' slugs sorted, duplicates side by side, each run in file order: the first of a run
        // keeps its slug. A dictionary of every slug was 8 MB at 100,000 articles, the resolve stage's peak.
        let bySlug = articles.indices.sorted { a, b in
            let order = articles[a].slug.value.byteOrder(to: articles[b].slug.value)
            return order == 0 ? articles[a].file < articles[b].file : order < 0
        }
        var taken: [(index: Int, by: Int)] = []
        var first = 0
        for (position, index) in bySlug.enumerated() {
            if position > 0, articles[index].slug.value == articles[bySlug[position - 1]].slug.value {
                taken.append((index, bySlug[first]))
            } else {
                first = position
            }
        }
        // Reported in file order, as the files are read.
        for (index, by) in taken.sorted(by: { articles[$0.index].file < articles[$1.index].file }) {
            let (file, slug) = (articles[index].file, articles[index].slug)
            log.error(file, slug.line, "đường dẫn (slug) \"\(slug.value)\" trùng với bài \(articles[by].file) — hãy đổi tiêu đề hoặc thêm khóa slug khác")
        }
        var seenPages: [String: String] = [:]
        for index in inFileOrder(pages) {
            let (file, slug) = (pages[index].file, pages[index].slug)
            if reservedSlugs.contains(slug.value) {
                log.error(file, slug.line, "đường dẫn (slug) \"\(slug.value)\" đã được dành cho một mục của trang — hãy chọn slug khác")
            } else if let other = seenPages[slug.value] {
                log.error(file, slug.line, "đường dẫn (slug) \"\(slug.value)\" trùng với trang \(other)")
            } else { seenPages[slug.value] = file }
        }
    }

    private static func inFileOrder(_ documents: [ContentDocument]) -> [Int] {
        documents.indices.sorted { documents[$0].file < documents[$1].file }
    }

    static func resolve(_ doc: ContentDocument, path: String, config: SiteConfig, unitIDs: Set<String>,
                        media: Set<String>, now: ContentDate, links: MarkdownLinkContext, cache: BuildCache? = nil,
                        sources: SourceFiles? = nil, rendersHTML: Bool = true, cachesHTML: Bool = true,
                        terms: SharedTerms = SharedTerms(), log: DiagnosticLog) -> Article {
        var ids: [String] = []
        for unit in doc.units {
            if let known = unitIDs.firstIndex(of: unit.value) {
                // The set's copy of the id: one string for all the unit's articles, not one per article.
                if !ids.contains(unit.value) { ids.append(unitIDs[known]) }
            } else {
                let hint = unitIDs.sorted().first { YAMLValue.isNear($0, unit.value) }.map { " — có phải ý bạn là '\($0)'?" } ?? ""
                log.error(doc.file, unit.line, "đơn vị \"\(unit.value)\" không có trong content/units.yaml\(hint)")
            }
        }
        if let image = doc.image { checkMediaPath(image, file: doc.file, media: media, log: log) }
        for alias in doc.aliases where alias.value.contains("..") || alias.value.contains("\\") || URLSafety.hasScheme(alias.value.lowercased()) {
            log.error(doc.file, alias.line, "đường dẫn cũ (aliases) \"\(alias.value)\" không hợp lệ — hãy viết dạng /tin-tuc/ten-cu.html")
        }
        // A document from the cache has no body: on a Markdown cache miss (a `tthc:` link now answered
        // differently, say) it is read again from its file.
        func render(_ links: MarkdownLinkContext, _ local: DiagnosticLog) -> RenderedMarkdown? {
            if doc.hasBody {
                return MarkdownRenderer.render(doc.body, file: doc.file, firstLine: doc.bodyFirstLine, links: links, log: local, html: rendersHTML)
            }
            // The error goes to the build's log, not the entry's: an unreadable body is never recorded.
            guard let sources, let source = ArticleBodies.source(doc.file, hash: doc.bodyHash, sources: sources, log: log) else {
                if sources == nil { log.error(doc.file, nil, "không đọc được tệp") }
                return nil
            }
            return source.withUTF8 {
                MarkdownRenderer.render(utf8: $0, file: doc.file, firstLine: source.firstLine, links: links, log: local, html: rendersHTML)
            }
        }
        let rendered = cache.map { $0.markdown(bodyHash: doc.bodyHash, file: doc.file, firstLine: doc.bodyFirstLine, links: links,
                                               withHTML: cachesHTML, log: log, render: render) } ?? render(links, log)
        var body = rendered ?? RenderedMarkdown(html: "", firstParagraph: "", searchTerms: "", headings: [], procedureLinks: [])
        let category = doc.category.map { located in
            terms.categories.value(for: located.value) {
                let slug = VietnameseText.slug(located.value)
                return Term(slug: slug, name: config.categoryNames[slug] ?? located.value)
            }
        }
        var tags: [Term] = []
        for tag in doc.tags {
            let term = terms.tags.value(for: tag.value) { Term(slug: VietnameseText.slug(tag.value), name: tag.value) }
            if !term.slug.isEmpty, !tags.contains(where: { $0.slug == term.slug }) { tags.append(term) }
        }
        // Articles with the same tags, or the same units, share one array: a site has few distinct lists.
        if !tags.isEmpty { tags = terms.tagLists.value(for: tags) { tags } }
        if !ids.isEmpty { ids = terms.unitLists.value(for: ids) { ids } }
        let summary = SiteResolver.summary(doc, firstParagraph: body.firstParagraph)
        body.firstParagraph = ""   // read only for the summary (kept in the cache for the next resolve)
        // Held for every article until its page is made: only what the page lists (most articles list
        // none; the cache keeps them all).
        body.headings = RenderedMarkdown.tableOfContents(body.headings)
        let expired = doc.expires.map { $0 < now.day } ?? false
        // The article keeps what it shows of its front matter (`ArticleSource`): not the Markdown, and not
        // the units, category and tags as written, resolved into `unitIDs`, `category` and `tags`.
        let author = doc.author.map { author in terms.authors.value(for: author) { SharedText(author) } }
        return Article(source: doc, author: author, path: path, body: body, summary: summary, unitIDs: ids,
                       category: category, tags: tags, isExpired: expired)
    }

    /// The site's categories and tags, each made once from its name as written: every article showing one
    /// shares its strings (`Term`), where each article held copies of its own. So are its lists of tags
    /// and of unit ids (the generated 100,000-article portal held 12 MB of tag arrays, most of them equal).
    final class SharedTerms: Sendable {
        let categories = Memo<String, Term>(), tags = Memo<String, Term>()
        let tagLists = Memo<[Term], [Term]>(), unitLists = Memo<[String], [String]>()
        /// Authors: a few offices write most articles (74,000 strings of their own at 100,000 articles).
        let authors = Memo<String, SharedText>()
    }

    /// Media paths are relative to content/ and must stay inside it.
    static func checkMediaPath(_ image: ContentDocument.Located<String>, file: String, media: Set<String>, log: DiagnosticLog) {
        let path = image.value
        if path.hasPrefix("/") || path.contains("..") || path.contains("\\") || URLSafety.hasScheme(path.lowercased()) {
            log.error(file, image.line, "đường dẫn ảnh \"\(path)\" phải nằm trong content/, ví dụ media/2024/anh.jpg")
        } else if !media.contains("content/" + path) {
            log.error(file, image.line, "không tìm thấy ảnh content/\(path) — hãy kiểm tra tên tệp và thư mục")
        }
    }

    /// The indices of the articles under each key, in the articles' order. Counted first, then filled into
    /// arrays of their size: grown one index at a time, lists had up to twice the room they need, held
    /// through the build (the categories' and tags' lists were 4.3 MB at 100,000 articles).
    static func indices(_ articles: [Article], keys: (Article) -> [String]) -> [String: [Int]] {
        var counts: [String: Int] = [:]
        for article in articles { for key in keys(article) { counts[key, default: 0] += 1 } }
        var lists = counts.mapValues { count -> [Int] in
            var list: [Int] = []
            list.reserveCapacity(count)
            return list
        }
        for (index, article) in articles.enumerated() { for key in keys(article) { lists[key]!.append(index) } }
        return lists
    }

    /// Groups by term; spellings of one slug merge under the first name in Vietnamese order.
    static func group(_ articles: [Article], terms: (Article) -> [Term]) -> [(term: Term, articles: [Int])] {
        var names: [String: Set<String>] = [:]
        for article in articles { for term in terms(article) { names[term.slug, default: []].insert(term.name) } }
        let groups = indices(articles) { terms($0).map(\.slug) }.map { slug, articles in
            (term: Term(slug: slug, name: VietnameseText.sorted(Array(names[slug] ?? [])) { $0 }.first ?? slug), articles: articles)
        }
        return VietnameseText.sorted(groups) { $0.term.name }
    }
}
