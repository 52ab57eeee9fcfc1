/// A taxonomy term (category or tag) with its URL slug.
public struct Term: Sendable, Hashable {
    public var slug: String
    public var name: String
}

/// An article or page ready to render: links resolved, Markdown rendered, references checked.
public struct Article: Sendable {
    public var source: ContentDocument
    /// Output folder relative to the site root, ending in `/` (e.g. `tin-tuc/cai-cach/`).
    public var path: String
    public var body: RenderedMarkdown
    public var summary: String
    public var unitIDs: [String]
    public var category: Term?
    public var tags: [Term]
    /// Past its `expires` day: kept online, marked "hết hiệu lực", left out of feeds.
    public var isExpired: Bool

    public var title: String { source.title }
    public var date: ContentDate { source.date }
    public var slug: String { source.slug.value }
}

/// The whole site after the resolve stage: what the render stage turns into files.
public struct ResolvedSite: Sendable {
    public var config: SiteConfig
    /// In Vietnamese alphabetical order.
    public var units: [AdministrativeUnit]
    /// Published articles, newest first (ties by slug), expired ones included.
    public var articles: [Article]
    public var pages: [Article]
    /// In Vietnamese alphabetical order, each with the indices (into `articles`) of its articles.
    public var categories: [(term: Term, articles: [Int])]
    public var tags: [(term: Term, articles: [Int])]
    /// Unit id → indices into `articles`, newest first.
    public var articlesByUnit: [String: [Int]]
    public var media: [String]
    /// The moment the build treats as now: decides publish_at and expires, never written out.
    public var now: ContentDate
    /// Procedures, hotlines and rankings.
    public var data = ResolvedData()
    /// The bodies' HTML, read again when needed (`bodyHTML`); nil when every article holds its HTML.
    public var bodies: ArticleBodies? = nil

    public func unit(_ id: String) -> AdministrativeUnit? { units.first { $0.id == id } }
}

extension ResolvedSite {
    /// Empties the bodies' search terms once the search index is built: nothing else reads them. In place
    /// when this copy is the only one.
    mutating func dropSearchTerms() {
        for index in articles.indices { articles[index].body.searchTerms = "" }
        for index in pages.indices { pages[index].body.searchTerms = "" }
    }
}
