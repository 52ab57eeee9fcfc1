import XCTest
@testable import LoaCore

final class PaginationTests: XCTestCase {
    func testShortListsLinkEveryPage() {
        let p = Pagination(total: 180, perPage: 20)
        XCTAssertEqual(p.pageCount, 9)
        XCTAssertEqual(p.listedPages(around: 5), Array(1...9))
    }

    func testLongListsLinkAWindowAndBothEnds() {
        let p = Pagination(total: 10_000, perPage: 20)
        XCTAssertEqual(p.listedPages(around: 1), [1, 2, 3, 500])
        XCTAssertEqual(p.listedPages(around: 4), [1, 2, 3, 4, 5, 6, 500])
        XCTAssertEqual(p.listedPages(around: 250), [1, 248, 249, 250, 251, 252, 500])
        XCTAssertEqual(p.listedPages(around: 500), [1, 498, 499, 500])
    }
}

/// Lists with `h2` items render first and release their items after the last of them (`RenderJob.RenderGroup.sharedEntries`):
/// the pages are the same bytes in either order, and no `h2` item is held once those lists are made.
final class RenderOrderTests: XCTestCase {
    /// The groups are made in their order, each group in job order.
    func testRenderOrderTakesTheGroupsInTurn() {
        let groups: [RenderJob.RenderGroup] = [.pages, .sharedEntries, .wholeSite, .pages, .wholeSite, .sharedEntries]
        let jobs = groups.enumerated().map { n, group -> RenderJob in
            var job = RenderJob(path: "\(n).html") { .bytes([]) }
            job.group = group
            return job
        }
        XCTAssertEqual(jobs.renderOrder, [2, 4, 1, 5, 0, 3])
    }

    func testWideListsRenderFirstAndReleaseTheirItems() throws {
        var files: [String: String] = [:]
        for n in 1...7 {
            files["content/articles/a\(n).md"] = TestSite.article(
                title: "Bài số \(n)", date: "2024-05-0\(n)",
                extra: "category: tuyen-truyen\ntags: [\"Khai sinh\"\(n % 2 == 0 ? ", \"Hộ tịch\"" : "")]\nunits: [hoang-viet\(n % 3 == 0 ? ", an-son" : "")]")
        }
        let site = try TestSite(files)
        defer { try? FileManager.default.removeItem(atPath: site.root) }
        let built = try site.render()
        func makeJobs(_ input: RenderInput) -> [RenderJob] { UnitPages.jobs(input) + HomePage.jobs(input) + ListPages.jobs(input) }
        let input = built.input
        let jobs = makeJobs(input)
        let fresh = RenderInput(site: input.site, theme: input.theme, context: input.context, sources: input.sources)
        let inPathOrder = makeJobs(fresh).map { job -> String in
            guard case .bytes(let bytes) = job.make() else { return "" }
            return String(decoding: bytes, as: UTF8.self)
        }
        let order = jobs.renderOrder
        XCTAssertEqual(order.sorted(), Array(jobs.indices))
        let firstOthers = try XCTUnwrap(order.firstIndex { jobs[$0].group == .pages })
        XCTAssertTrue(order[..<firstOthers].allSatisfy { jobs[$0].group == .sharedEntries })
        XCTAssertTrue(order[firstOthers...].allSatisfy { jobs[$0].group == .pages })
        XCTAssertTrue(jobs[order[0]].path.hasPrefix("chuyen-muc/") || jobs[order[0]].path.hasPrefix("the/")
                      || jobs[order[0]].path.hasPrefix("tin-tuc/"), jobs[order[0]].path)

        for (position, index) in order.enumerated() {
            guard case .bytes(let bytes) = jobs[index].make() else { return XCTFail("\(jobs[index].path) not rendered") }
            XCTAssertTrue(String(decoding: bytes, as: UTF8.self) == inPathOrder[index], jobs[index].path)
            if position == firstOthers - 1 { XCTAssertEqual(input.wideItemHTML.count, 0, "h2 items released after the last wide list") }
            if position < firstOthers - 1 { XCTAssertGreaterThan(input.wideItemHTML.count, 0) }
        }
        XCTAssertGreaterThan(input.itemHTML.count, 0)
        XCTAssertEqual(input.wideItemHTML.count, 0)

        // An incremental build renders the cache's wrappers of the jobs: they keep the order.
        let cache = BuildCache(root: site.root, keepsDecodedValues: false)
        cache.scanInputs(root: site.root, trustStamps: true)
        let wrapped = cache.reusing(jobs, root: site.root, output: site.root + "/public")
        XCTAssertEqual(wrapped.renderOrder, order)
    }
}

/// The search index's files are written first and their bytes released as they are handed over
/// (`SearchFiles`); a file asked for a second time is made again, the same, by building the index once.
final class SearchFilesTests: XCTestCase {
    func testSearchFilesAreHandedOverOnceAndMadeAgainWhenAskedTwice() throws {
        let site = try TestSite(["content/articles/a.md": TestSite.article(title: "Đăng ký khai sinh", date: "2024-05-01")])
        defer { try? FileManager.default.removeItem(atPath: site.root) }
        let input = try site.render().input
        let output = SearchPage.index(input)
        nonisolated(unsafe) var builds = 0
        let files = SearchFiles(output) { builds += 1; return SearchPage.index(input) }
        XCTAssertEqual(files.paths, output.files.map(\.path))
        XCTAssertEqual(files.bytes(0), output.files[0].bytes)
        XCTAssertEqual(builds, 0)
        XCTAssertEqual(files.bytes(0), output.files[0].bytes)
        XCTAssertEqual(files.bytes(1), output.files[1].bytes)
        XCTAssertEqual(builds, 1)
        XCTAssertEqual(files.keys[1], XXHash64.hash(output.files[1].bytes) | 1)

        // Once the cache has decided every file, a reused index's documents are let go; a file made
        // before that is still made from them.
        nonisolated(unsafe) var reusedBuilds = 0
        let reused = SearchFiles(record: SearchIndexRecord(inputKey: 1, version: output.version, paths: files.paths),
                                 keys: files.keys) { reusedBuilds += 1; return SearchPage.index(input) }
        for number in files.paths.indices.dropLast() { reused.decided(); XCTAssertTrue(reused.canRebuild, "\(number)") }
        XCTAssertEqual(reused.bytes(1), output.files[1].bytes)
        XCTAssertEqual(reusedBuilds, 1)
        reused.decided()
        XCTAssertFalse(reused.canRebuild)

        let jobs = SearchPage.jobs(input).filter { $0.path.hasPrefix(SearchIndex.folder) }
        XCTAssertEqual(jobs.count, output.files.count)
        XCTAssertTrue(jobs.allSatisfy { $0.group == .sharedEntries })
        for (job, file) in zip(jobs, output.files) {
            for _ in 1...2 {
                guard case .bytes(let bytes) = job.make() else { return XCTFail(job.path) }
                XCTAssertEqual(bytes, file.bytes, job.path)
            }
        }
    }
}
