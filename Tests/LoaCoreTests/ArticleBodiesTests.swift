import XCTest
@testable import LoaCore

/// Bodies' HTML is not held after the resolve stage (`ArticleBodies`): read back from the spill file, or
/// made again from the file when its page is written, it must be the HTML the resolve stage would have
/// held, and a file edited between the two must be an error of the build (checked before the swap: the
/// last good site stays), not publish a mix.
final class ArticleBodiesTests: XCTestCase {
    static let body = """
    Người dân có thể nộp hồ sơ [trực tuyến](tthc:1.001193) hoặc tại [Bộ phận Một cửa](/lien-he/).

    ## Thành phần hồ sơ

    ```csv
    Giấy tờ,Số lượng
    Tờ khai,01
    ```
    """

    func site() throws -> TestSite {
        try TestSite([
            "content/articles/a.md": TestSite.article(title: "Đăng ký khai sinh", date: "2024-05-01", body: Self.body),
            "content/procedures/cap-xa.csv": "\(ProcedureCatalogTests.header)\n1.001193,Đăng ký khai sinh,Hộ tịch,xã,,,,,\n",
        ])
    }

    /// load → resolve as a build does (with the procedures' links).
    func resolve(_ site: TestSite, log: DiagnosticLog) throws -> ResolvedSite {
        let sources = SourceFiles(root: site.root)
        let content = try XCTUnwrap(ContentLoader.load(sources, log: log))
        let links = ProcedureLinks.context(content.procedures, basePath: "/")
        let resolved = SiteResolver.resolve(content, options: ResolveOptions(now: TestSite.fixedNow), links: links, log: log)
        try log.throwIfErrors()
        return resolved
    }

    func testHTMLReadAgainEqualsTheHTMLRenderedWithTheBody() throws {
        let site = try site()
        defer { try? FileManager.default.removeItem(atPath: site.root) }
        let log = DiagnosticLog()
        let resolved = try resolve(site, log: log)
        let sources = SourceFiles(root: site.root)
        let theme = try XCTUnwrap(Theme.load(name: "default", sources: sources, log: log))
        let page = try XCTUnwrap(SiteRenderer.render(resolved, theme: theme, sources: sources, log: log)
            .first { $0.path == "tin-tuc/dang-ky-khai-sinh/index.html" })
        try log.throwIfErrors()
        let article = try XCTUnwrap(resolved.articles.first)
        XCTAssertEqual(article.body.html, "", "the resolved article does not hold its HTML")
        XCTAssertNotEqual(article.body.sourceHash, 0)

        let links = try XCTUnwrap(resolved.bodies).links
        let held = MarkdownRenderer.render(Self.body, file: article.source.file, firstLine: article.source.bodyFirstLine,
                                           links: links, log: DiagnosticLog()).html
        XCTAssertTrue(held.contains("<table"), held)
        XCTAssertTrue(held.contains("href=\"/thu-tuc/1.001193/\""), held)
        XCTAssertNotNil(article.spilledHTML, "rendered by the resolve stage: spilled")
        XCTAssertEqual(resolved.bodyHTML(article), held)
        var readAgain = article   // as if its extracts came from the cache: made again from the file
        readAgain.spilledHTML = nil
        XCTAssertEqual(resolved.bodyHTML(readAgain), held)
        guard case .bytes(let bytes) = page.contents else { return XCTFail("page not rendered") }
        XCTAssertTrue(String(decoding: bytes, as: UTF8.self).contains(held))
    }

    /// A file the loader had to clean (BOM, CRLF, decomposed letters) is not the body byte for byte: it is
    /// decoded again, and its HTML is the one the clean body renders to.
    func testABodyTheLoaderCleanedIsReadAgainAsCleaned() throws {
        let site = try site()
        defer { try? FileManager.default.removeItem(atPath: site.root) }
        let written = TestSite.article(title: "Đăng ký khai sinh", date: "2024-05-01", body: Self.body)
        let messy = "\u{FEFF}" + written.decomposedStringWithCanonicalMapping.replacingOccurrences(of: "\n", with: "\r\n")
        XCTAssertNotEqual(Array(messy.utf8), Array(written.utf8))
        try site.write("content/articles/a.md", messy)
        let log = DiagnosticLog()
        let resolved = try resolve(site, log: log)
        let article = try XCTUnwrap(resolved.articles.first)
        let held = MarkdownRenderer.render(Self.body, file: article.source.file, firstLine: article.source.bodyFirstLine,
                                           links: try XCTUnwrap(resolved.bodies).links, log: DiagnosticLog()).html
        XCTAssertEqual(resolved.bodyHTML(article), held)
        XCTAssertTrue(held.contains("Thành phần hồ sơ"), held)
        XCTAssertEqual(log.all.map(\.description), [])
    }

    /// A body the resolve stage rendered is read back from the spill file: a later edit of its file does not
    /// reach the page, which shows the body its summary and search terms came from. A body whose HTML must
    /// be made from its file again (its extracts came from the cache) and whose file changed meanwhile is
    /// an error of the build, so the last good site stays.
    func testAFileEditedDuringTheBuildIsAnErrorOfTheBuild() throws {
        let site = try site()
        defer { try? FileManager.default.removeItem(atPath: site.root) }
        let log = DiagnosticLog()
        let resolved = try resolve(site, log: log)
        let spilled = resolved.articles[0]
        XCTAssertNotNil(spilled.spilledHTML)
        let resolvedHTML = resolved.bodyHTML(spilled)
        XCTAssertTrue(resolvedHTML.contains("Thành phần hồ sơ"), resolvedHTML)
        try site.write("content/articles/a.md", TestSite.article(title: "Đăng ký khai sinh", date: "2024-05-01", body: "Đã sửa."))
        XCTAssertEqual(resolved.bodyHTML(spilled), resolvedHTML)
        XCTAssertEqual(log.all.map(\.description), [])

        var readAgain = spilled
        readAgain.spilledHTML = nil
        XCTAssertEqual(resolved.bodyHTML(readAgain), "")
        XCTAssertEqual(log.all.map(\.description),
                       ["content/articles/a.md: tệp đã thay đổi (hoặc bị xóa) trong lúc đang dựng trang — hãy dựng lại"])
    }
}
