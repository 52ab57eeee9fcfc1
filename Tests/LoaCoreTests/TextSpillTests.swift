import XCTest
@testable import LoaCore
import CLoaSystem

/// Text spilled by the render stage (`TextSpill`): held up to a budget, written past it, read back the same.
final class TextSpillTests: XCTestCase {
    func testTextIsHeldWithinTheBudgetAndSpilledPastIt() throws {
        let temporary = try TemporaryFolder("spill"), folder = temporary.path
        defer { temporary.remove() }
        let spill = try XCTUnwrap(TextSpill(folder: folder, holding: 12))
        let first = SpilledText("Thủ tục", spill: spill)          // 11 bytes: held
        let second = SpilledText("khai sinh", spill: spill)       // 9 more: past the budget, spilled
        let third = SpilledText("ở xã Hoàng Việt", spill: spill)
        guard case .held = first else { return XCTFail("within the budget, text is held") }
        guard case .spilled = second, case .spilled = third else { return XCTFail("past the budget, text is spilled") }
        XCTAssertEqual(first.text(from: spill), "Thủ tục")
        XCTAssertEqual(third.text(from: spill), "ở xã Hoàng Việt")
        XCTAssertEqual(second.text(from: spill), "khai sinh")
        XCTAssertEqual(spill.spilledBytes, "khai sinh".utf8.count + "ở xã Hoàng Việt".utf8.count)
        XCTAssertEqual(spill.keep([1, 2, 3]).flatMap { spill.bytes(at: $0) }, [1, 2, 3])
        XCTAssertEqual(try XCTUnwrap(FileManager.default.contentsOfDirectory(atPath: folder)), [], "the spill file has no name")
    }

    /// The site built with nothing held (every body's search terms, list item and index file spilled) is
    /// the site built holding them all, and the spills were used.
    func testASiteBuiltThroughTheSpillIsTheSame() throws {
        var files: [String: String] = [:]
        for n in 1...9 {
            files["content/articles/a\(n).md"] = TestSite.article(
                title: "Bài số \(n) về thủ tục khai sinh", date: "2024-05-0\(n)",
                extra: "category: tuyen-truyen\ntags: [\"Khai sinh\"]\nunits: [hoang-viet\(n % 3 == 0 ? ", an-son" : "")]\n"
                    + "author: \"\(n % 2 == 0 ? "Phòng Tư pháp" : "Văn phòng HĐND và UBND")\"",
                body: "## Phần \(n)\n\nNội dung số \(n): đăng ký khai sinh, đăng ký kết hôn.")
        }
        // Standing pages are resolved after the articles: with the budget spent, their terms are spilled too.
        files["content/pages/gioi-thieu.md"] = "---\ntitle: \"Giới thiệu\"\ndate: 2024-01-01\n---\nTrang giới thiệu bộ phận một cửa.\n"

        let site = try TestSite(files)
        defer { site.remove() }
        try site.build()
        let held = TestSite.snapshot(site.output)

        let (budget, terms) = (RenderInput.heldBytes, SiteResolver.heldTerms)
        RenderInput.heldBytes = 0
        SiteResolver.heldTerms = 0
        defer { RenderInput.heldBytes = budget; SiteResolver.heldTerms = terms }
        try site.build(output: site.root + "/spilled")
        XCTAssertEqual(TestSite.snapshot(site.root + "/spilled"), held)
        XCTAssertTrue(held.keys.contains { $0.hasPrefix(SearchIndex.folder + "s-") }, "the site has a search index")

        // The terms of a built site went to the spill and come back whole for the index.
        let log = DiagnosticLog()
        let content = try XCTUnwrap(ContentLoader.load(SourceFiles(root: site.root), log: log))
        let resolved = SiteResolver.resolve(content, options: ResolveOptions(includeDrafts: false, now: TestSite.fixedNow), log: log)
        XCTAssertTrue((resolved.articles + resolved.pages).allSatisfy { $0.spilledTerms != nil && $0.body.searchTerms.isEmpty })
        XCTAssertEqual(resolved.pages.count, 1)
        SiteResolver.heldTerms = terms
        let holdingTerms = SiteResolver.resolve(try XCTUnwrap(ContentLoader.load(SourceFiles(root: site.root), log: log)),
                                                options: ResolveOptions(includeDrafts: false, now: TestSite.fixedNow), log: log)
        XCTAssertTrue(holdingTerms.articles.allSatisfy { $0.spilledTerms == nil && !$0.body.searchTerms.isEmpty })
        // So did the summaries, read back as they were.
        XCTAssertTrue((resolved.articles + resolved.pages).allSatisfy(\.hasSpilledSummary))
        // An author's articles share one box of its name.
        XCTAssertEqual(Set(resolved.articles.map(\.authorBox)).count, 2)
        XCTAssertEqual(Set(resolved.articles.compactMap(\.source.author)), ["Phòng Tư pháp", "Văn phòng HĐND và UBND"])
        // Where to read them back from costs an article no word: all hold nothing else, and share one box.
        XCTAssertEqual(Set((resolved.articles + resolved.pages).map(\.heldBox)).count, 1)
        XCTAssertNotNil(resolved.articles[0].heldBox)
        XCTAssertEqual(Set(holdingTerms.articles.map(\.heldBox)).count, holdingTerms.articles.count, "texts held: a box each")
        // A text held again keeps the summary where it was spilled, and so does letting it go.
        var rendered = resolved.articles[1]
        rendered.bodyHTML = "<p>Nội dung</p>"
        XCTAssertTrue(rendered.hasSpilledSummary)
        XCTAssertEqual(rendered.summary, resolved.articles[1].summary)
        XCTAssertNotEqual(rendered.heldBox, resolved.articles[1].heldBox)
        rendered.bodyHTML = ""
        XCTAssertEqual(rendered.summary, resolved.articles[1].summary)
        XCTAssertEqual(resolved.articles[1].bodyHTML, "", "the copy it came from is unchanged")
        XCTAssertFalse(holdingTerms.articles.contains(where: \.hasSpilledSummary))
        XCTAssertEqual((resolved.articles + resolved.pages).map(\.summary), (holdingTerms.articles + holdingTerms.pages).map(\.summary))
        XCTAssertTrue(resolved.articles.allSatisfy { $0.summary.hasPrefix("Nội dung số") }, "\(resolved.articles.map(\.summary))")
        var edited = resolved.articles[0]
        edited.summary = "Tóm tắt mới"
        XCTAssertFalse(edited.hasSpilledSummary)
        XCTAssertEqual(edited.summary, "Tóm tắt mới")
        XCTAssertTrue(resolved.articles[0].summary.hasPrefix("Nội dung số"), "the copy it came from is unchanged")
        let theme = try XCTUnwrap(Theme.load(name: "default", sources: SourceFiles(root: site.root), log: log))
        let sources = SourceFiles(root: site.root)
        func documents(_ resolved: ResolvedSite) -> [String] {
            ArticlePages.searchDocuments(RenderInput(site: resolved, theme: theme, context: PageContext(site: resolved),
                                                     sources: sources)).map(\.fullText)
        }
        XCTAssertEqual(documents(resolved), documents(holdingTerms))
        // A spilled summary stays spilled in the search documents, and reads back as the held one.
        func searchDocuments(_ resolved: ResolvedSite) -> [SearchDocument] {
            ArticlePages.searchDocuments(RenderInput(site: resolved, theme: theme, context: PageContext(site: resolved), sources: sources))
        }
        XCTAssertTrue(searchDocuments(resolved).allSatisfy { $0.spilledSummary != nil })
        XCTAssertTrue(searchDocuments(holdingTerms).allSatisfy { $0.spilledSummary == nil })
        XCTAssertEqual(searchDocuments(resolved).map(\.summary), searchDocuments(holdingTerms).map(\.summary))
        XCTAssertEqual(searchDocuments(resolved).map(\.kind), [.page] + Array(repeating: .article, count: 9), "pages first, as the index orders them")
        var document = searchDocuments(resolved)[1]
        document.summary = "Khác"
        XCTAssertNil(document.spilledSummary)
        XCTAssertEqual(document.summary, "Khác")
        XCTAssertTrue(documents(resolved).allSatisfy { $0.contains("khai sinh") || $0.contains("mot cua") }, "\(documents(resolved))")
        XCTAssertTrue(log.all.filter { $0.severity == .error }.isEmpty)

        let input = try site.render().input
        let entries = (0..<input.site.articles.count).map { input.listItem($0, h2: false) }
        XCTAssertGreaterThan(input.spill?.spilledBytes ?? 0, entries.count * 50, "list items went to the spill")
        let plain = try XCTUnwrap(input.spill)
        RenderInput.heldBytes = budget
        let holding = RenderInput(site: input.site, theme: input.theme, context: input.context, sources: input.sources)
        for (index, entry) in entries.enumerated() {
            XCTAssertEqual(entry.html, holding.listItem(index, h2: false).html)
        }
        XCTAssertEqual(holding.spill?.spilledBytes, 0)
        withExtendedLifetime(plain) {}

        let index = SearchPage.index(input)
        let spilled = SearchFiles(index, spill: (TextSpill(folder: site.root), DiagnosticLog()))
        for number in index.files.indices {
            XCTAssertEqual(spilled.bytes(number), index.files[number].bytes, index.files[number].path)
        }
    }
}

/// Large sites fix glibc's mmap threshold (`SiteBuilder.tuneAllocatorForLargeSites`): the call must take.
final class AllocatorTests: XCTestCase {
    func testTheMmapThresholdCanBeFixed() {
        #if canImport(Glibc)
        XCTAssertEqual(loa_fix_mmap_threshold(1 << 20), 1)
        #endif
    }

    /// A large site's spills hold `LargeSite.heldBytes`, decided from the build's own article count: a
    /// smaller site built later in the same process holds the usual budget again, and a budget a test
    /// lowered stays lowered.
    func testSpillBudgetsFollowTheSiteSize() {
        XCTAssertEqual(LargeSite.holding(32 << 20, articles: LargeSite.articles - 1), 32 << 20)
        XCTAssertEqual(LargeSite.holding(32 << 20, articles: LargeSite.articles), LargeSite.heldBytes)
        XCTAssertEqual(LargeSite.holding(32 << 20, articles: 10), 32 << 20, "a smaller site afterwards")
        XCTAssertEqual(LargeSite.holding(0, articles: 100_000), 0)
        XCTAssertLessThan(LargeSite.heldBytes, min(RenderInput.heldBytes, SiteResolver.heldTerms))
    }
}
