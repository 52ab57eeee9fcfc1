import CLoaSystem
import Foundation

public struct BuildOptions: Sendable {
    /// The site root holding `content/` and `themes/`.
    public var root: String
    /// Output folder; `root/public` by default.
    public var output: String
    public var includeDrafts: Bool
    /// The moment treated as now (publish_at, expires); the clock by default, fixed in tests.
    public var now: ContentDate
    public var baseURLOverride: String?
    /// Check only: load, resolve and render, write nothing.
    public var dryRun: Bool
    /// Also write deterministic `.gz` copies of HTML, CSS, JS, XML, JSON, SVG and vCard files (nginx `gzip_static`).
    public var gzip: Bool
    /// Largest text input (Markdown, YAML, CSV, template) accepted; media are copied whatever their size.
    public var maxFileBytes: Int = SourceFiles.defaultMaxTextBytes
    /// Incremental build with the cache in `<root>/.loa-cache/` (`docs/rebuilds.md`). Off by default in the
    /// library; `loa build` turns it on unless `--no-cache`.
    public var useCache: Bool
    /// With the cache: re-hash every input instead of trusting unchanged file stamps.
    public var trustStamps: Bool = true
    /// The process ends after this build (`loa build`): the cache, the jobs and the site they hold are left
    /// for the exit to reclaim instead of being freed one object at a time.
    public var exitsAfterBuild: Bool = false
    /// A resident process (watch, serve): once the new site is swapped in, the build returns, and the jobs'
    /// release and the cache's saving are left to `BuildReport.finish`, which the caller runs after telling
    /// the browser to reload (0.1 s of a one-article edit at 10,000 articles).
    public var defersFinishing: Bool = false

    public init(root: String, output: String? = nil, includeDrafts: Bool = false, now: ContentDate? = nil,
                baseURLOverride: String? = nil, dryRun: Bool = false, gzip: Bool = false, useCache: Bool = false) {
        self.root = root
        self.output = output ?? (root.hasSuffix("/") ? root + "public" : root + "/public")
        self.includeDrafts = includeDrafts
        self.now = now ?? ContentDate(instant: Date())
        self.baseURLOverride = baseURLOverride
        self.dryRun = dryRun
        self.gzip = gzip
        self.useCache = useCache
    }
}

public struct BuildReport: Sendable {
    public var pages: Int
    public var files: Int
    public var changes: OutputChanges
    public var warnings: [Diagnostic]
    public var seconds: Double
    /// The next moment the output changes by itself (publish_at, the day after expires), for a timer.
    public var nextChange: ContentDate? = nil
    /// Nothing to do: inputs, options and the output folder were as the last build left them.
    public var upToDate = false
    /// About the cache (ignored as corrupt or foreign…), to print as they are.
    public var notices: [String] = []
    public var statistics: BuildCache.Statistics? = nil
    /// Seconds per stage (scan, load, resolve, render, write, cache), for `--verbose`.
    public var stages: [(name: String, seconds: Double)] = []
    /// Peak resident memory of the process (MB) at the end of each stage, for `--verbose`.
    public var stagePeaks: [Int] = []
    /// With `BuildOptions.defersFinishing`: saves the cache (and lets the pages go); run it once, before
    /// the next build.
    public var finish: (@Sendable () -> Void)? = nil
}

/// load → resolve → render → write. Each stage takes plain values and returns plain values; errors of a
/// stage are all reported together and stop the build before anything is written.
public enum SiteBuilder {
    /// `cache`: a cache kept across builds (watch, serve); otherwise one is opened when `options.useCache`.
    public static func build(_ options: BuildOptions, cache given: BuildCache? = nil, onWait: () -> Void = {}) throws -> BuildReport {
        let started = DispatchTime.now()
        SiteBuilder.limitArenas()
        let log = DiagnosticLog()
        let sources = SourceFiles(root: options.root, maxTextBytes: options.maxFileBytes)
        let cache = given ?? (options.useCache ? BuildCache(root: options.root, keepsDecodedValues: false) : nil)
        var lock: BuildLock?
        var stages: [(name: String, seconds: Double)] = []
        var peaks: [Int] = []
        var mark = DispatchTime.now()
        func stage(_ name: String) {
            stages.append((name, elapsed(since: mark)))
            peaks.append(SiteBuilder.peakResidentMB())
            mark = DispatchTime.now()
        }
        if let cache {
            if !options.dryRun { lock = try BuildLock(output: options.output, onWait: onWait) }
            cache.scanInputs(root: sources.root, trustStamps: options.trustStamps)
            stage("scan")
            if !options.dryRun, let manifest = cache.upToDate(options) {
                // Files re-hashed to the same bytes (touched, checked out again, the site copied): their new
                // stamps are saved, or every later no-op would hash them again.
                if cache.statistics.inputsHashed > 0 { cache.saveInputs() }
                stage("check output")
                var changes = OutputChanges()
                changes.unchanged = manifest.outputs.count
                return BuildReport(pages: manifest.pages, files: manifest.outputs.count, changes: changes,
                                   warnings: manifest.warnings, seconds: elapsed(since: started),
                                   nextChange: Schedule.next(after: options.now, in: manifest.boundaries),
                                   upToDate: true, notices: cache.notices, statistics: cache.statistics, stages: stages,
                                   stagePeaks: peaks)
            }
            if let edit = BodyOnlyEdit.apply(options, cache: cache, sources: sources) {
                stage("edit in place")
                return BuildReport(pages: edit.manifest.pages, files: edit.manifest.outputs.count, changes: edit.changes,
                                   warnings: edit.manifest.warnings, seconds: elapsed(since: started),
                                   nextChange: Schedule.next(after: options.now, in: edit.manifest.boundaries),
                                   notices: cache.notices, statistics: cache.statistics, stages: stages, stagePeaks: peaks)
            }
        }

        // Load and resolve in a scope of their own: the loaded documents (every Markdown body as written)
        // are released once resolved, not held while the site renders.
        var isLarge = false
        let (site, theme, boundaries) = try { () throws -> (ResolvedSite, Theme, [Double]) in
            guard let content = ContentLoader.load(sources, log: log, cache: cache) else { throw BuildFailure(log.all) }
            isLarge = content.articles.count >= LargeSite.articles
            if isLarge { SiteBuilder.tuneAllocatorForLargeSites() }
            if isLarge, options.exitsAfterBuild { cache?.releaseInputTable(loaded: SiteBuilder.isDocument) }
            let theme = Theme.load(name: content.config.theme, sources: sources, log: log)
            // Broken articles or pages do not stop the checks of the others (units, slugs, tthc: links…), so
            // one run lists every problem; errors in files others refer to (site.yaml, units.yaml, the
            // theme…) do, as checking references against them would only repeat their consequences.
            if log.all.contains(where: { $0.severity == .error && !SiteBuilder.isDocument($0.file) }) {
                try log.throwIfErrors()
            }

            stage("load")
            let resolveOptions = ResolveOptions(includeDrafts: options.includeDrafts, now: options.now,
                                                baseURLOverride: options.baseURLOverride, cache: cache)
            let basePath = SiteResolver.effectiveConfig(content.config, options: resolveOptions).basePath
            let links = ProcedureLinks.context(content.procedures, basePath: basePath)
            let boundaries = Schedule.boundaries(content, includeDrafts: options.includeDrafts)
            // The resolver gets the only copy: it releases each source body once rendered.
            let site = SiteResolver.resolve(consume content, options: resolveOptions, links: links, log: log)
            try log.throwIfErrors()
            guard let theme else { throw BuildFailure(log.all) }
            return (site, theme, boundaries)
        }()
        cache?.finishStoring()
        // The loaded sources freed while resolving, and below the search index's working set freed while
        // planning, are not counted again on top of what the next stage allocates.
        FreedMemory.returnToSystem()
        stage("resolve")

        // Pages are rendered while they are written (or, for a check, rendered and dropped): a site's
        // bytes are never all in memory at once. Where they show articles' bodies is recorded for an edit
        // of nothing but bodies (`BodyOnlyEdit`).
        var files = SiteRenderer.jobs(consume site, theme: theme, sources: sources, log: log,
                                      cache: options.dryRun ? nil : cache, output: options.output)
        try log.throwIfErrors()
        if options.gzip && !options.dryRun {
            // --gzip (deploy builds): each compressible file is followed by its `.gz` copy, made as it is written.
            files = CompressedCopies.interleaving(files, cache: cache, output: options.output, log: log)
        }
        FreedMemory.returnToSystem()
        stage("plan pages")

        let warnings = log.all.filter { $0.severity == .warning }
        let fileCount = files.count
        // Counted, not filtered: an array of the pages' jobs, grown as it filled, was 22 MB at the start of
        // the render stage at 100,000 articles (the stage's peak).
        let pages = files.reduce(0) { $1.path.hasSuffix(".html") ? $0 + 1 : $0 }
        var changes = OutputChanges()
        if options.dryRun {
            _ = ParallelMap.map(files.renderOrder) { index -> Bool in if case .bytes = files[index].contents() { return true } else { return false } }
            try log.throwIfErrors()
        } else {
            if lock == nil { lock = try BuildLock(output: options.output, onWait: onWait) }
            let previous = cache?.manifest(for: options.output)
            let known = previous?.trees ?? OutputTrees()
            // The spare staging folder (`OutputWriter`) is readied only for an output built here before: a
            // first build in a new folder, as on a CI runner, made a second tree it never used (a tenth of
            // a clean build's wall time). The next build then stages without one, once; `watch` and `serve`
            // ready it right after their first build instead (`finish`).
            let readiesSpare = previous != nil
            cache?.invalidate(output: options.output)
            // A large site's jobs, and the site they hold, are handed over and let go as soon as the pages are
            // written, not held while the output's trees and changes are made (at 100,000 articles that was
            // the build's peak). A small site's are kept for the exit or for `finish`, as below.
            var handed: [RenderJob] = []
            if isLarge { swap(&handed, &files) } else { handed = files }
            let written = try OutputWriter.write(consume handed, to: options.output, beforeSwap: { try log.throwIfErrors() },
                                                 readyingSpare: readiesSpare, known: known)
            changes = written.changes
            // The pages' contexts and bytes are freed: the cache's records and buffers are made next.
            FreedMemory.returnToSystem()
            stage("render and write")
            // Incremental mode: after a large change, ready the next build's staging folder now (before the
            // output files' stamps are recorded: linking changes their ctime), unless the writer did.
            var saved = false
            var untouched = written.untouched
            var trees = written.trees
            if let cache, written.spareReady {
                cache.saveInputsAndDocuments()
                saved = true
                stage("save documents")
            } else if let cache, readiesSpare, changes.added.count + changes.modified.count + changes.removed.count > 200 || changes.unchanged == 0 {
                // The cache's documents are saved meanwhile: they do not depend on the output folder.
                let spare = DispatchGroup()
                nonisolated(unsafe) var spareTree: KnownTree?
                let current = trees
                DispatchQueue.global().async(group: spare) { spareTree = try? OutputWriter.prepareSpare(for: options.output, known: current) }
                cache.saveInputsAndDocuments()
                spare.wait()
                trees.spare = spareTree
                untouched = []   // every file was linked into the spare: new ctimes
                saved = true
                stage("prepare spare + save documents")
            }
            // The jobs hold the site and the pages' shared fragments. When the process is about to exit they
            // are left to the exit: freeing them one object at a time was a twentieth of a one-article edit
            // and 1 % of a clean build, for a peak a few MB higher while the manifest is made (10,000
            // articles: 115–118 → 116–123 MB). Otherwise (watch, serve), and for a large site, whose
            // manifest is made in the memory they free (100,000 articles: the save stage's peak was 17 MB
            // over the render stage's), they are released before it.
            if options.exitsAfterBuild && !isLarge {
                SiteBuilder.keptForExit.keep([files])
            }
            if options.defersFinishing, let cache {
                let held = Held(jobs: files, lock: lock)
                files = []
                lock = nil
                // Held until finished: the lock too, so no other build reads the cache before it is saved.
                let (root, finishedTrees, documentsSaved, kept) = (sources.root, trees, saved, untouched)
                let readiesSpareLater = !readiesSpare && !written.spareReady
                return BuildReport(pages: pages, files: fileCount, changes: changes, warnings: warnings,
                                   seconds: elapsed(since: started), nextChange: Schedule.next(after: options.now, in: boundaries),
                                   notices: cache.notices, statistics: cache.statistics, stages: stages, stagePeaks: peaks,
                                   finish: {
                                       guard held.take() else { return }
                                       var trees = finishedTrees, kept = kept
                                       if readiesSpareLater {
                                           trees.spare = try? OutputWriter.prepareSpare(for: options.output, known: trees)
                                           kept = []   // every file was linked into the spare: new ctimes
                                       }
                                       cache.commit(options, root: root, boundaries: boundaries, warnings: warnings, pages: pages,
                                                    documentsSaved: documentsSaved, untouched: kept, trees: trees)
                                       held.unlock()
                                   })
            }
            files = []
            stage("release pages")
            cache?.commit(options, root: sources.root, boundaries: boundaries, warnings: warnings, pages: pages,
                          documentsSaved: saved, untouched: untouched, trees: trees)
            if cache != nil { stage("save cache") }
        }
        withExtendedLifetime(lock) {}
        if options.exitsAfterBuild { SiteBuilder.keptForExit.keep([files, cache as Any]) }   // jobs: only after a check
        return BuildReport(pages: pages, files: fileCount, changes: changes, warnings: warnings,
                           seconds: elapsed(since: started), nextChange: Schedule.next(after: options.now, in: boundaries),
                           notices: cache?.notices ?? [], statistics: cache?.statistics, stages: stages,
                           stagePeaks: peaks)
    }

    /// What a build whose finishing is deferred holds until it is finished: its jobs, and the output's
    /// lock, so no other build reads the cache before it is saved (released by `finish`, not when the
    /// report goes: a caller keeping the report must not block the next build).
    final class Held: @unchecked Sendable {
        private let mutex = NSLock()
        private var jobs: [RenderJob]?
        private var lock: BuildLock?
        init(jobs: [RenderJob], lock: BuildLock?) { self.jobs = jobs; self.lock = lock }
        /// Lets the jobs go; false when already finished.
        func take() -> Bool {
            mutex.lock(); defer { mutex.unlock() }
            guard jobs != nil else { return false }
            jobs = nil
            return true
        }
        func unlock() { mutex.lock(); lock = nil; mutex.unlock() }
    }

    /// Values of builds whose process is about to exit (`BuildOptions.exitsAfterBuild`).
    static let keptForExit = KeptValues()

    final class KeptValues: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [Any] = []
        func keep(_ more: [Any]) { lock.lock(); values += more; lock.unlock() }
    }

    /// For a large site, blocks of 1 MB and more are mapped on their own and given back when freed
    /// (`loa_fix_mmap_threshold`). Left to glibc, the threshold rose to 32 MB as the search index's large
    /// blocks were freed, and later ones stayed in the heap: at 100,000 articles the build's peak was 52 MB
    /// higher (676 against 624 MB). A 10,000-article build gains 5 MB for 0.1 s of system time (page
    /// faults), so it is left as it was. Set for the rest of the process. (The spills' budgets are decided
    /// per build: `LargeSite.holding`.)
    static func tuneAllocatorForLargeSites() {
        _ = loa_fix_mmap_threshold(1 << 20)
        FreedMemory.returnEvery = 8_192
    }

    /// As many malloc arenas as cores, set before the first build's threads allocate (glibc's default is
    /// eight per core). A page's context is made and freed on the core that renders it, and each arena kept
    /// its own free memory: at 100,000 articles on two cores the build peaked 7 MB higher, at 10,000 1–3 MB,
    /// for no measurable time. Set for the rest of the process.
    static func limitArenas() {
        _ = arenasLimited
    }
    private static let arenasLimited: Bool = loa_limit_arenas(Int32(max(2, ProcessInfo.processInfo.activeProcessorCount))) == 1

    /// VmHWM from /proc/self/status (Linux), 0 where it cannot be read.
    static func peakResidentMB() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kb = Int(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
        return kb / 1024
    }

    static func elapsed(since started: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
    }

    /// An article or standing page: nothing else refers to it, so its errors need not stop later checks.
    static func isDocument(_ file: String) -> Bool {
        file.hasPrefix("content/articles/") || file.hasPrefix("content/pages/")
    }
}
