import CLoaSystem

/// The render stage: turns the resolved site into the full list of output files, pages rendered on all cores.
public enum SiteRenderer {
    /// Each section contributes its jobs; adding a section is one line here.
    static let sections: [(RenderInput) -> [RenderJob]] = [
        HomePage.jobs, ArticlePages.jobs, ListPages.jobs, UnitPages.jobs, SearchPage.jobs,
        StaticFiles.jobs,
        ProcedurePages.jobs, HotlinePages.jobs, RankingPages.jobs,
        FeedPages.jobs, Outbox.jobs, Redirects.jobs, { SiteMapPage.jobs($0) },
    ]

    /// Every output file as a job, sorted by path; nothing is rendered yet. The write stage renders and
    /// writes them on all cores without holding the whole site in memory. With a cache and the output
    /// folder, unchanged pages are taken from the previous output (`BuildCache`).
    ///
    /// `site` is consumed: the search index is built first, and the bodies' search terms, which nothing
    /// else reads, are dropped before the pages are planned (a build hands over its only copy).
    public static func jobs(_ site: consuming ResolvedSite, theme: Theme, sources: SourceFiles, log: DiagnosticLog,
                            cache: BuildCache? = nil, output: String? = nil) -> [RenderJob] {
        var site = site
        // The plan's own copy of the site is released before the terms are dropped (no copy of the articles).
        let searchFiles = { () -> SearchFiles in
            let plain = RenderInput(site: site, theme: theme, context: PageContext(site: site), sources: sources)
            let (files, record, reused) = SearchPage.files(plain, previous: output.flatMap { cache?.manifest(for: $0) }, log: log)
            cache?.recordSearchIndex(record, reused: reused)
            return files
        }()
        site.dropSearchTerms()
        // The index's postings and batches are freed in pieces between what stays: a large site gives
        // their pages back before the jobs are made, or they stay counted under them (at 100,000 articles
        // 27–43 MB of free heap at the planning stage's peak).
        if site.articles.count >= LargeSite.articles { _ = loa_return_freed_memory() }
        let sharing = SharingContext.prepare(site, theme: theme.name, sources: sources, log: log)
        let input = RenderInput(site: site, theme: theme, context: PageContext(site: site, sharing: sharing, theme: theme),
                                sources: sources, searchFiles: searchFiles, embeds: output == nil ? nil : cache?.bodyEmbeds)
        // Appended into one array of the right size: grown as it filled, it was twice the jobs' size.
        let parts = sections.map { $0(input) }
        var jobs: [RenderJob] = []
        jobs.reserveCapacity(parts.reduce(0) { $0 + $1.count } + 16)
        for part in parts { jobs += part }
        // Sorted (stably) through their paths' indices: moving the jobs themselves, seven references each,
        // was a sixth of planning a one-article edit. Put in order in place (a second array of 140,000 jobs
        // was the planning stage's peak at 100,000 articles).
        jobs.permute(by: pathOrder(jobs))
        // The sitemap lists the pages in this order; its few files go in after any job at the same path.
        for job in Sitemap.jobs(input, paths: jobs.map(\.path)) {
            jobs.insert(job, at: PathIndex.end(count: jobs.count) { jobs[$0].path.byteOrder(to: job.path) })
        }
        // Two jobs for one file are neighbours once sorted: found without a set of every path (4 MB at
        // 100,000 articles, at the planning stage's peak).
        for index in jobs.indices.dropFirst() where jobs[index].path == jobs[index - 1].path
            && (index < 2 || jobs[index - 2].path != jobs[index].path) {
            log.error("content", nil, "hai nội dung cùng ghi ra một tệp \(jobs[index].path) — hãy đổi slug của một trong hai")
        }
        if let cache, let output { return cache.reusing(consume jobs, root: sources.root, output: output) }
        return jobs
    }

    /// The jobs' indices in their paths' byte order (stably).
    static func pathOrder(_ jobs: [RenderJob]) -> [Int] {
        let paths = jobs.map(\.path)
        return paths.indices.sorted { paths[$0].precedesInByteOrder(paths[$1]) }
    }

    /// The whole site rendered in memory (tests and tools; builds stream `jobs` to the writer instead).
    public static func render(_ site: ResolvedSite, theme: Theme, sources: SourceFiles, log: DiagnosticLog,
                              cache: BuildCache? = nil, output: String? = nil) -> [OutputFile] {
        ParallelMap.map(jobs(site, theme: theme, sources: sources, log: log, cache: cache, output: output)) {
            OutputFile(path: $0.path, contents: $0.contents())
        }
    }
}

/// Media from `content/media/` and the theme's assets, copied as they are.
enum StaticFiles {
    static func jobs(_ input: RenderInput) -> [RenderJob] {
        let media = input.site.media.map { file in
            RenderJob(path: String(file.dropFirst("content/".count))) { .copy(input.sources.absolute(file)) }
        }
        let prefix = "themes/\(input.theme.name)/assets/"
        let assets = input.theme.assets.map { file in
            RenderJob(path: "assets/" + file.dropFirst(prefix.count)) { .copy(input.sources.absolute(file)) }
        }
        return media + assets
    }
}
