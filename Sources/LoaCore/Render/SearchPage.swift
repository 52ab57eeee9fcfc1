/// The search page (`/tim-kiem/`) and the index its script reads (see `SearchIndex`).
enum SearchPage {
    static func jobs(_ input: RenderInput) -> [RenderJob] {
        let index = input.searchIndex ?? self.index(input)
        let page = RenderJob.page(SiteURLs.search, template: "search", theme: input.theme) {
            input.context.page(path: SiteURLs.search, title: "Tìm kiếm",
                               description: "Tìm bài viết, thủ tục hành chính, đường dây nóng trên \(input.site.config.title)",
                               extra: ["search": ["index": input.context.urls.link(SearchIndex.folder), "version": index.version],
                                       "page.type": "search"])
        }
        return [page] + index.files.map { file in
            var job = RenderJob(path: file.path) { .bytes(file.bytes) }
            // The bytes are already made: their hash lets the cache keep an unchanged shard (about 1,400 at
            // 10,000 articles) without reading the old file to compare.
            job.inputKey = { XXHash64.hash(file.bytes) | 1 }
            return job
        }
    }

    static func index(_ input: RenderInput) -> SearchIndex.Output {
        SearchIndex.build(SearchSources.documents(input), basePath: input.site.config.basePath)
    }
}
