import CLoaSystem

/// A taxonomy term (category or tag) with its URL slug.
public struct Term: Sendable, Hashable {
    public var slug: String
    public var name: String
}

/// An article or page ready to render: links resolved, Markdown rendered, references checked.
///
/// A value with its fields in one shared box, copied on write (fields are lent, `_read`/`_modify`): pages, lists, feeds, the sitemap and the
/// search index each read the site's articles, and a copy of the ten fields (a document of twenty more)
/// retained and released every one of them — 6 % of a one-article edit. A copy is now one retain.
public struct Article: Sendable {
    private final class Fields: @unchecked Sendable {
        // Mutated only through `fields` when this box is not shared (`isKnownUniquelyReferenced`).
        // In this order, the small fields share words: 336 bytes where the box was 432 (100,000 articles
        // are held from resolve to the end of a build).
        var source: ArticleSource
        /// Empty when the path is the one the slug gives (`Article.standardPath`): the usual case, made
        /// again when asked for instead of held (100,000 articles: 6.4 MB, more with longer slugs).
        var storedPath: String
        // `body` but its first paragraph, which a resolved article never holds (read for the summary).
        var html: String
        var searchTerms: String
        var headings: PackedHeadings
        var procedureLinks: [String]
        var sourceHash: UInt64
        var summary: String
        var unitIDs: [String]
        var category: Term?
        var isExpired: Bool
        var tags: [Term]
        var spilledHTML: TextSpill.Location?
        var spilledTerms: TextSpill.Location?
        var spilledSummary: SpilledTextReference?

        init(source: ArticleSource, path: String, body: RenderedMarkdown, summary: String, unitIDs: [String],
             category: Term?, tags: [Term], isExpired: Bool) {
            self.source = source
            storedPath = path == Article.standardPath(source) ? "" : path
            html = body.html; searchTerms = body.searchTerms; headings = PackedHeadings(body.headings)
            procedureLinks = body.procedureLinks; sourceHash = body.sourceHash
            self.summary = summary; self.unitIDs = unitIDs; self.category = category; self.isExpired = isExpired
            self.tags = tags
        }

        var body: RenderedMarkdown {
            RenderedMarkdown(html: html, firstParagraph: "", searchTerms: searchTerms, headings: headings.headings,
                             procedureLinks: procedureLinks, sourceHash: sourceHash)
        }

        var path: String { storedPath.isEmpty ? Article.standardPath(source) : storedPath }

        func copy() -> Fields {
            let copy = Fields(source: source, path: path, body: body, summary: summary, unitIDs: unitIDs, category: category,
                              tags: tags, isExpired: isExpired)
            copy.spilledHTML = spilledHTML
            copy.spilledTerms = spilledTerms
            copy.spilledSummary = spilledSummary
            return copy
        }
    }

    private var box: Fields

    public init(source: ContentDocument, path: String, body: RenderedMarkdown, summary: String, unitIDs: [String],
                category: Term?, tags: [Term], isExpired: Bool) {
        box = Fields(source: ArticleSource(source), path: path, body: body, summary: summary, unitIDs: unitIDs, category: category,
                     tags: tags, isExpired: isExpired)
    }

    /// The box, made this value's own before it is changed.
    private var fields: Fields {
        mutating get {
            if !isKnownUniquelyReferenced(&box) { box = box.copy() }
            return box
        }
    }

    /// The front matter as written, what the article shows of it (`ArticleSource`); its units, category,
    /// tags and summary are resolved into `unitIDs`, `category`, `tags` and `summary`.
    public var source: ArticleSource {
        _read { yield box.source }
        _modify { yield &fields.source }
    }
    /// Output folder relative to the site root, ending in `/` (e.g. `tin-tuc/cai-cach/`).
    public var path: String {
        get { box.path }
        set {
            let fields = fields
            fields.storedPath = newValue == Article.standardPath(fields.source) ? "" : newValue
        }
    }

    /// Where an article's or a standing page's slug puts it (`SiteResolver`): `tin-tuc/<slug>/`, `<slug>/`.
    static func standardPath(_ source: ArticleSource) -> String {
        source.kind == .article ? "tin-tuc/" + source.slug.value + "/" : source.slug.value + "/"
    }
    /// Its first paragraph is always empty: it is read for the summary only, before the article is made.
    public var body: RenderedMarkdown {
        get { box.body }
        set {
            let fields = fields
            fields.html = newValue.html; fields.searchTerms = newValue.searchTerms; fields.headings = PackedHeadings(newValue.headings)
            fields.procedureLinks = newValue.procedureLinks; fields.sourceHash = newValue.sourceHash
        }
    }
    /// `body`'s fields the stages read and change one at a time, without making the whole body (its table
    /// of contents is unpacked for `body`).
    var bodyHTML: String {
        _read { yield box.html }
        _modify { yield &fields.html }
    }
    var bodySearchTerms: String {
        _read { yield box.searchTerms }
        _modify { yield &fields.searchTerms }
    }
    var bodySourceHash: UInt64 {
        _read { yield box.sourceHash }
        _modify { yield &fields.sourceHash }
    }

    /// Held, or read back from where the resolve stage spilled it (`spillSummary`).
    public var summary: String {
        get { box.spilledSummary?.text ?? box.summary }
        set {
            let fields = fields
            fields.summary = newValue
            fields.spilledSummary = nil
        }
    }
    public var unitIDs: [String] {
        _read { yield box.unitIDs }
        _modify { yield &fields.unitIDs }
    }
    public var category: Term? {
        _read { yield box.category }
        _modify { yield &fields.category }
    }
    public var tags: [Term] {
        _read { yield box.tags }
        _modify { yield &fields.tags }
    }
    /// Past its `expires` day: kept online, marked "hết hiệu lực", left out of feeds.
    public var isExpired: Bool {
        _read { yield box.isExpired }
        _modify { yield &fields.isExpired }
    }

    /// Where the body's HTML was spilled by the resolve stage (`TextSpill`); nil when it is held in
    /// `body.html` or made again from the source (`body.sourceHash`).
    var spilledHTML: TextSpill.Location? {
        _read { yield box.spilledHTML }
        _modify { yield &fields.spilledHTML }
    }

    /// Where the body's search terms were spilled by the resolve stage (`TextSpill`); nil when they are
    /// held in `body.searchTerms`. Only the search index reads them (`SearchDocument.fullText`).
    var spilledTerms: TextSpill.Location? {
        _read { yield box.spilledTerms }
        _modify { yield &fields.spilledTerms }
    }

    /// Moves the summary to `spill` unless it fits in what the spill still holds (`TextSpill.keep`): at
    /// 100,000 articles the summaries were 26 MB held from resolve to write.
    mutating func spillSummary(to spill: TextSpill, log: DiagnosticLog) {
        guard !box.summary.isEmpty, let location = spill.keep(box.summary) else { return }
        let fields = fields
        fields.spilledSummary = SpilledTextReference(spill: spill, location: location, file: fields.source.file, log: log)
        fields.summary = ""
    }

    /// Where the summary is when spilled (`spillSummary`); nil when `summary` is held.
    var spilledSummary: SpilledTextReference? { box.spilledSummary }

    /// Whether the summary is in the spill file (tests).
    var hasSpilledSummary: Bool { box.spilledSummary != nil }

    /// Bytes the allocator gave this article's box (tests: 100,000 of them are held through a large build);
    /// nil where the allocator cannot tell.
    var boxBytes: Int? {
        let bytes = loa_allocated_size(Unmanaged.passUnretained(box).toOpaque())
        return bytes == 0 ? nil : bytes
    }

    public var title: String { box.source.title }
    public var date: ContentDate { box.source.date }
    public var slug: String { box.source.slug.value }
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
        for index in articles.indices { articles[index].bodySearchTerms = "" }
        for index in pages.indices { pages[index].bodySearchTerms = "" }
    }
}
