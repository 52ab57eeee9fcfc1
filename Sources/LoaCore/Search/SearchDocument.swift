/// One thing the search page can find. Every section adds its own through `SearchSources.all`.
public struct SearchDocument: Sendable, Hashable {
    /// What a result is; the raw value is the label shown beside it. The order is the tie-break order.
    public enum Kind: String, Sendable, CaseIterable, Comparable {
        case procedure = "Thủ tục"
        case hotline = "Đường dây nóng"
        case page = "Trang"
        case article = "Bài viết"

        var rank: Int { Kind.allCases.firstIndex(of: self)! }
        public static func < (a: Kind, b: Kind) -> Bool { a.rank < b.rank }
    }

    public var kind: Kind
    /// Ranked first: a document whose title holds the query words comes before one whose text does.
    public var title: String
    /// Root-relative link as written in pages (starts with the base path).
    public var url: String
    /// Body text, searched but ranked below the title.
    public var text: String
    /// Ranked like the title: e.g. a procedure's code, a hotline's agency.
    public var keywords: String
    /// Shown under the result (cut to `SearchIndex.summaryLength` characters): held, or read back from
    /// where the resolve stage spilled an article's summary (`spilledSummary`).
    public var summary: String {
        get { spilledSummary?.text ?? heldSummary }
        set { heldSummary = newValue; spilledSummary = nil }
    }
    private var heldSummary: String
    /// Shown beside the type, e.g. "15/04/2024"; empty for none.
    public var date: String
    /// Where `text` is when the resolve stage spilled it (a body's search terms past `SiteResolver.heldTerms`):
    /// `text` is then empty, and the index reads it back a batch of documents at a time (`fullText`).
    var spilledText: SpilledTextReference?
    /// Where an article's summary is when the resolve stage spilled it (`Article.spillSummary`): read back
    /// when the index needs it, not for every document at once (28 MB at 100,000 articles, held through
    /// the index's postings, the planning stage's peak).
    var spilledSummary: SpilledTextReference?

    /// The text searched: `text`, or the spilled text read back.
    var fullText: String { spilledText?.text ?? text }

    public init(kind: Kind, title: String, url: String, text: String, keywords: String = "",
                summary: String = "", date: String = "") {
        self.kind = kind
        self.title = title
        self.url = url
        self.text = text
        self.keywords = keywords
        self.heldSummary = summary
        self.date = date
    }
}

/// Where a build's articles spill their summaries (`Article.spillSummary`), with the log that reports one
/// that cannot be read back: one for the build, which each article with a spilled summary points to.
final class SummarySpill: Sendable {
    let spill: TextSpill
    let log: DiagnosticLog
    /// Held texts that are all empty, with this spill's `source`: shared by every article whose summary
    /// alone is spilled, so that where to read it back from costs an article no word of its own.
    let nothingHeld: Article.HeldTexts

    /// What an article's held texts keep of the spill (`Article.HeldTexts`): the spill and the log, not
    /// this object (which holds `nothingHeld`: no cycle).
    struct Source: Sendable {
        let spill: TextSpill
        let log: DiagnosticLog
    }

    var source: Source { Source(spill: spill, log: log) }

    init(spill: TextSpill, log: DiagnosticLog) {
        self.spill = spill; self.log = log
        nothingHeld = Article.HeldTexts(html: "", searchTerms: "", summary: "", spilledSummary: Source(spill: spill, log: log))
    }
}

/// A text in a spill file, as a value documents can hold and compare. A text that cannot be read back is
/// reported in `log` (the build then fails and the last good site stays) and reads as empty.
struct SpilledTextReference: Sendable, Hashable {
    let spill: TextSpill
    let location: TextSpill.Location
    /// The file the text came from, and the build's log.
    let file: String
    let log: DiagnosticLog

    var text: String {
        if let text = spill.read(location) { return text }
        log.error(file, nil, "không đọc lại được tệp tạm của bản dựng (đĩa lỗi hoặc đầy?) — hãy dựng lại trang")
        return ""
    }

    static func == (a: Self, b: Self) -> Bool { a.spill === b.spill && a.location == b.location }
    func hash(into hasher: inout Hasher) {
        hasher.combine(ObjectIdentifier(spill)); hasher.combine(location.offset); hasher.combine(location.length)
    }
}

/// Where search documents come from: each entry turns the resolved site into documents.
/// Adding a searchable section is one line here.
enum SearchSources {
    /// In the index's order of kinds (`SearchIndex.ordered`), so the documents need not be copied to be
    /// ordered.
    static let all: [(RenderInput) -> [SearchDocumentSource.Part]] = [
        { [.held(ProcedurePages.searchDocuments($0))] }, { [.held(HotlinePages.searchDocuments($0))] },
        ArticlePages.searchParts,
    ]

    /// Every section's documents, made when the index asks for them.
    static func source(_ input: RenderInput) -> SearchDocumentSource {
        SearchDocumentSource(all.flatMap { $0(input) })
    }

    static func documents(_ input: RenderInput) -> [SearchDocument] { source(input).all() }
}

extension SearchIndex {
    /// Everything the index is made from — each document's fields in order, the base path and the
    /// index's layout constants — hashed: the same key builds the same files (`SearchIndexRecord`).
    static func inputKey(_ documents: [SearchDocument], basePath: String) -> UInt64 {
        var key = InputKey(documents: documents.count, basePath: basePath)
        key.add(documents)
        return key.value
    }

    /// `inputKey`, hashed a batch of documents at a time (a clean build's documents are never all made at once).
    struct InputKey {
        private var h = XXHash64(seed: 0x5EA2C4)

        init(documents count: Int, basePath: String) {
            h.update(UInt64(chunkSize)); h.update(UInt64(shardBudget)); h.update(UInt64(summaryLength))
            h.field(basePath)
            h.update(UInt64(count))
        }

        mutating func add(_ documents: [SearchDocument]) {
            for document in documents {
                h.update(UInt64(document.kind.rank))
                h.field(document.title); h.field(document.url); h.field(document.fullText)
                h.field(document.keywords); h.field(document.summary); h.field(document.date)
            }
        }

        var value: UInt64 { h.finish() }
    }
}
