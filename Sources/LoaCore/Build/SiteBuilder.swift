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

    public init(root: String, output: String? = nil, includeDrafts: Bool = false, now: ContentDate? = nil,
                baseURLOverride: String? = nil, dryRun: Bool = false, gzip: Bool = false) {
        self.root = root
        self.output = output ?? (root.hasSuffix("/") ? root + "public" : root + "/public")
        self.includeDrafts = includeDrafts
        self.now = now ?? ContentDate(instant: Date())
        self.baseURLOverride = baseURLOverride
        self.dryRun = dryRun
        self.gzip = gzip
    }
}

public struct BuildReport: Sendable {
    public var pages: Int
    public var files: Int
    public var changes: OutputChanges
    public var warnings: [Diagnostic]
    public var seconds: Double
}

/// load → resolve → render → write. Each stage takes plain values and returns plain values; errors of a
/// stage are all reported together and stop the build before anything is written.
public enum SiteBuilder {
    public static func build(_ options: BuildOptions, onWait: () -> Void = {}) throws -> BuildReport {
        let started = DispatchTime.now()
        let log = DiagnosticLog()
        let sources = SourceFiles(root: options.root, maxTextBytes: options.maxFileBytes)

        guard let content = ContentLoader.load(sources, log: log) else { throw BuildFailure(log.all) }
        let theme = Theme.load(name: content.config.theme, sources: sources, log: log)
        // Broken articles or pages do not stop the checks of the others (units, slugs, tthc: links…), so one
        // run lists every problem; errors in files others refer to (site.yaml, units.yaml, the theme…) do,
        // as checking references against them would only repeat their consequences.
        if log.all.contains(where: { $0.severity == .error && !SiteBuilder.isDocument($0.file) }) {
            try log.throwIfErrors()
        }

        let resolveOptions = ResolveOptions(includeDrafts: options.includeDrafts, now: options.now,
                                            baseURLOverride: options.baseURLOverride)
        let basePath = SiteResolver.effectiveConfig(content.config, options: resolveOptions).basePath
        let site = SiteResolver.resolve(content, options: resolveOptions,
                                        links: ProcedureLinks.context(content.procedures, basePath: basePath), log: log)
        try log.throwIfErrors()
        guard let theme else { throw BuildFailure(log.all) }

        var files = SiteRenderer.render(site, theme: theme, sources: sources, log: log)
        try log.throwIfErrors()
        if options.gzip && !options.dryRun {
            files = (files + (try Gzip.precompressed(files))).sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        }

        var changes = OutputChanges()
        if !options.dryRun {
            let lock = try BuildLock(output: options.output, onWait: onWait)
            changes = try OutputWriter.write(files, to: options.output)
            withExtendedLifetime(lock) {}
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        return BuildReport(pages: files.filter { $0.path.hasSuffix(".html") }.count, files: files.count,
                           changes: changes, warnings: log.all.filter { $0.severity == .warning }, seconds: seconds)
    }

    /// An article or standing page: nothing else refers to it, so its errors need not stop later checks.
    static func isDocument(_ file: String) -> Bool {
        file.hasPrefix("content/articles/") || file.hasPrefix("content/pages/")
    }
}
