import CLoaSystem

/// A taxonomy term (category or tag) with its URL slug.
///
/// One word: its two strings are in a box that every article showing the term shares (the resolver makes
/// each term once, `SiteResolver.SharedTerms`). Held inline, an article's category was 32 bytes.
public struct Term: Sendable, Hashable {
    private final class Strings: Sendable {
        let slug: String, name: String
        init(slug: String, name: String) { self.slug = slug; self.name = name }
    }
    private let strings: Strings

    public init(slug: String, name: String) { strings = Strings(slug: slug, name: name) }

    public var slug: String { strings.slug }
    public var name: String { strings.name }

    public static func == (a: Term, b: Term) -> Bool { a.strings === b.strings || (a.slug == b.slug && a.name == b.name) }
    public func hash(into hasher: inout Hasher) { hasher.combine(slug); hasher.combine(name) }
}

/// An article or page ready to render: links resolved, Markdown rendered, references checked.
///
/// A value with its fields in one shared box, copied on write (fields are lent, `_read`/`_modify`): pages, lists, feeds, the sitemap and the
/// search index each read the site's articles, and a copy of the ten fields (a document of twenty more)
/// retained and released every one of them — 6 % of a one-article edit. A copy is now one retain.
public struct Article: Sendable {
    private final class Fields: @unchecked Sendable {
        // Mutated only through `fields` when this box is not shared (`isKnownUniquelyReferenced`).
        // 100,000 articles are held from resolve to the end of a build: what most of them leave empty
        // (texts held in memory, a table of contents, procedure links) is in boxes of its own, absent when
        // empty, and a term is a word. 184 bytes where the box was 216, 336 and 432 before that: a block
        // of 192 bytes, 3.2 MB less at 100,000 articles than 224.
        var source: ArticleSource
        /// nil when the path is the one the slug gives (`Article.standardPath`): the usual case, made
        /// again when asked for instead of held (100,000 articles: 6.4 MB, more with longer slugs).
        var pathOverride: SharedText?
        /// The body's HTML and search terms, and the summary, while any of them is held in memory, and where
        /// a spilled summary is read back from; nil once each is spilled or empty, as at a large site
        /// (`SiteResolver`), and the summary not spilled.
        var held: HeldTexts?
        var spilledHTML = SpillSlot(), spilledTerms = SpillSlot(), spilledSummary = SpillSlot()
        /// The table of contents and the `tthc:` links, which most articles do not have.
        var extracts: BodyExtracts?
        var sourceHash: UInt64
        var unitIDs: [String]
        var category: Term?
        var tags: [Term]

        init(source: ArticleSource, path: String, body: RenderedMarkdown, summary: String, unitIDs: [String],
             category: Term?, tags: [Term]) {
            self.source = source
            pathOverride = path == Article.standardPath(source) ? nil : SharedText(path)
            held = HeldTexts.make(html: body.html, searchTerms: body.searchTerms, summary: summary)
            extracts = BodyExtracts.make(headings: body.headings, procedureLinks: body.procedureLinks)
            sourceHash = body.sourceHash
            self.unitIDs = unitIDs; self.category = category; self.tags = tags
        }

        private init(copying other: Fields) {
            source = other.source; pathOverride = other.pathOverride; held = other.held
            spilledHTML = other.spilledHTML; spilledTerms = other.spilledTerms; spilledSummary = other.spilledSummary
            extracts = other.extracts; sourceHash = other.sourceHash
            unitIDs = other.unitIDs; category = other.category; tags = other.tags
        }

        var html: String { held?.html ?? "" }
        var searchTerms: String { held?.searchTerms ?? "" }
        var summary: String { held?.summary ?? "" }

        var body: RenderedMarkdown {
            RenderedMarkdown(html: html, firstParagraph: "", searchTerms: searchTerms, headings: extracts?.headings.headings ?? [],
                             procedureLinks: extracts?.procedureLinks ?? [], sourceHash: sourceHash)
        }

        var path: String { pathOverride?.text ?? Article.standardPath(source) }

        /// The held texts with some replaced; where a spilled summary is read back from is kept.
        func held(html: String? = nil, searchTerms: String? = nil, summary: String? = nil) -> HeldTexts? {
            HeldTexts.make(html: html ?? self.html, searchTerms: searchTerms ?? self.searchTerms, summary: summary ?? self.summary,
                           spilledSummary: spilledSummary.location == nil ? nil : held?.spilledSummary)
        }

        /// The boxes it points to are never changed, only replaced: a copy shares them.
        func copy() -> Fields { Fields(copying: self) }
    }

    /// Texts an article holds in memory (`Fields.held`), and where its summary is read back from when it
    /// was spilled (`spillSummary`): never changed, replaced when one of them is.
    final class HeldTexts: Sendable {
        let html: String, searchTerms: String, summary: String
        let spilledSummary: SummarySpill.Source?

        init(html: String, searchTerms: String, summary: String, spilledSummary: SummarySpill.Source?) {
            self.html = html; self.searchTerms = searchTerms; self.summary = summary; self.spilledSummary = spilledSummary
        }

        /// nil when all three are empty and no summary is spilled; when only the summary is, `nothingHeld`
        /// (the box its spill shares, `SummarySpill.nothingHeld`, as for most articles of a large site).
        static func make(html: String, searchTerms: String, summary: String, spilledSummary: SummarySpill.Source? = nil,
                         nothingHeld: HeldTexts? = nil) -> HeldTexts? {
            guard html.isEmpty && searchTerms.isEmpty && summary.isEmpty else {
                return HeldTexts(html: html, searchTerms: searchTerms, summary: summary, spilledSummary: spilledSummary)
            }
            return spilledSummary.map { nothingHeld ?? HeldTexts(html: "", searchTerms: "", summary: "", spilledSummary: $0) }
        }
    }

    /// A body's table of contents and `tthc:` links (`Fields.extracts`), nil when it has neither.
    private final class BodyExtracts: Sendable {
        let headings: PackedHeadings, procedureLinks: [String]

        private init(headings: PackedHeadings, procedureLinks: [String]) {
            self.headings = headings; self.procedureLinks = procedureLinks
        }

        static func make(headings: [RenderedMarkdown.Heading], procedureLinks: [String]) -> BodyExtracts? {
            headings.isEmpty && procedureLinks.isEmpty ? nil : BodyExtracts(headings: PackedHeadings(headings), procedureLinks: procedureLinks)
        }
    }

    /// An optional spill location in one word (`TextSpill.Location.slotValue`): three of them in every box.
    private struct SpillSlot {
        private var value: UInt64 = 0
        var location: TextSpill.Location? {
            get { TextSpill.Location(slotValue: value) }
            set { value = newValue?.slotValue ?? 0 }
        }
    }

    private var box: Fields

    public init(source: ContentDocument, path: String, body: RenderedMarkdown, summary: String, unitIDs: [String],
                category: Term?, tags: [Term], isExpired: Bool) {
        self.init(source: source, author: nil, path: path, body: body, summary: summary, unitIDs: unitIDs, category: category,
                  tags: tags, isExpired: isExpired)
    }

    /// `author`: the box of `source.author` when the caller shares one between articles.
    init(source: ContentDocument, author: SharedText?, path: String, body: RenderedMarkdown, summary: String, unitIDs: [String],
         category: Term?, tags: [Term], isExpired: Bool) {
        var source = ArticleSource(source, author: author)
        source.isExpired = isExpired
        box = Fields(source: source, path: path, body: body, summary: summary, unitIDs: unitIDs, category: category, tags: tags)
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
            fields.pathOverride = newValue == Article.standardPath(fields.source) ? nil : SharedText(newValue)
        }
    }

    /// Where an article's or a standing page's slug puts it (`SiteResolver`): `tin-tuc/<slug>/`, `<slug>/`.
    static func standardPath(_ source: ArticleSource) -> String {
        source.kind == .article ? "tin-tuc/" + source.slug + "/" : source.slug + "/"
    }
    /// Its first paragraph is always empty: it is read for the summary only, before the article is made.
    public var body: RenderedMarkdown {
        get { box.body }
        set {
            let fields = fields
            fields.held = fields.held(html: newValue.html, searchTerms: newValue.searchTerms)
            fields.extracts = BodyExtracts.make(headings: newValue.headings, procedureLinks: newValue.procedureLinks)
            fields.sourceHash = newValue.sourceHash
        }
    }
    /// `body`'s fields the stages read and change one at a time, without making the whole body (its table
    /// of contents is unpacked for `body`).
    var bodyHTML: String {
        get { box.html }
        set {
            guard newValue != box.html else { return }
            let fields = fields
            fields.held = fields.held(html: newValue)
        }
    }
    var bodySearchTerms: String {
        get { box.searchTerms }
        set {
            guard newValue != box.searchTerms else { return }
            let fields = fields
            fields.held = fields.held(searchTerms: newValue)
        }
    }
    var bodySourceHash: UInt64 {
        _read { yield box.sourceHash }
        _modify { yield &fields.sourceHash }
    }

    /// Held, or read back from where the resolve stage spilled it (`spillSummary`).
    public var summary: String {
        get { spilledSummary?.text ?? box.summary }
        set {
            let fields = fields
            fields.spilledSummary.location = nil
            fields.held = fields.held(summary: newValue)
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
        get { box.source.isExpired }
        set { fields.source.isExpired = newValue }
    }

    /// Where the body's HTML was spilled by the resolve stage (`TextSpill`); nil when it is held in
    /// `body.html` or made again from the source (`body.sourceHash`).
    var spilledHTML: TextSpill.Location? {
        get { box.spilledHTML.location }
        set { fields.spilledHTML.location = newValue }
    }

    /// Where the body's search terms were spilled by the resolve stage (`TextSpill`); nil when they are
    /// held in `body.searchTerms`. Only the search index reads them (`SearchDocument.fullText`).
    var spilledTerms: TextSpill.Location? {
        get { box.spilledTerms.location }
        set { fields.spilledTerms.location = newValue }
    }

    /// Moves the summary to `spill` unless it fits in what the spill still holds (`TextSpill.keep`): at
    /// 100,000 articles the summaries were 26 MB held from resolve to write.
    mutating func spillSummary(to spill: SummarySpill) {
        guard !box.summary.isEmpty, let location = spill.spill.keep(box.summary) else { return }
        let fields = fields
        fields.spilledSummary.location = location
        fields.held = HeldTexts.make(html: fields.html, searchTerms: fields.searchTerms, summary: "", spilledSummary: spill.source,
                                     nothingHeld: spill.nothingHeld)
    }

    /// Where the summary is when spilled (`spillSummary`); nil when `summary` is held.
    var spilledSummary: SpilledTextReference? {
        guard let location = box.spilledSummary.location, let spill = box.held?.spilledSummary else { return nil }
        return SpilledTextReference(spill: spill.spill, location: location, file: box.source.file, log: spill.log)
    }

    /// Whether the summary is in the spill file (tests).
    var hasSpilledSummary: Bool { box.spilledSummary.location != nil }

    /// The box of held texts and of the author, to tell shared ones apart (tests).
    var heldBox: ObjectIdentifier? { box.held.map(ObjectIdentifier.init) }
    var authorBox: ObjectIdentifier? { box.source.authorBox }

    /// Bytes the allocator gave this article's box (tests: 100,000 of them are held through a large build);
    /// nil where the allocator cannot tell.
    var boxBytes: Int? {
        let bytes = loa_allocated_size(Unmanaged.passUnretained(box).toOpaque())
        return bytes == 0 ? nil : bytes
    }

    public var title: String { box.source.title }
    public var date: ContentDate { box.source.date }
    public var slug: String { box.source.slug }
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
