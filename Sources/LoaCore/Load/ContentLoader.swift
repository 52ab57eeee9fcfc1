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
        let articles = loadDocuments(sources.list("content/articles", log: log), kind: .article, sources: sources, log: log, cache: cache)
        let pages = loadDocuments(sources.list("content/pages", log: log), kind: .page, sources: sources, log: log, cache: cache)
        let media = MediaCheck.check(sources.list("content/media", log: log), sources: sources, log: log)
        let unitIDs = Set(units.map(\.id))
        // With units.yaml broken, every unit a data file names would be "unknown": those consequences are
        // left out so the editor sees the one real problem (the data files' other errors are kept).
        let unitsBroken = log.all.contains { $0.file == UnitsLoader.file && $0.severity == .error }
        let dataLog = unitsBroken ? DiagnosticLog() : log
        let procedures = ProcedureCatalogLoader.load(sources, unitIDs: unitIDs, log: dataLog)
        let hotlines = HotlineLoader.load(sources, unitIDs: unitIDs, log: dataLog)
        let rankings = RankingLoader.load(sources, unitIDs: unitIDs, log: dataLog)
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
        let results = ParallelMap.map(markdown) { DocumentLoader.load($0, kind: kind, sources: sources, log: log, cache: cache) }
        return results.compactMap { $0 }
    }
}
