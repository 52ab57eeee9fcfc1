/// A page to render: the path is known up front, the bytes are made later on any core.
///
/// A page of a family (`PageFamily`: the articles, a paginated list) holds the family and its number in
/// it, not closures of its own: at 100,000 articles a job's four closures and their captures were about
/// 700 bytes each, 100 MB held from planning to the end of the build.
public struct RenderJob: @unchecked Sendable {
    public var path: String
    private var maker: Maker
    /// For a file made by code rather than a template (feeds): a hash of everything its bytes are made
    /// from, so the build cache keeps the old file without making it. Equal keys must mean equal bytes.
    public var inputKey: (() -> UInt64)? {
        get { extras?.inputKey }
        set { extras = Extras(inputKey: newValue, decided: extras?.decided) }
    }
    /// When the job is made (`renderOrder`), for memory.
    public var group = RenderGroup.pages
    /// The file shows articles' bodies and records where (`BodyEmbed`): made again, not kept, when there is
    /// no record of where the kept file holds them.
    var showsBodies = false
    /// Called by the build cache once it has kept the file or made it (`BuildCache.reusing`): the search
    /// index's files count these to let their documents go once none of them can be needed any more.
    var decided: (@Sendable () -> Void)? {
        get { extras?.decided }
        set { extras = Extras(inputKey: extras?.inputKey, decided: newValue) }
    }
    /// `inputKey` and `decided`, which few jobs have, in one box (shared by copies, replaced when set): a
    /// job is 56 bytes instead of 88 (4.5 MB of a 100,000-article build's jobs).
    private var extras: Extras?
    /// Set by the build cache (`BuildCache.reusing`): `contents()` keeps the old file when it can.
    var reuse: PageReuse?

    /// The order in which groups of jobs are made; within a group, the jobs' order.
    public enum RenderGroup: UInt8, CaseIterable, Sendable {
        /// The sitemap's files: buffers of megabytes made from every page's path, made before the pages
        /// fill the heap with what they share. Made among the pages, two of them at 100,000 articles were
        /// the render stage's peak, 7 MB over its steady level.
        case wholeSite
        /// The lists of items with `h2` headings, whose entries are released after the last of them
        /// (`RenderInput.wideItemListDone`) before the other lists make theirs, and the search index's
        /// files, whose bytes are released as they are written (`SearchFiles`). The list entries of both
        /// kinds were a quarter of a clean build's heap at its peak.
        case sharedEntries
        case pages
    }

    private final class Extras: @unchecked Sendable {
        let inputKey: (() -> UInt64)?
        let decided: (@Sendable () -> Void)?
        init(inputKey: (() -> UInt64)?, decided: (@Sendable () -> Void)?) { self.inputKey = inputKey; self.decided = decided }
    }

    private enum Maker {
        case code(() -> OutputFile.Contents)
        case page(PageFamily, Int)
    }

    public struct Templated {
        public var template: String
        /// The theme's fingerprint (all its templates).
        public var templates: UInt64
        public var context: () -> [String: Any]
        public var render: ([String: Any]) -> OutputFile.Contents
        /// A hash of the inputs the context is made from, cheaper than the context: when it equals the
        /// previous build's, the page is kept without making its context; otherwise it is rendered (its
        /// context is not fingerprinted). Equal input keys must mean equal pages (`BuildCache.keyAudit`
        /// checks this in tests).
        public var inputKey: (() -> UInt64)?
    }

    public init(path: String, make: @escaping () -> OutputFile.Contents) {
        self.path = path
        self.maker = .code(make)
    }

    /// Page `number` of `family`, at `path`.
    init(path: String, number: Int, of family: PageFamily) {
        self.path = path
        self.maker = .page(family, number)
    }

    /// Once the file is written (`OutputWriter`): the maker and what it holds go, the path stays. Making the
    /// file again makes it empty.
    mutating func releaseMaker() {
        maker = .code(RenderJob.released)
        extras = nil
        reuse = nil
    }
    private static let released: () -> OutputFile.Contents = { .bytes([]) }

    /// Makes the file's contents (without the build cache: `contents()` keeps the old file when it can).
    public var make: () -> OutputFile.Contents {
        switch maker {
        case .code(let make): return make
        case .page(let family, let number): return { [path] in family.render(path, family.context(number)) }
        }
    }

    /// Set for a page rendered through a theme template: lets the build cache fingerprint the context and
    /// skip rendering an unchanged page. Made when asked (once per build), not held.
    public var templated: Templated? {
        guard case .page(let family, let number) = maker else { return nil }
        return Templated(template: family.template, templates: family.templates, context: { family.context(number) },
                         render: { [path] in family.render(path, $0) }, inputKey: family.inputKey.map { key in { key(number) } })
    }

    /// The file's contents as the build writes them: kept from the last build through the cache when it
    /// can (`reuse`), made otherwise. `make` alone always makes them.
    public func contents() -> OutputFile.Contents {
        if let reuse { return reuse.contents(of: self) }
        return make()
    }

    /// A page rendered through a theme template with a layout context.
    /// `made`: told of the page's bytes and the context they were made from, whenever it is rendered.
    public static func page(_ path: String, template: String, theme: Theme, inputKey: (() -> UInt64)? = nil,
                            made: ((String, OutputFile.Contents, [String: Any]) -> Void)? = nil,
                            context: @escaping () -> [String: Any]) -> RenderJob {
        let family = PageFamily(template: template, theme: theme, inputKey: inputKey.map { key in { _ in key() } },
                                made: made) { _ in context() }
        return family.job(path, number: 0)
    }
}

/// Pages made alike from a number (the articles' pages from their index, a list's pages from the page
/// number): one template, context maker and input key for them all (`RenderJob`).
final class PageFamily: @unchecked Sendable {
    let template: String
    let templates: UInt64
    let context: (Int) -> [String: Any]
    let inputKey: ((Int) -> UInt64)?
    /// The page written at a path, from its context.
    let render: (String, [String: Any]) -> OutputFile.Contents

    /// `made`: told of each page's file (its path), bytes and the context they were made from.
    init(template: String, theme: Theme, inputKey: ((Int) -> UInt64)? = nil,
         made: ((String, OutputFile.Contents, [String: Any]) -> Void)? = nil,
         context: @escaping (Int) -> [String: Any]) {
        self.template = template
        self.templates = theme.fingerprint
        self.context = context
        self.inputKey = inputKey
        render = { file, context in
            let contents = OutputFile.Contents.bytes(Array(theme.render(context, template: template).utf8))
            made?(file, contents, context)
            return contents
        }
    }

    /// The family's page `number`, written at `path` (a folder gets `index.html`).
    func job(_ path: String, number: Int) -> RenderJob {
        RenderJob(path: path.hasSuffix("/") || path.isEmpty ? path + "index.html" : path, number: number, of: self)
    }
}

extension Array where Element == RenderJob {
    /// The jobs' indices in the order they are made: group by group (`RenderJob.RenderGroup`), each group in
    /// job order. The order of the output does not depend on it.
    var renderOrder: [Int] {
        var order: [Int] = []
        order.reserveCapacity(count)
        for group in RenderJob.RenderGroup.allCases { order += indices.lazy.filter { self[$0].group == group } }
        return order
    }
}

enum ListItem { static let partial = "partials/article-item" }

/// Everything a section needs to turn the resolved site into jobs. A class: every page's closures
/// capture it, and a reference is 8 bytes where the struct was kilobytes per closure (17 MB at 10,000 pages).
public final class RenderInput: Sendable {
    public let site: ResolvedSite
    public let theme: Theme
    public let context: PageContext
    public let sources: SourceFiles
    let globalKeys = Memo<String, UInt64?>()
    /// Each article's list item HTML, made once and spilled (`TextSpill`): held in memory, they were the
    /// largest thing a build of 100,000 articles held while rendering (105 MB).
    let itemHTML: IndexedMemo<SpilledText?>, wideItemHTML: IndexedMemo<SpilledText?>
    /// The render stage's spill file (list items); nil where none can be made. The search index's files
    /// have their own (`SearchPage.files`).
    let spill: TextSpill?
    /// What the render stage's spill holds in memory before it spills: all of a 10,000-article site's list
    /// items (at most 21 MB); a large site holds `LargeSite.heldBytes`. A variable for that and
    /// for tests, which set it to 0 to build small sites through the spill.
    nonisolated(unsafe) static var heldBytes = 32 << 20
    /// List pages with `h2` items still to be made: at zero, their entries are released.
    let wideItemLists = Countdown()
    let itemKeys: IndexedMemo<UInt64>
    /// The search index when it was built before the pages were planned (`SiteRenderer.jobs`).
    let searchFiles: SearchFiles?
    /// Where the files made hold the articles' bodies (`BodyEmbed`); nil without a build cache.
    let embeds: BodyEmbedRecorder?

    /// `site.articles[index]` as a list shows it (`ArticleListEntry`): the theme's `partials/article-item`
    /// rendered with the item's keys, `itemH2` and `site` — once per article and heading level, then
    /// reused by every list that shows the article.
    func listItem(_ index: Int, h2: Bool) -> ArticleListEntry {
        func render() -> String? {
            var values = context.item(site.articles[index])
            values["itemH2"] = h2
            return theme.renderShared(ListItem.partial, values, site: context.siteContext)
        }
        let stored = (h2 ? wideItemHTML : itemHTML).value(for: index) { render().map { SpilledText($0, spill: spill) } }
        // A spilled item that cannot be read back (the disk failed under the build) is made again.
        let html = stored.map { $0.text(from: spill) ?? render() ?? "" }
        return ArticleListEntry(html: html) { [self] in context.item(site.articles[index]) }
    }

    public convenience init(site: ResolvedSite, theme: Theme, context: PageContext, sources: SourceFiles) {
        self.init(site: site, theme: theme, context: context, sources: sources, searchFiles: nil)
    }

    /// `searchFiles`: the index planned for the build (`SearchPage.files`); made when first asked otherwise.
    init(site: ResolvedSite, theme: Theme, context: PageContext, sources: SourceFiles, searchFiles: SearchFiles?,
         embeds: BodyEmbedRecorder? = nil) {
        self.site = site
        self.theme = theme
        self.context = context
        self.sources = sources
        self.searchFiles = searchFiles
        self.embeds = embeds
        spill = TextSpill(folder: sources.root, holding: LargeSite.holding(RenderInput.heldBytes, articles: site.articles.count))
        itemHTML = IndexedMemo(count: site.articles.count)
        wideItemHTML = IndexedMemo(count: site.articles.count)
        itemKeys = IndexedMemo(count: site.articles.count)
    }

    /// One list page with `h2` items has its items: after the last, nothing asks for them again (`RenderGroup.sharedEntries`);
    /// a page made again later (a check after a build) makes them again.
    func wideItemListDone() {
        if wideItemLists.countDown() { wideItemHTML.removeAll() }
    }
}
