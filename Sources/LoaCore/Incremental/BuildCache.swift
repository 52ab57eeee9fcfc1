import Foundation

/// The build cache in `<root>/.loa-cache/`. Every entry is keyed by a hash of what produced it, never by
/// time, so a hit can only return what a clean build would compute:
/// - `inputs.bin`: every input file's stamp and xxHash64 (stamps only spare re-hashing, see `FileStamp`);
/// - `documents.bin`: loaded documents keyed by their file's bytes, Markdown bodies keyed by the body and
///   everything the renderer read (base path, the answers it got for `tthc:` codes);
/// - `documents-journal.bin`: entries added since documents.bin was last written whole, so a small edit
///   writes a small file instead of the whole cache (compacted into documents.bin once it grows);
///   both are read on demand (`EntryFile`), never held whole;
/// - `output-<hash>.bin`: per output folder, the manifest of the last successful build: each output file's
///   key (its template context's fingerprint, or its source's hash), the hash of its bytes and its stamp.
/// An object lives for one build (`loa build`) or across builds (`loa watch`/`serve`, decoded values kept).
public final class BuildCache: @unchecked Sendable {
    public let folder: String
    let lock = NSLock()
    /// Said once to the user: a cache that was corrupt or foreign and ignored.
    public internal(set) var notices: [String] = []

    var previousScan: InputScan?
    public private(set) var scan: InputScan?
    /// The scan's table of files went to inputs.bin once loading had read it (`releaseInputTable`).
    private var inputTableReleased = false
    /// Encoded entries held in memory: only those a spill could not write (see `pending`).
    var packed: [UInt64: [UInt8]] = [:]
    /// documents.bin and the journal, opened on first use (the no-op fast path never reads them).
    private var files: (base: EntryFile?, journal: EntryFile?)?
    /// Decoded entries, kept for the next build of a long-lived cache (`watch`, `serve`); a one-shot build
    /// does not keep them (every document would stay in memory twice).
    var decoded: [UInt64: Any] = [:]
    public let keepsDecodedValues: Bool
    /// Entries this build added, spilled to an unlinked temporary file as they are made: at 10,000 articles
    /// they are ~130 MB (every body and its HTML), which a clean build would otherwise hold to the end.
    var pending: PendingEntries?
    /// Entries this build used, but for those it spilled (`pending`): a clean build of 100,000 articles
    /// stores 200,000, and a set of them was 4.3 MB held from loading to the end of the build. Saving
    /// counts the spilled ones in.
    var used: Set<UInt64> = []
    var added = false
    var manifests: [String: OutputManifest] = [:]
    /// Outputs of the build in progress: path → (key, content hash).
    var records = RecordedOutputs()
    /// The search index planned by the build in progress (`SearchPage.files`).
    var searchIndex: SearchIndexRecord?
    /// Where the files this build makes hold the articles' bodies (`BodyEmbed`), which files it made (only
    /// when there is an index of the previous build's to carry the others over from) and how many.
    let bodyEmbeds = BodyEmbedRecorder()
    var madePaths: Set<String> = []
    /// Files showing bodies that this build kept: with no record of the last build's, the new record is
    /// complete only when there are none.
    var keptShowingBodies = 0
    var previousEmbedsToken: UInt64 = 0
    public internal(set) var statistics = Statistics()

    public struct Statistics: Sendable {
        public var documentsParsed = 0, documentsCached = 0, markdownRendered = 0, markdownCached = 0
        public var pagesRendered = 0, pagesReused = 0, inputsHashed = 0
        /// The search index was planned from the last build's record, not built (`SearchPage.files`).
        public var searchIndexReused = false
        /// `--gzip`: copies compressed again, and kept because the file they compress is unchanged.
        public var copiesCompressed = 0, copiesKept = 0
        /// An edit of nothing but article bodies, written into the files holding them (`BodyOnlyEdit`).
        public var editedInPlace = false
    }

    static let documentsMagic = "LOA-DOCUMENTS-5"
    static let journalMagic = "LOA-DOCUMENTS-JOURNAL-5"
    static let inputsMagic = "LOA-INPUTS-1"

    public init(root: String, keepsDecodedValues: Bool = true) {
        self.keepsDecodedValues = keepsDecodedValues
        folder = (root.hasSuffix("/") ? String(root.dropLast()) : root) + "/.loa-cache"
        do { previousScan = try savedScan() } catch { ignore("inputs.bin", error) }
    }

    /// inputs.bin as saved (`saveInputs`); nil when there is none.
    private func savedScan() throws -> InputScan? {
        guard let bytes = CacheFiles.read("\(folder)/inputs.bin") else { return nil }
        var r = try CacheReader.open(bytes, magic: BuildCache.inputsMagic)
        return try InputScan.decode(&r)
    }

    /// The entry files, opened once per build (call holding `lock`).
    private func entryFiles() -> (base: EntryFile?, journal: EntryFile?) {
        if let files { return files }
        func open(_ name: String, _ magic: String) -> EntryFile? {
            do { return try EntryFile("\(folder)/\(name)", magic: magic) } catch {
                notices.append(BuildCache.notice(name, error))
                return nil
            }
        }
        let opened = (base: open("documents.bin", BuildCache.documentsMagic),
                      journal: open("documents-journal.bin", BuildCache.journalMagic))
        files = opened
        return opened
    }

    func ignore(_ file: String, _ error: Error) {
        lock.lock(); notices.append(BuildCache.notice(file, error)); lock.unlock()
    }

    static func notice(_ file: String, _ error: Error) -> String {
        "bộ nhớ đệm .loa-cache/\(file) không dùng được (\(error)) — bỏ qua, dựng lại phần đó từ đầu"
    }

    // MARK: - Inputs

    /// Hashes the inputs (re-hashing only files whose stamp moved) and starts a build.
    @discardableResult
    public func scanInputs(root: String, trustStamps: Bool = true) -> InputScan {
        // The last build's scan (a cache kept across builds) or the one saved: what changed since it
        // (`BodyOnlyEdit`).
        previousScan = scan ?? previousScan
        let result = InputScan.scan(root: root, previous: previousScan, trustStamps: trustStamps)
        scan = result
        inputTableReleased = false
        used = []
        records = RecordedOutputs()
        searchIndex = nil
        statistics = Statistics()
        statistics.inputsHashed = result.hashed
        return result
    }

    /// For a build whose process ends with it: once the documents are loaded (the only step that looks
    /// them up in the scan's table), the table is saved to inputs.bin and the entries `isLoaded` names are
    /// let go, with the last build's table. Files copied as they are (media, the theme's assets) stay: their
    /// copies are keyed by their hashes. The end of the build reads the table back to check that no input
    /// moved meanwhile (`inputsChanged`). At 100,000 articles the table was 8.7 MB held through resolving,
    /// planning and rendering.
    public func releaseInputTable(loaded isLoaded: (String) -> Bool) {
        guard let kept = scan?.files.filter({ !isLoaded($0.path) }), !inputTableReleased else { return }
        saveInputs()
        scan?.files = InputFiles(sorted: kept)
        previousScan = nil
        inputTableReleased = true
    }

    /// Whether some input moved since the scan (an edit landed during the build). When the table was
    /// released and cannot be read back, the answer is yes: the next build then builds every page again.
    func inputsChanged(root: String) -> Bool {
        guard inputTableReleased else { return scan?.changedSince(root: root) ?? false }
        guard let saved = try? savedScan(), saved.digest == scan?.digest else { return true }
        return saved.changedSince(root: root)
    }

    func recordSearchIndex(_ record: SearchIndexRecord, reused: Bool) {
        lock.lock(); searchIndex = record; statistics.searchIndexReused = reused; lock.unlock()
    }

    // MARK: - Documents and Markdown

    func entry<T>(_ key: UInt64, decode: (inout CacheReader) throws -> T) -> T? {
        lock.lock()
        if let value = decoded[key] as? T { used.insert(key); lock.unlock(); return value }
        let source = location(of: key)
        lock.unlock()
        // An entry in documents.bin or the journal is read outside the lock (`pread` on a file whose index
        // no longer changes): one core's read no longer waits for the other's (a fifth of resolve's time).
        guard let raw = BuildCache.read(key, from: source) else { return nil }
        var reader = CacheReader(raw)
        guard let value = try? decode(&reader), reader.atEnd else { return nil }
        lock.lock(); if keepsDecodedValues { decoded[key] = value }; used.insert(key); lock.unlock()
        return value
    }

    /// The entries' spill lets its write buffer go (after the resolve stage: entries are stored while
    /// documents load and bodies render).
    func finishStoring() {
        lock.lock(); pending?.finishWriting(); lock.unlock()
    }

    func store<T>(_ key: UInt64, _ value: T, encode: (T, inout CacheWriter) -> Void) {
        // One entry per document and per body: kept at its exact size (a growing buffer has up to twice it).
        var w = CacheWriter(capacity: 1024)
        encode(value, &w)
        lock.lock()
        if pending == nil {
            pending = PendingEntries(folder: folder, headerLength: CacheWriter.header(magic: BuildCache.documentsMagic, length: 0, hash: 0).count)
        }
        if let pending, pending.append(key, w.bytes) {
            packed[key] = nil
        } else {
            packed[key] = w.bytes.count + 4096 < w.bytes.capacity ? Array(w.bytes) : w.bytes
            used.insert(key)
        }
        if keepsDecodedValues { decoded[key] = value }
        added = true
        lock.unlock()
    }

    private enum EntrySource { case bytes([UInt8]), file(EntryFile) }

    /// An entry's encoded bytes, newest first (call holding `lock`).
    private func bytes(for key: UInt64) -> [UInt8]? { BuildCache.read(key, from: location(of: key)) }

    private static func read(_ key: UInt64, from source: EntrySource?) -> [UInt8]? {
        switch source {
        case .bytes(let bytes): return bytes
        case .file(let file): return file.read(key)
        case nil: return nil
        }
    }

    /// Where an entry is, newest first: its bytes when made by this build, else the file holding it (call
    /// holding `lock`).
    private func location(of key: UInt64) -> EntrySource? {
        if let pending, let spilled = pending.read(key) { return .bytes(spilled) }
        if let held = packed[key] { return .bytes(held) }
        let files = entryFiles()
        if let journal = files.journal, journal.index[key] != nil { return .file(journal) }
        if let base = files.base, base.index[key] != nil { return .file(base) }
        return nil
    }

    private func length(of key: UInt64) -> Int {
        let files = entryFiles()
        return pending?.length(of: key) ?? packed[key]?.count ?? files.journal?.index[key]?.length
            ?? files.base?.index[key]?.length ?? 0
    }

    typealias DocumentEntry = (document: ContentDocument?, diagnostics: [Diagnostic])

    static func documentKey(file: String, kind: ContentDocument.Kind, maxBytes: Int, hash: UInt64) -> UInt64 {
        var h = XXHash64(seed: 0xD0C)
        h.field(file); h.field(kind.rawValue); h.update(UInt64(maxBytes)); h.update(hash)
        return h.finish()
    }

    /// A document loaded from its file, or from the cache when the file's bytes are the ones seen before.
    /// Diagnostics of the first load are replayed, so warnings do not vanish on a cached build.
    func document(_ file: String, kind: ContentDocument.Kind, sources: SourceFiles, log: DiagnosticLog,
                  parse: (String, DiagnosticLog) -> ContentDocument?) -> ContentDocument? {
        if let hash = scan?.files[file]?.hash,
           let hit = entry(BuildCache.documentKey(file: file, kind: kind, maxBytes: sources.maxTextBytes, hash: hash),
                           decode: BuildCache.decodeDocumentEntry) {
            log.merge(hit.diagnostics)
            count { $0.documentsCached += 1 }
            return hit.document
        }
        guard let raw = sources.bytes(file) else {
            log.error(file, nil, "không đọc được tệp")
            return nil
        }
        let local = DiagnosticLog()
        let document = SourceFiles.decode(raw, file: file, maxBytes: sources.maxTextBytes, log: local).flatMap { parse($0, local) }
        let diagnostics = local.all
        log.merge(diagnostics)
        // Keyed by the bytes actually read, so an edit racing the scan cannot file a parse under stale bytes.
        store(BuildCache.documentKey(file: file, kind: kind, maxBytes: sources.maxTextBytes, hash: XXHash64.hash(raw)),
              (document: document, diagnostics: diagnostics) as DocumentEntry, encode: BuildCache.encodeDocumentEntry)
        count { $0.documentsParsed += 1 }
        return document
    }

    static func encodeDocumentEntry(_ entry: DocumentEntry, _ w: inout CacheWriter) {
        w.optional(entry.document) { DocumentCodec.encode($1, &$0) }
        w.array(entry.diagnostics) { DocumentCodec.encode($1, &$0) }
    }

    static func decodeDocumentEntry(_ r: inout CacheReader) throws -> DocumentEntry {
        (document: try r.optional { try DocumentCodec.decodeDocument(&$0) },
         diagnostics: try r.array { try DocumentCodec.decodeDiagnostic(&$0) })
    }

    typealias MarkdownEntry = (markdown: RenderedMarkdown, diagnostics: [Diagnostic], queries: [(String, String?)])

    /// A rendered body from the cache when the body, file, first line and base path are the same and every
    /// `tthc:` code the renderer asked about still gets the same answer; otherwise rendered and recorded.
    /// `withHTML`: whether the entry keeps the HTML (a body without it is another entry); `render` may make
    /// it either way (the resolve stage spills it, `TextSpill`), and a hit without it returns none.
    /// `render` returns nil when it cannot read the body (its error is the build's): nothing is recorded then.
    func markdown(bodyHash: UInt64, file: String, firstLine: Int, links: MarkdownLinkContext, withHTML: Bool = true,
                  log: DiagnosticLog, render: (MarkdownLinkContext, DiagnosticLog) -> RenderedMarkdown?) -> RenderedMarkdown? {
        let key = BuildCache.markdownKey(bodyHash: bodyHash, file: file, firstLine: firstLine, basePath: links.basePath, withHTML: withHTML)
        if let hit = entry(key, decode: BuildCache.decodeMarkdownEntry),
           hit.queries.allSatisfy({ links.procedurePath($0.0) == $0.1 }) {
            log.merge(hit.diagnostics)
            count { $0.markdownCached += 1 }
            return hit.markdown
        }
        let recorder = QueryRecorder()
        var recording = links
        let ask = links.procedurePath
        recording.procedurePath = { code in
            let answer = ask(code)
            recorder.add(code, answer)
            return answer
        }
        let local = DiagnosticLog()
        let rendered = render(recording, local)
        let diagnostics = local.all
        log.merge(diagnostics)
        guard let markdown = rendered else { return nil }
        var kept = markdown
        if !withHTML { kept.html = "" }
        store(key, (markdown: kept, diagnostics: diagnostics, queries: recorder.queries) as MarkdownEntry,
              encode: BuildCache.encodeMarkdownEntry)
        count { $0.markdownRendered += 1 }
        return markdown
    }

    static func markdownKey(bodyHash: UInt64, file: String, firstLine: Int, basePath: String, withHTML: Bool) -> UInt64 {
        var h = XXHash64(seed: 0x3D)
        h.update(bodyHash); h.field(file); h.update(UInt64(firstLine)); h.field(basePath); h.update(withHTML ? 1 : 0)
        return h.finish()
    }

    static func encodeMarkdownEntry(_ entry: MarkdownEntry, _ w: inout CacheWriter) {
        DocumentCodec.encode(entry.markdown, &w)
        w.array(entry.diagnostics) { DocumentCodec.encode($1, &$0) }
        w.array(entry.queries) { w, q in w.string(q.0); w.optional(q.1) { $0.string($1) } }
    }

    static func decodeMarkdownEntry(_ r: inout CacheReader) throws -> MarkdownEntry {
        (markdown: try DocumentCodec.decodeMarkdown(&r),
         diagnostics: try r.array { try DocumentCodec.decodeDiagnostic(&$0) },
         queries: try r.array { r in (try r.string(), try r.optional { try $0.string() }) })
    }

    func count(_ change: (inout Statistics) -> Void) {
        lock.lock(); change(&statistics); lock.unlock()
    }

    // MARK: - Saving

    /// Writes inputs.bin and the entries this build used: new ones to the journal while it stays small
    /// next to documents.bin, otherwise everything to a new documents.bin (entries no build used since are
    /// dropped then, so the cache does not grow without bound).
    /// `keepingAll`: every entry is kept, not only those this build used (an edit written in place, which
    /// used a few).
    public func saveInputsAndDocuments(keepingAll: Bool = false) {
        guard scan != nil else { return }
        if !inputTableReleased { saveInputs() }
        lock.lock(); defer { lock.unlock() }
        // Afterwards the files are opened again (and the spill dropped): they now hold this build's entries.
        defer { files = nil; pending = nil }
        let current = entryFiles()
        let baseKeys = Set(current.base.map { Array($0.index.keys) } ?? [])
        var all = baseKeys.union(current.journal.map { Array($0.index.keys) } ?? []).union(packed.keys)
        if let pending {
            // This build's spilled entries, counted in now. A first or clean build used nothing else: one
            // set serves as both (each was 4.3 MB at 100,000 articles, the peak of saving the cache).
            let spilled = pending.keys
            if all.isEmpty && used.isEmpty {
                all = Set(spilled)
                used = all
            } else {
                all.formUnion(spilled)
                used.formUnion(spilled)
            }
        }
        if keepingAll { used = all }
        guard added || used.count != all.count else { return }
        let journal = used.filter { !baseKeys.contains($0) }.sorted()
        let journalBytes = journal.reduce(0) { $0 + length(of: $1) }
        let unusedBase = baseKeys.count - baseKeys.lazy.filter { self.used.contains($0) }.count
        if !baseKeys.isEmpty && journalBytes * 4 < (current.base?.size ?? 0) && unusedBase * 3 < baseKeys.count {
            if added { writeEntries(journal, magic: BuildCache.journalMagic, to: "documents-journal.bin") }
        } else {
            // A build that made every entry it used (a first or clean build): its spill file is documents.bin.
            let kept = packed.isEmpty && pending.map { spill in
                spill.keys.count == used.count && spill.keys.allSatisfy(used.contains)
                    && spill.keep(as: "\(folder)/documents.bin") { CacheWriter.header(magic: BuildCache.documentsMagic, length: $0, hash: $1) }
            } ?? false
            if !kept { writeEntries(used.sorted(), magic: BuildCache.documentsMagic, to: "documents.bin") }
            unlink("\(folder)/documents-journal.bin")
            for key in packed.keys where !used.contains(key) { packed[key] = nil }
            for key in decoded.keys where !used.contains(key) { decoded[key] = nil }
        }
        added = false
    }

    /// Writes inputs.bin: the scan's stamps and hashes, so the next build re-hashes only what moved since.
    func saveInputs() {
        guard let scan else { return }
        try? CacheFiles.writeStreaming(magic: BuildCache.inputsMagic, to: "\(folder)/inputs.bin") { scan.encode(&$0) }
    }

    /// Streams the entries to the file (the same bytes as `CacheWriter.file` of the whole payload) without
    /// building the payload in memory: at 10,000 articles it is over 100 MB, and was held twice.
    @discardableResult
    private func writeEntries(_ keys: [UInt64], magic: String, to name: String) -> Int {
        // Spilled bytes that cannot be read back leave the file as it was (its entries are keyed by content,
        // so it is never wrong, only less complete).
        var hash = XXHash64()
        var length = 0
        for key in keys {
            guard let raw = bytes(for: key) else { return 0 }
            hash.update(EntryFile.prefix(key, raw.count))
            raw.withUnsafeBytes { hash.update($0) }
            length += 16 + raw.count
        }
        let header = CacheWriter.header(magic: magic, length: length, hash: hash.finish())
        let path = "\(folder)/\(name)"
        let temporary = "\(path).tmp-\(getpid())"
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        guard let file = ChunkedFile(temporary) else { return 0 }
        file.write(header[...])
        var complete = true
        for key in keys {
            guard let raw = bytes(for: key) else { complete = false; break }
            file.write(EntryFile.prefix(key, raw.count)[...]); file.write(raw[...])
        }
        guard file.close(), complete, rename(temporary, path) == 0 else { unlink(temporary); return 0 }
        return header.count + length
    }
}

/// The `tthc:` codes one body asked about, with the answers, in order.
final class QueryRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var queries: [(String, String?)] = []
    func add(_ code: String, _ answer: String?) { lock.lock(); queries.append((code, answer)); lock.unlock() }
}
