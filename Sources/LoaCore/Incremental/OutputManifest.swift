import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What the last successful build wrote into one output folder, and under which conditions.
public struct OutputManifest: Sendable {
    public struct Record: Sendable {
        /// Fingerprint of what produced the file (template context, or source bytes); 0 = not reusable.
        public var key: UInt64
        /// xxHash64 of the file's bytes; 0 = unknown.
        public var contentHash: UInt64
        /// The file's stamp just after the build; nil until written.
        public var stamp: FileStamp?
        /// The page's input key (`RenderJob.Templated.inputKey`); 0 = none.
        public var inputKey: UInt64 = 0
    }

    /// Every build option that changes the output (drafts, gzip, size limit, base URL override, output
    /// path): a build with other options is another build. A new option must be added to `optionsKey`.
    public var optionsKey: UInt64
    public var inputDigest: UInt64
    public var now: Double
    /// Moments (seconds) at which the output changes by itself (publish_at, the day after expires…).
    public var boundaries: [Double]
    public var warnings: [Diagnostic]
    public var pages: Int
    public var outputs: OutputRecords
    /// When the stamps were taken (realtime ns, read before the first stat), for the racy window.
    public var stampNs: Int64
    /// The output folder's tree and its spare's, with their folders' stamps: only folders changed since
    /// are read by the next build (`KnownTree`).
    var trees = OutputTrees()
    /// The search index written (`SearchPage.files`): the next build with the same documents reuses it.
    var searchIndex: SearchIndexRecord?
    /// The token of the index of the bodies these files hold (`BodyEmbedIndex`); 0 when there is none.
    var embedsToken: UInt64 = 0

    /// Output files are written by Loa on the build machine: a change after the stamps were taken gets
    /// another ctime unless it falls in the same clock tick, which is at most 10 ms where timestamps have
    /// nanoseconds; 100 ms covers it. Where every ctime is whole seconds (a coarse file system), 1 s.
    var racyWindowNs: Int64 = FileStamp.racyWindowNs

    static func racyWindow(_ outputs: OutputRecords) -> Int64 {
        FileStamp.racyWindowNs(ctimes: outputs.records.lazy.map { $0.stamp?.ctimeNs ?? 0 })
    }

    static let magic = "LOA-OUTPUT-6"

    /// The payload of the file (`write(to:)` adds the header).
    func encode(_ w: inout CacheWriter) {
        w.u64(optionsKey); w.u64(inputDigest); w.double(now)
        w.array(boundaries) { $0.double($1) }
        w.array(warnings) { DocumentCodec.encode($1, &$0) }
        w.int(pages)
        // In byte order of the paths, as they are held: read back without sorting.
        w.int(outputs.count)
        for (path, record) in outputs {
            w.string(path); w.u64(record.key); w.u64(record.contentHash)
            w.optional(record.stamp) { $1.encode(&$0) }
            w.u64(record.inputKey)
            w.flushIfFull()
        }
        w.u64(UInt64(bitPattern: stampNs))
        // A tree's files are nearly always the outputs recorded: then they are not written again.
        for tree in [trees.output, trees.spare] {
            w.optional(tree) { w, tree in
                let same = outputs.holdsExactly(tree.files)
                w.u64(same ? 1 : 0)
                tree.encode(&w, files: !same)
            }
        }
        w.optional(searchIndex) { w, record in
            w.u64(record.inputKey); w.string(record.version)
            w.array(record.paths) { $0.string($1) }
        }
        w.u64(embedsToken)
    }

    /// Written as it is encoded (`CacheFiles.writeStreaming`).
    func write(to path: String) throws {
        try CacheFiles.writeStreaming(magic: OutputManifest.magic, to: path) { encode(&$0) }
    }

    static func decode(_ bytes: [UInt8]) throws -> OutputManifest {
        var r = try CacheReader.open(bytes, magic: magic)
        let options = try r.u64(), digest = try r.u64(), now = try r.double()
        let boundaries = try r.array { try $0.double() }
        let warnings = try r.array { try DocumentCodec.decodeDiagnostic(&$0) }
        let pages = try r.int()
        var paths: [String] = [], records: [Record] = []
        let count = try r.count()
        paths.reserveCapacity(count); records.reserveCapacity(count)
        for _ in 0..<count {
            paths.append(try r.string())
            records.append(Record(key: try r.u64(), contentHash: try r.u64(), stamp: try r.optional { try FileStamp.decode(&$0) },
                                  inputKey: try r.u64()))
        }
        // Written in byte order, each path once (`encode`).
        guard zip(paths, paths.dropFirst()).allSatisfy({ $0.byteOrder(to: $1) < 0 }) else {
            throw CacheCorruption(description: "tệp bộ nhớ đệm bị hỏng")
        }
        let outputs = OutputRecords(sorted: paths, records: records)
        records = []
        var manifest = OutputManifest(optionsKey: options, inputDigest: digest, now: now, boundaries: boundaries, warnings: warnings,
                                      pages: pages, outputs: outputs, stampNs: Int64(bitPattern: try r.u64()))
        paths = outputs.paths
        func tree(_ r: inout CacheReader) throws -> KnownTree? {
            try r.optional { r in
                let same = try r.u64() == 1
                return try KnownTree.decode(&r, files: same ? paths : nil)
            }
        }
        manifest.trees = OutputTrees(output: try tree(&r), spare: try tree(&r))
        manifest.searchIndex = try r.optional { r in
            SearchIndexRecord(inputKey: try r.u64(), version: try r.string(), paths: try r.array { try $0.string() })
        }
        manifest.embedsToken = try r.u64()
        manifest.racyWindowNs = racyWindow(outputs)
        return manifest
    }

    /// The record of `path` (relative; `old` is the output folder) when it was made with `key` (never 0)
    /// and the file still holds it (`isCurrent`): the file can be kept.
    func reusable(_ path: String, key: UInt64, in old: String) -> Record? {
        guard key != 0, let record = outputs[path], record.key == key, isCurrent(record, at: old + "/" + path) else { return nil }
        return record
    }

    /// Built with these options, on the same day in Vietnam, and no scheduled moment crossed since: with the
    /// same inputs, a build now would make the same files.
    func holds(_ options: BuildOptions) -> Bool {
        guard optionsKey == BuildCache.optionsKey(options) else { return false }
        let then = self.now, now = options.now.instant.timeIntervalSince1970
        return CalendarDay(instant: Date(timeIntervalSince1970: then)) == options.now.day
            && !boundaries.contains(where: { $0 > min(then, now) && $0 <= max(then, now) })
    }

    /// The output folder holds exactly the files recorded, each with the bytes recorded.
    func isInPlace(_ output: String) -> Bool {
        let root = BuildCache.absolute(output)
        guard let tree = OutputTree.list(root, known: trees.output), outputs.holdsExactly(tree.files),
              tree.folders == FolderWalk.folders(of: tree.files) else { return false }
        return ParallelMap.map(tree.files) { isCurrent(outputs[$0]!, at: root + "/" + $0) }.allSatisfy { $0 }
    }

    /// True when the file at `path` still holds the bytes recorded: same stamp and outside the racy window,
    /// or same stamp and the same hash when read again.
    func isCurrent(_ record: Record, at path: String) -> Bool {
        guard let old = record.stamp, let stamp = FileStamp(path: path, followLinks: false) else { return false }
        if stamp == old, old.ctimeNs < stampNs - racyWindowNs { return true }
        return stamp == old && record.contentHash != 0 && InputScan.hashFile(path) == record.contentHash
    }
}

extension BuildCache {
    static func absolute(_ output: String) -> String { URL(fileURLWithPath: output).standardizedFileURL.path }

    func manifestPath(_ output: String) -> String {
        "\(folder)/output-\(XXHash64.hash(BuildCache.absolute(output)).hex16).bin"
    }

    func manifest(for output: String) -> OutputManifest? {
        lock.lock()
        if let known = manifests[output] { lock.unlock(); return known }
        lock.unlock()
        guard let bytes = CacheFiles.read(manifestPath(output)) else { return nil }
        do {
            let manifest = try OutputManifest.decode(bytes)
            lock.lock(); manifests[output] = manifest; lock.unlock()
            return manifest
        } catch {
            ignore((manifestPath(output) as NSString).lastPathComponent, error)
            return nil
        }
    }

    static func optionsKey(_ options: BuildOptions) -> UInt64 {
        var h = XXHash64(seed: 0x0F)
        h.update(options.includeDrafts ? 1 : 0)
        h.update(options.gzip ? 1 : 0)
        h.update(UInt64(options.maxFileBytes))
        h.field(options.baseURLOverride ?? "\u{0}")
        h.field(absolute(options.output))
        return h.finish()
    }

    /// The no-op fast path: the same inputs (by content hash), the same options, no scheduled moment
    /// crossed and the same day in Vietnam, and an output folder holding exactly the files recorded.
    public func upToDate(_ options: BuildOptions) -> OutputManifest? {
        guard let scan, let manifest = manifest(for: options.output), manifest.inputDigest == scan.digest,
              manifest.holds(options), manifest.isInPlace(options.output) else { return nil }
        return manifest
    }

    /// The render stage with reuse: a page whose key equals the one recorded for the file still in the
    /// output folder is hard-linked from there instead of rendered (`OutputWriter` links `.copy` of the old
    /// file onto itself without reading it).
    func render(_ jobs: [RenderJob], root: String, output: String) -> [OutputFile] {
        ParallelMap.map(reusing(jobs, root: root, output: output)) { OutputFile(path: $0.path, contents: $0.contents()) }
    }

    /// The same reuse as jobs, for the writer to run while it writes (nothing is rendered here): each job
    /// records its manifest entry when it runs (`RenderJob.contents`), so the records are complete once the
    /// write has finished. The jobs share one `PageReuse`: a closure wrapping each job held a copy of it
    /// (49 MB at 100,000 articles, 6 MB at 10,000).
    /// `jobs` is consumed: the caller's last copy is changed in place, not copied job by job.
    func reusing(_ jobs: consuming [RenderJob], root: String, output: String) -> [RenderJob] {
        let previous = manifest(for: output)
        // A cache kept across builds (watch, serve) starts each build's record of bodies afresh.
        let token = previous?.embedsToken ?? 0
        let recorded = BodyEmbedIndex.isIntact(embedsPath(output), token: token)
        lock.lock()
        previousEmbedsToken = recorded ? token : 0
        madePaths = []
        keptShowingBodies = 0
        // One record per job, beside the jobs' paths: a table grown as the pages were written held its old
        // and new copies at the render stage's peak (23 MB at 100,000 articles).
        records.expect(jobs.map(\.path))
        lock.unlock()
        _ = bodyEmbeds.take()
        let reuse = PageReuse(cache: self, previous: previous, old: BuildCache.absolute(output),
                              prefix: root.hasSuffix("/") ? root : root + "/")
        for index in jobs.indices { jobs[index].reuse = reuse }
        return jobs
    }

    /// What `reuse` decided for a job, recorded for the manifest.
    fileprivate func record(_ job: RenderJob, _ record: OutputManifest.Record, reused: Bool) {
        lock.lock()
        records[job.path] = record
        if reused { statistics.pagesReused += 1 } else { statistics.pagesRendered += 1 }
        if !reused, previousEmbedsToken != 0 { madePaths.insert(job.path) }
        if reused, job.showsBodies { keptShowingBodies += 1 }
        lock.unlock()
        job.decided?()
    }

    /// A compressed copy (`CompressedCopies`), whose key (the hash of the file it compresses) is known only
    /// once that file is made: kept when the key and the old copy are as recorded, made otherwise; recorded
    /// either way, like the jobs of `reusing`.
    /// `previous`: the output's manifest, taken before the write began (`invalidate` drops it).
    func reusingCopy(_ path: String, previous manifest: OutputManifest?, output: String, key: UInt64,
                     make: () -> OutputFile.Contents) -> OutputFile.Contents {
        let old = BuildCache.absolute(output)
        let contents: OutputFile.Contents, record: OutputManifest.Record, reused: Bool
        if let previous = manifest?.reusable(path, key: key, in: old) {
            (contents, record, reused) = (.kept(old + "/" + path, previous.stamp!), previous, true)
        } else {
            contents = make()
            (record, reused) = (.init(key: key, contentHash: BuildCache.hash(contents), stamp: nil), false)
        }
        lock.lock()
        records[path] = record
        if reused { statistics.copiesKept += 1 } else { statistics.copiesCompressed += 1 }
        lock.unlock()
        return contents
    }

    /// The content hash this build recorded for an output file made so far (nil before it is made).
    func recordedContentHash(_ path: String) -> UInt64? {
        lock.lock(); defer { lock.unlock() }
        return records[path]?.contentHash
    }

    fileprivate func reuse(_ job: RenderJob, previous: OutputManifest?, old: String,
                           prefix: String) -> (OutputFile.Contents, OutputManifest.Record, Bool) {
        // With no record of where the last build's files hold the bodies, those files are made again once
        // (an unchanged one still keeps its old file and mtime), so that this build's record is complete.
        let previous = job.showsBodies && previousEmbedsToken == 0 ? nil : previous
        func reusable(_ key: UInt64) -> OutputManifest.Record? { previous?.reusable(job.path, key: key, in: old) }
        // `isCurrent` has just read the file's stamp: the writer links it without asking again.
        func oldFile(_ record: OutputManifest.Record) -> OutputFile.Contents { .kept(old + "/" + job.path, record.stamp!) }
        if let page = job.templated {
            // A page with an input key is kept when the key is unchanged and is rendered otherwise: its
            // context is never fingerprinted (that cost about a third of rendering the page), and a page
            // rendered to the same bytes still keeps its old file and mtime (`OutputWriter.place`).
            if let inputKeyOf = page.inputKey {
                let inputKey = inputKeyOf()
                if inputKey != 0, let manifest = previous, let record = manifest.outputs[job.path],
                   record.inputKey == inputKey, manifest.isCurrent(record, at: old + "/" + job.path) {
                    if BuildCache.keyAudit.isOn {
                        var same = false
                        if case .bytes(let bytes) = page.render(page.context()) {
                            same = OutputWriter.readBytes(old + "/" + job.path) == bytes
                        }
                        BuildCache.keyAudit.record(job.path, matches: same)
                    }
                    return (oldFile(record), record, true)
                }
                let contents = page.render(page.context())
                return (contents, .init(key: 0, contentHash: BuildCache.hash(contents), stamp: nil, inputKey: inputKey), false)
            }
            let context = page.context()
            let key = ContextFingerprint.hash(context, template: page.template, templates: page.templates) ?? 0
            if let record = reusable(key) { return (oldFile(record), record, true) }
            let contents = page.render(context)
            return (contents, .init(key: key, contentHash: BuildCache.hash(contents), stamp: nil), false)
        }
        if let inputKey = job.inputKey {
            let key = inputKey()
            if let record = reusable(key) {
                if BuildCache.keyAudit.isOn, case .bytes(let bytes) = job.make() {
                    BuildCache.keyAudit.record(job.path, matches: OutputWriter.readBytes(old + "/" + job.path) == bytes)
                }
                return (oldFile(record), record, true)
            }
            let contents = job.make()
            return (contents, .init(key: key, contentHash: BuildCache.hash(contents), stamp: nil), false)
        }
        let contents = job.make()
        if case .copy(let source) = contents, source.hasPrefix(prefix), let input = scan?.files[String(source.dropFirst(prefix.count))] {
            var h = XXHash64(seed: 0xC0); h.update(input.hash)
            let key = h.finish()
            if let record = reusable(key) { return (oldFile(record), record, true) }
            return (contents, .init(key: key, contentHash: input.hash, stamp: nil), false)
        }
        return (contents, .init(key: 0, contentHash: BuildCache.hash(contents), stamp: nil), false)
    }

    /// Tests turn it on: every page kept by its input key is rendered too, and a page whose bytes differ
    /// from the file kept (an input the key misses) is reported.
    public static let keyAudit = KeyAudit()

    public final class KeyAudit: @unchecked Sendable {
        private let lock = NSLock()
        private var on = false
        private var paths: [String] = []
        private var checked = 0
        public var isOn: Bool { lock.lock(); defer { lock.unlock() }; return on }
        public func start() { lock.lock(); on = true; paths = []; checked = 0; lock.unlock() }
        /// Pages checked and pages reported since `start`; turns the audit off.
        public func stop() -> (checked: Int, mismatches: [String]) {
            lock.lock(); defer { lock.unlock() }
            on = false
            return (checked, paths)
        }
        func record(_ path: String, matches: Bool) {
            lock.lock(); checked += 1
            if !matches { paths.append(path) }
            lock.unlock()
        }
    }

    static func hash(_ contents: OutputFile.Contents) -> UInt64 {
        if case .bytes(let bytes) = contents { return XXHash64.hash(bytes) }
        return 0
    }

    /// Called before the output folder is swapped: a build killed after the swap leaves no manifest
    /// describing a folder that no longer exists.
    public func invalidate(output: String) {
        lock.lock(); manifests[output] = nil; lock.unlock()
        unlink(manifestPath(output))
    }

    /// Records the successful build: stamps of every output file as now on disk, inputs and documents.
    /// When an input changed while the build ran, the output manifest is not written (the next build
    /// then renders every page again), since the output may mix the states before and after the edit.
    /// `documentsSaved`: `saveInputsAndDocuments` already ran (beside the spare folder's preparation).
    /// `untouched`: output files the writer left as the cache found them (`OutputWriter.write`): their
    /// recorded stamps still hold and are not read again.
    /// `trees`: the output's and spare's, as the writer (or `prepareSpare`) left them.
    func commit(_ options: BuildOptions, root: String, boundaries: [Double], warnings: [Diagnostic], pages: Int,
                documentsSaved: Bool = false, untouched: Set<String> = [], trees: OutputTrees = OutputTrees()) {
        guard let scan else { return }
        if inputsChanged(root: root) {
            lock.lock(); notices.append("nội dung thay đổi trong lúc dựng — lần dựng sau sẽ dựng lại toàn bộ các trang"); lock.unlock()
            if !documentsSaved { saveInputsAndDocuments() }
            return
        }
        let base = BuildCache.absolute(options.output)
        let stampNs = realtimeNs()
        // The records become the manifest's: handed over, not copied.
        var taken = RecordedOutputs()
        swap(&taken, &records)
        let outputs = taken.table { path, record in
            if untouched.contains(path), let stamp = record.stamp { return stamp }
            return FileStamp(path: base + "/" + path, followLinks: false)
        }
        var manifest = OutputManifest(optionsKey: BuildCache.optionsKey(options), inputDigest: scan.digest,
                                      now: options.now.instant.timeIntervalSince1970, boundaries: boundaries,
                                      warnings: warnings, pages: pages, outputs: outputs, stampNs: stampNs)
        manifest.racyWindowNs = OutputManifest.racyWindow(outputs)
        manifest.trees = trees
        manifest.searchIndex = searchIndex
        manifest.embedsToken = saveBodyEmbeds(options, outputs: outputs)
        try? manifest.write(to: manifestPath(options.output))
        lock.lock(); manifests[options.output] = manifest; lock.unlock()
        if !documentsSaved { saveInputsAndDocuments() }
    }
}

extension BuildCache {
    /// The manifest of an output changed in place (`BodyOnlyEdit`), saved.
    func replace(_ manifest: OutputManifest, for output: String) {
        try? manifest.write(to: manifestPath(output))
        lock.lock(); manifests[output] = manifest; lock.unlock()
    }

    func embedsPath(_ output: String) -> String {
        "\(folder)/embeds-\(XXHash64.hash(BuildCache.absolute(output)).hex16).bin"
    }

    /// Writes the index of the bodies the output's files hold (`BodyEmbedIndex`); its token, or 0 when
    /// there is none. A `--gzip` build writes it too, though its compressed copies also hold bodies and are
    /// not in it: such builds never edit in place, and the next build without `--gzip` removes the copies
    /// and keeps the pages, whose bodies the index tells.
    fileprivate func saveBodyEmbeds(_ options: BuildOptions, outputs: OutputRecords) -> UInt64 {
        let path = embedsPath(options.output)
        let previous = previousEmbedsToken == 0 ? nil : BodyEmbedIndex.read(path, token: previousEmbedsToken)
        // Only files of this build: a file recorded but then not written (a failed build) is not.
        if let index = BodyEmbedIndex.merging(previous: previous, made: bodyEmbeds.take { outputs[$0] != nil }, madePaths: madePaths,
                                              keptShowingBodies: keptShowingBodies, outputs: outputs,
                                              token: UInt64.random(in: 1...UInt64.max)),
           (try? index.write(to: path)) != nil {
            return index.token
        }
        unlink(path)
        return 0
    }
}

/// The build cache's reuse of one build's jobs (`BuildCache.reusing`), shared by all of them.
final class PageReuse: @unchecked Sendable {
    let cache: BuildCache
    let previous: OutputManifest?
    let old: String
    let prefix: String

    init(cache: BuildCache, previous: OutputManifest?, old: String, prefix: String) {
        self.cache = cache; self.previous = previous; self.old = old; self.prefix = prefix
    }

    /// The job's file kept from the output folder or made, and recorded either way.
    func contents(of job: RenderJob) -> OutputFile.Contents {
        let (contents, record, reused) = cache.reuse(job, previous: previous, old: old, prefix: prefix)
        cache.record(job, record, reused: reused)
        return contents
    }
}

/// Listing of an output folder: regular files and folders, relative paths.
enum OutputTree {
    /// nil when the folder holds something a build never writes (a link, a device…) or cannot be read.
    static func list(_ root: String, known: KnownTree? = nil) -> (files: [String], folders: Set<String>)? {
        let listing = FolderWalk.list(root, known: known, stamping: false).listing
        guard !listing.unreadable, listing.others.isEmpty else { return nil }
        return (listing.files, Set(listing.folders))
    }
}
