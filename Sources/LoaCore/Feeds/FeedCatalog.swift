import Foundation

/// One feed of the site: the whole site, one unit or one category, in three formats under one folder.
public struct FeedSpec: Sendable, Hashable {
    public enum Scope: Sendable, Hashable {
        case site
        case unit(String)
        case category(String)
    }

    public var scope: Scope
    /// Output folder relative to the site root, ending in `/` (`feeds/`, `feeds/don-vi/<id>/`…).
    public var folder: String
    public var title: String
    public var description: String
    /// The HTML page the feed mirrors (home, unit page, category page).
    public var pagePath: String
    /// Indices into `site.articles`: newest first, at most `feed_items`, no expired article, no draft.
    public var articles: [Int]

    public static let rss = "rss.xml"
    public static let atom = "atom.xml"
    public static let json = "feed.json"

    public var rssPath: String { folder + FeedSpec.rss }
    public var atomPath: String { folder + FeedSpec.atom }
    public var jsonPath: String { folder + FeedSpec.json }
}

/// One article as every feed format sees it: absolute URLs, full HTML body.
public struct FeedItem: Sendable {
    public var url: String
    public var title: String
    public var summary: String
    public var contentHTML: String
    public var published: ContentDate
    public var updated: ContentDate
    public var author: String
    public var category: String?
    public var tags: [String]
    public var imageURL: String?
}

/// Decides which feeds exist and what they hold. Locations: `/feeds/` for the site,
/// `/feeds/don-vi/<id>/` per unit and `/feeds/chuyen-muc/<slug>/` per category.
public enum FeedCatalog {
    public static let root = "feeds/"
    /// The page listing every feed.
    public static let listPath = "feeds/"

    public static func unitFolder(_ id: String) -> String { "feeds/don-vi/\(id)/" }
    public static func categoryFolder(_ slug: String) -> String { "feeds/chuyen-muc/\(slug)/" }

    /// Whether an article may appear in a feed or the outbox at all.
    public static func isSyndicated(_ article: Article) -> Bool {
        !article.isExpired && !article.source.draft
    }

    public static func feeds(_ site: ResolvedSite) -> [FeedSpec] {
        let limit = site.config.feedItems
        func pick(_ indices: [Int]) -> [Int] {
            Array(indices.filter { isSyndicated(site.articles[$0]) }.prefix(limit))
        }
        let c = site.config
        var feeds = [FeedSpec(scope: .site, folder: root, title: c.title,
                              description: "Tin mới của \(c.title)", pagePath: "",
                              articles: pick(Array(site.articles.indices)))]
        for unit in site.units {
            feeds.append(FeedSpec(scope: .unit(unit.id), folder: unitFolder(unit.id),
                                  title: "\(unit.name) – \(c.title)",
                                  description: "Tin về \(unit.name) trên \(c.title)",
                                  pagePath: SiteURLs.unit(unit.id), articles: pick(site.articlesByUnit[unit.id] ?? [])))
        }
        for (term, articles) in site.categories {
            feeds.append(FeedSpec(scope: .category(term.slug), folder: categoryFolder(term.slug),
                                  title: "Chuyên mục \(term.name) – \(c.title)",
                                  description: "Tin thuộc chuyên mục \(term.name) trên \(c.title)",
                                  pagePath: SiteURLs.category(term.slug), articles: pick(articles)))
        }
        return feeds
    }

    /// The feeds a page announces with `<link rel="alternate">`: the site's on every page, plus the unit's
    /// or category's own on its pages (paginated pages included).
    public static func feeds(forPage path: String, in feeds: [FeedSpec]) -> [FeedSpec] {
        let own = feeds.filter { $0.scope != .site && isSamePageOrPagination(path, of: $0.pagePath) }
        return own + feeds.filter { $0.scope == .site }
    }

    /// `feeds(forPage:in:)` for every page of a build: the feeds indexed by the page they belong to, so a
    /// page looks up its own instead of testing every feed (it ran for each of 140,000 pages at 100,000
    /// articles, twice: share tags and input keys).
    public struct Index: Sendable {
        private let feeds: [FeedSpec]
        private let own: [String: [Int]]
        private let site: [FeedSpec]

        public init(_ feeds: [FeedSpec]) {
            self.feeds = feeds
            var own: [String: [Int]] = [:]
            for (index, feed) in feeds.enumerated() where feed.scope != .site { own[feed.pagePath, default: []].append(index) }
            self.own = own
            site = feeds.filter { $0.scope == .site }
        }

        /// The same feeds, in the same order, as `FeedCatalog.feeds(forPage:in:)`: those of the page's own
        /// path or of the list it paginates (the path before a `trang/`), then the site's.
        public func feeds(forPage path: String) -> [FeedSpec] {
            var matches = own[path] ?? []
            var rest = path[...]
            while let range = rest.firstRange(ofASCII: "trang/") {
                matches += own[String(path[..<range.lowerBound])] ?? []
                rest = path[range.upperBound...]
            }
            return matches.sorted().map { feeds[$0] } + site
        }
    }

    static func isSamePageOrPagination(_ path: String, of pagePath: String) -> Bool {
        guard path.hasPrefix(pagePath) else { return false }
        let rest = path.dropFirst(pagePath.count)
        return rest.isEmpty || rest.hasPrefix("trang/")
    }

    public static func item(_ article: Article, site: ResolvedSite, urls: SiteURLs) -> FeedItem {
        let url = urls.absolute(article.path)
        return FeedItem(
            url: url, title: article.title, summary: article.summary,
            contentHTML: AbsoluteHTML.rewrite(site.bodyHTML(article), urls: urls, pageURL: url),
            published: article.date, updated: article.source.updated ?? article.date,
            author: article.source.author ?? site.config.jurisdiction.name,
            category: article.category?.name, tags: article.tags.map(\.name),
            imageURL: article.source.image.map { urls.absolute($0.value) })
    }

    /// A feed's date: its newest item's; an empty feed takes the site's newest article date, and a site
    /// without articles the Unix epoch — never the clock.
    public static func date(of items: [FeedItem], site: ResolvedSite) -> ContentDate {
        if let newest = items.map(\.updated).max() { return newest }
        if let newest = site.articles.map({ $0.source.updated ?? $0.date }).max() { return newest }
        return ContentDate(instant: Date(timeIntervalSince1970: 0))
    }
}
