import Foundation

/// The search page (`/tim-kiem/`) and the index its script reads (see `SearchIndex`).
enum SearchPage {
    static func jobs(_ input: RenderInput) -> [RenderJob] {
        let files = input.searchFiles ?? SearchFiles(index(input)) { index(input) }
        let version = files.version
        let page = RenderJob.page(SiteURLs.search, template: "search", theme: input.theme) {
            input.context.page(path: SiteURLs.search, title: "Tìm kiếm",
                               description: "Tìm bài viết, thủ tục hành chính, đường dây nóng trên \(input.site.config.title)",
                               extra: ["search": ["index": input.context.urls.link(SearchIndex.folder), "version": version],
                                       "page.type": "search"])
        }
        return [page] + files.paths.indices.map { number in
            var job = RenderJob(path: files.paths[number]) { .bytes(files.bytes(number)) }
            // The bytes' hash (made with them, or recorded when the index is reused) lets the cache keep an
            // unchanged shard (about 1,400 at 10,000 articles) without reading the old file to compare.
            // Written first, and released then.
            let key = files.keys[number]
            job.inputKey = { key }
            job.group = .sharedEntries
            job.decided = { files.decided() }
            return job
        }
    }

    static func index(_ input: RenderInput) -> SearchIndex.Output {
        SearchIndex.build(SearchSources.documents(input), basePath: input.site.config.basePath)
    }

    /// The index's files for a build. With the last build's record (`SearchIndexRecord`) and the same
    /// documents and base path, the index is not built: its paths, version and files' keys are the
    /// recorded ones, and it is built only if the writer needs a file the output folder no longer holds
    /// as recorded. The documents are made either way (their hash is the index's input key).
    /// `log`: where a spilled file that cannot be read back is reported (the build then fails, the old site stays).
    static func files(_ input: RenderInput, previous: OutputManifest?, log: DiagnosticLog? = nil)
        -> (files: SearchFiles, record: SearchIndexRecord, reused: Bool) {
        let source = SearchSources.source(input)
        let basePath = input.site.config.basePath
        // Each file is read once, by the writer: spilled as it is made, none held (32 MB held at 100,000
        // articles; reading back a 10,000-article site's 250 files costs a `pread` each).
        func spill() -> TextSpill? { log == nil ? nil : TextSpill(folder: input.sources.root) }
        guard let previous, let record = previous.searchIndex else {
            // No index recorded (a first or clean build): the documents are made a batch at a time as the
            // index is built, and hashed as they come.
            var key = SearchIndex.InputKey(documents: source.count, basePath: basePath)
            let files = SearchFiles(source: source, basePath: basePath, spill: spill(), log: log) { key.add($0) }
            return (files, SearchIndexRecord(inputKey: key.value, version: files.version, paths: files.paths), false)
        }
        let documents = source.all()
        let key = SearchIndex.inputKey(documents, basePath: basePath)
        if record.inputKey == key {
            let keys = record.paths.map { previous.outputs[$0]?.key ?? 0 }
            return (SearchFiles(record: record, keys: keys) { SearchIndex.build(documents, basePath: basePath) }, record, true)
        }
        let files = SearchFiles(source: SearchDocumentSource(held: documents), basePath: basePath, spill: spill(), log: log)
        return (files, SearchIndexRecord(inputKey: key, version: files.version, paths: files.paths), false)
    }
}

/// What the output manifest keeps of the search index written: enough to plan its files without
/// building it again when its documents are the same.
struct SearchIndexRecord: Sendable, Equatable {
    /// `SearchIndex.inputKey` of the documents and base path it was built from.
    var inputKey: UInt64
    var version: String
    var paths: [String]
}

/// The search index's files from planning to writing: spilled (`TextSpill`) as soon as the index is built,
/// or else held until the writer takes them, instead of staying with the jobs until the build ends (8 MB
/// at 10,000 articles, 80 MB at 100,000: held, they were still in memory at the peak of the render stage).
final class SearchFiles: @unchecked Sendable {
    let version: String
    let paths: [String]
    /// `XXHash64` of each file's bytes (never 0): the cache's input key for the file; 0 where unknown.
    let keys: [UInt64]
    private let lock = NSLock()
    private var made: [[UInt8]?]
    private let spilled: [TextSpill.Location?]
    private let spill: TextSpill?
    private let log: DiagnosticLog?
    /// Builds the index: for a reused index, when the writer needs one of its files; for a file asked for
    /// again (tools, tests). nil for the index a build makes with its plan: the build asks for each file
    /// once, and keeping the documents for this would hold every body's terms through the write (10 MB
    /// at 10,000 articles).
    private var rebuild: (() -> SearchIndex.Output)?
    private var rebuilt: SearchIndex.Output?
    /// Files the build cache has kept or made (`decided`): once all have been, the documents a reused
    /// index kept to be built again are let go (4 MB at 10,000 articles, at the peak of an edit).
    private var decisions = 0

    /// `spill`: where the files go until the writer takes them, and the log that reports one lost there.
    convenience init(_ output: SearchIndex.Output, spill: (file: TextSpill?, log: DiagnosticLog)? = nil,
                     rebuild: (() -> SearchIndex.Output)? = nil) {
        let store = SearchFiles.storing(in: spill?.file)
        self.init(version: output.version, spill: spill?.file, log: spill?.log, rebuild: rebuild,
                  files: output.files.map { .init(path: $0.path, hash: XXHash64.hash($0.bytes), stored: store($0.bytes)) })
    }

    /// The index built from the documents of `source` (in the index's order; `each` sees them a batch at a
    /// time), each file spilled as soon as it is made (`spill`'s budget held in memory), so that the whole
    /// index is never in memory at once.
    convenience init(source: SearchDocumentSource, basePath: String, spill: TextSpill?, log: DiagnosticLog?,
                     each: ([SearchDocument]) -> Void = { _ in }) {
        let built = SearchIndex.build(source, basePath: basePath, store: SearchFiles.storing(in: spill), each: each)
        spill?.finishWriting()
        self.init(version: built.version, spill: spill, log: log, rebuild: nil, files: built.files)
    }

    /// A file's bytes spilled to `spill` (its location), or held when it keeps them (within its budget,
    /// or not writable) or there is none.
    private static func storing(in spill: TextSpill?) -> ([UInt8]) -> (TextSpill.Location?, [UInt8]?) {
        { bytes in spill?.keep(bytes).map { ($0, nil) } ?? (nil, bytes) }
    }

    private init(version: String, spill: TextSpill?, log: DiagnosticLog?, rebuild: (() -> SearchIndex.Output)?,
                 files: [SearchIndex.StoredFile<(TextSpill.Location?, [UInt8]?)>]) {
        self.version = version
        paths = files.map(\.path)
        keys = files.map { $0.hash | 1 }
        spilled = files.map(\.stored.0)
        made = files.map(\.stored.1)
        self.spill = spill
        self.log = log
        self.rebuild = rebuild
    }

    /// A reused index: nothing made until a file is asked for.
    init(record: SearchIndexRecord, keys: [UInt64], rebuild: @escaping () -> SearchIndex.Output) {
        version = record.version
        paths = record.paths
        self.keys = keys
        made = Array(repeating: nil, count: record.paths.count)
        spilled = Array(repeating: nil, count: record.paths.count)
        spill = nil
        log = nil
        self.rebuild = rebuild
    }

    /// The build cache has kept or made one of the files. After the last, nothing asks for a file again.
    func decided() {
        lock.lock(); defer { lock.unlock() }
        decisions += 1
        if decisions >= paths.count { rebuild = nil; rebuilt = nil }
    }

    /// Whether the index can still be built again (tests).
    var canRebuild: Bool { lock.lock(); defer { lock.unlock() }; return rebuild != nil }

    /// The file's bytes: those made with the plan (read back from the spill file, or released here), or
    /// those of the index built again. The same documents build the same files, so the rebuilt index has
    /// the recorded paths.
    func bytes(_ number: Int) -> [UInt8] {
        if let location = spilled[number] {
            if let bytes = spill?.bytes(at: location) { return bytes }
            log?.error(paths[number], nil, "không đọc lại được tệp tạm của chỉ mục tìm kiếm (đĩa lỗi hoặc đầy?) — hãy dựng lại trang")
            return []
        }
        lock.lock(); defer { lock.unlock() }
        if let taken = made[number] {
            made[number] = nil
            return taken
        }
        guard let rebuild else { preconditionFailure("search index file \(paths[number]) asked for twice") }
        if rebuilt == nil { rebuilt = rebuild() }   // once: it holds every file until this is released
        return rebuilt!.files.first { $0.path == paths[number] }?.bytes ?? []
    }
}
