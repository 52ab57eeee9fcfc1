import Foundation

/// The load stage: reads every content file (documents on all cores) and reports all problems together.
public enum ContentLoader {
    /// With a cache, documents whose bytes were seen before are not parsed again.
    public static func load(_ sources: SourceFiles, log: DiagnosticLog, cache: BuildCache? = nil) -> LoadedContent? {
        guard sources.isDirectory("content") else {
            log.error("content", nil, "không tìm thấy thư mục content/ trong \(sources.root)")
            return nil
        }
        let config = SiteConfigLoader.load(sources, log: log)
        let units = UnitsLoader.load(sources, log: log)
        let unitIDs = Set(units.map(\.id))
        // With units.yaml broken, every unit a data file names would be "unknown": those consequences are
        // left out so the editor sees the one real problem (the data files' other errors are kept).
        let unitsBroken = log.all.contains { $0.file == UnitsLoader.file && $0.severity == .error }
        let dataLog = unitsBroken ? DiagnosticLog() : log
        // The data files load beside the documents (the log sorts what it is told): loaded after them, the
        // procedure catalogue alone left a core idle.
        let loadingData = DispatchGroup()
        nonisolated(unsafe) var procedures = ProcedureCatalog(), hotlines: [Hotline] = [], rankings: [RankingIndex] = []
        DispatchQueue.global().async(group: loadingData) {
            procedures = ProcedureCatalogLoader.load(sources, unitIDs: unitIDs, log: dataLog)
            hotlines = HotlineLoader.load(sources, unitIDs: unitIDs, log: dataLog)
            rankings = RankingLoader.load(sources, unitIDs: unitIDs, log: dataLog)
        }
        let articles = loadDocuments(sources.list("content/articles", log: log), kind: .article, sources: sources, log: log, cache: cache)
        let pages = loadDocuments(sources.list("content/pages", log: log), kind: .page, sources: sources, log: log, cache: cache)
        let media = MediaCheck.check(sources.list("content/media", log: log), sources: sources, log: log)
        loadingData.wait()
        if unitsBroken { log.merge(dataLog.all.filter { !$0.message.contains(UnitsLoader.file) }) }
        guard let config else { return nil }
        return LoadedContent(config: config, units: units, articles: articles, pages: pages, media: media,
                             procedures: procedures, hotlines: hotlines, rankings: rankings, sources: sources)
    }

    static func loadDocuments(_ files: [String], kind: ContentDocument.Kind, sources: SourceFiles,
                              log: DiagnosticLog, cache: BuildCache? = nil) -> [ContentDocument] {
        func isMarkdown(_ file: String) -> Bool { file.hasSuffix(".md") || file.hasSuffix(".markdown") }
        let markdown = files.filter(isMarkdown)
        // Not `!markdown.contains(file)`: that was quadratic, 140 s of a 100,000-article build.
        for file in files where !isMarkdown(file) {
            log.warning(file, nil, "tệp này không phải .md nên bị bỏ qua")
        }
        // The bodies are not kept: the resolver reads each one again when it renders it (`ArticleBodies.source`,
        // which checks it is the body loaded), so the site's Markdown is never all in memory at once — at
        // 100,000 articles it was most of the load stage's peak (500 of 640 MB).
        // Made straight into the array returned, a placeholder where a file could not be loaded, which is
        // taken out in place: an array of optionals compacted into a second array held every document twice
        // for a moment (the load stage's peak at 100,000 articles: 2 × 34 MB).
        let placeholder = ContentDocument.placeholder(kind: kind)
        let shared = TextInterner()
        var documents = ParallelMap.map(markdown) { file -> ContentDocument in
            guard var document = DocumentLoader.load(file, kind: kind, sources: sources, log: log, cache: cache) else { return placeholder }
            document.shareRepeatedValues(shared)
            document.body = ""
            document.hasBody = false
            return document
        }
        var kept = 0
        for index in documents.indices where !documents[index].isPlaceholder {
            if kept != index { documents.swapAt(kept, index) }
            kept += 1
        }
        documents.removeLast(documents.count - kept)
        return documents
    }
}

extension ContentDocument {
    /// Stands for a document that could not be loaded (`ContentLoader.loadDocuments`): no file.
    static func placeholder(kind: Kind) -> ContentDocument {
        ContentDocument(kind: kind, file: "", title: "", date: ContentDate(day: CalendarDay(year: 1970, month: 1, day: 1)), updated: nil,
                        summary: nil, units: [], category: nil, tags: [], image: nil, imageAlt: nil, author: nil,
                        sourceDocument: nil, draft: true, publishAt: nil, expires: nil, slug: Located(value: "", line: 0),
                        aliases: [], body: "", bodyFirstLine: 0)
    }

    var isPlaceholder: Bool { file.isEmpty }

    /// The values many documents write (author, category, tags, units), each kept once by all of them
    /// (`TextInterner`): parsed or read from the cache, every document had copies of its own.
    mutating func shareRepeatedValues(_ shared: TextInterner) {
        author = author.map { shared($0) }
        category = category.map { .init(value: shared($0.value), line: $0.line) }
        for index in tags.indices { tags[index].value = shared(tags[index].value) }
        for index in units.indices { units[index].value = shared(units[index].value) }
    }
}
