import Foundation

/// The search page (`/tim-kiem/`) and the index its script reads (see `SearchIndex`).
enum SearchPage {
    static func jobs(_ input: RenderInput) -> [RenderJob] {
        let files = input.searchFiles ?? SearchFiles(index(input))
        let version = files.version
        let page = RenderJob.page(SiteURLs.search, template: "search", theme: input.theme) {
            input.context.page(path: SiteURLs.search, title: "Tìm kiếm",
                               description: "Tìm bài viết, thủ tục hành chính, đường dây nóng trên \(input.site.config.title)",
                               extra: ["search": ["index": input.context.urls.link(SearchIndex.folder), "version": version],
                                       "page.type": "search"])
        }
        return [page] + files.paths.indices.map { number in
            var job = RenderJob(path: files.paths[number]) { .bytes(files.take(number) ?? index(input).files[number].bytes) }
            // The bytes are already made: their hash lets the cache keep an unchanged shard (about 1,400 at
            // 10,000 articles) without reading the old file to compare. Written first, and released then.
            let key = files.keys[number]
            job.inputKey = { key }
            job.rendersFirst = true
            return job
        }
    }

    static func index(_ input: RenderInput) -> SearchIndex.Output {
        SearchIndex.build(SearchSources.documents(input), basePath: input.site.config.basePath)
    }
}

/// The search index's files from planning to writing: each file's bytes go to the writer once and are
/// released then, instead of staying with the jobs until the build ends (8 MB at 10,000 articles, 80 MB
/// at 100,000).
final class SearchFiles: @unchecked Sendable {
    let version: String
    let paths: [String]
    /// `XXHash64` of each file's bytes (never 0): the cache's input key for the file.
    let keys: [UInt64]
    private let lock = NSLock()
    private var bytes: [[UInt8]?]

    init(_ output: SearchIndex.Output) {
        version = output.version
        paths = output.files.map(\.path)
        keys = output.files.map { XXHash64.hash($0.bytes) | 1 }
        bytes = output.files.map(\.bytes)
    }

    /// The file's bytes, released here; nil when they were taken already (a build makes each job once; a
    /// job made again makes the index again).
    func take(_ number: Int) -> [UInt8]? {
        lock.lock(); defer { lock.unlock() }
        let taken = bytes[number]
        bytes[number] = nil
        return taken
    }
}
