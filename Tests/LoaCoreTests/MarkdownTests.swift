import XCTest
@testable import LoaCore

final class MarkdownTests: XCTestCase {
    let links = MarkdownLinkContext(basePath: "/") { code in code == "1.001193" ? "/thu-tuc/1.001193/" : nil }

    func render(_ markdown: String, log: DiagnosticLog = DiagnosticLog()) -> RenderedMarkdown {
        MarkdownRenderer.render(markdown, file: "a.md", firstLine: 10, links: links, log: log)
    }

    func testRawHTMLIsOmitted() {
        let html = render("Xin chào <script>alert(1)</script>\n\n<div onclick=\"x()\">khối</div>\n").html
        XCTAssertFalse(html.contains("<script"))
        XCTAssertFalse(html.contains("onclick"))
        XCTAssertTrue(html.contains("Xin chào"))
    }

    func testHeadingsGetStableUniqueIDsAndStartAtH2() {
        let out = render("# Mục đích\n\nA\n\n## Mục đích\n\n## Yêu cầu, nhiệm vụ\n")
        XCTAssertTrue(out.html.contains("<h2 id=\"muc-dich\">Mục đích</h2>"), out.html)
        XCTAssertTrue(out.html.contains("<h2 id=\"muc-dich-2\">Mục đích</h2>"), out.html)
        XCTAssertTrue(out.html.contains("<h2 id=\"yeu-cau-nhiem-vu\">"), out.html)
        XCTAssertFalse(out.html.contains("<h1"))
        XCTAssertEqual(out.headings.map(\.id), ["muc-dich", "muc-dich-2", "yeu-cau-nhiem-vu"])
    }

    func testCSVBlockBecomesAccessibleTable() {
        let md = "Bảng:\n\n```csv Xếp hạng qua các năm\nNăm,Xếp hạng,Ghi chú\n2021,09/11,\"tăng, giảm\"\n2022,10/11,\n```\n"
        let html = render(md).html
        XCTAssertTrue(html.contains("<caption>Xếp hạng qua các năm</caption>"), html)
        XCTAssertTrue(html.contains("<th scope=\"col\">Năm</th><th scope=\"col\">Xếp hạng</th>"), html)
        XCTAssertTrue(html.contains("<td>tăng, giảm</td>"), html)
        XCTAssertFalse(html.contains("<pre"))
    }

    func testCSVBlockWithWrongCellCountReportsFileLine() {
        let log = DiagnosticLog()
        _ = render("Mở đầu\n\n```csv\na,b\n1,2,3\n```\n", log: log)
        // Body line 3 is the fence; file line = 10 + 3 - 1 = 12; the bad row is two lines below.
        XCTAssertEqual(log.all.map(\.line), [14], "\(log.all)")
    }

    func testProcedureLinksResolveAndUnknownCodesFail() {
        let log = DiagnosticLog()
        let out = render("Xem [khai sinh](tthc:1.001193).\n\nvà [lạ](tthc:9.999999)\n", log: log)
        XCTAssertTrue(out.html.contains("href=\"/thu-tuc/1.001193/\""), out.html)
        XCTAssertEqual(out.procedureLinks, ["1.001193"])
        XCTAssertEqual(log.all.count, 1)
        XCTAssertEqual(log.all.first?.line, 12)
        XCTAssertTrue(log.all.first?.message.contains("9.999999") ?? false)
    }

    func testScriptURLsAreNeutralised() {
        let html = render("[a](javascript:alert(1)) [b](JaVaScRiPt:x) ![c](data:image/svg+xml;base64,AAA) [d](vbscript:x)\n").html
        XCTAssertFalse(html.lowercased().contains("javascript:"))
        XCTAssertFalse(html.contains("data:"))
        XCTAssertFalse(html.lowercased().contains("vbscript:"))
    }

    func testSiteRelativeLinksGetTheBasePath() {
        let sub = MarkdownLinkContext(basePath: "/cchc/")
        let html = MarkdownRenderer.render("![Ảnh](media/a.jpg) [x](/tin-tuc/a/) [y](https://gov.vn) [z](#muc)",
                                           file: "a.md", firstLine: 1, links: sub, log: DiagnosticLog()).html
        XCTAssertTrue(html.contains("src=\"/cchc/media/a.jpg\""), html)
        XCTAssertTrue(html.contains("href=\"/cchc/tin-tuc/a/\""), html)
        XCTAssertTrue(html.contains("href=\"https://gov.vn\""), html)
        XCTAssertTrue(html.contains("href=\"#muc\""), html)
    }

    func testFirstParagraphIsPlainText() {
        XCTAssertEqual(render("## Tiêu đề\n\nNăm 2023 đạt **92,00%**,\nxếp thứ 3.\n\nĐoạn hai").firstParagraph,
                       "Năm 2023 đạt 92,00%, xếp thứ 3.")
    }
}

final class CSVTextTests: XCTestCase {
    func testQuotedCellsSeparatorDetectionAndRowLines() throws {
        let text = "\u{FEFF}MA;TEN;GHI_CHU\n1.001193;\"Đăng ký; khai sinh\";\"dòng 1\ndòng 2\"\n2.000635;Trích lục;\"có \"\"ngoặc\"\"\"\n"
        let csv = try CSVText.parse(text).get()
        XCTAssertEqual(csv.separator, ";")
        XCTAssertEqual(csv.rows.map(\.line), [1, 2, 4])
        XCTAssertEqual(csv.rows[1].cells, ["1.001193", "Đăng ký; khai sinh", "dòng 1\ndòng 2"])
        XCTAssertEqual(csv.rows[2].cells[2], "có \"ngoặc\"")
    }

    func testUnclosedQuoteReportsItsLine() {
        guard case .failure(let error) = CSVText.parse("a,b\n1,\"x\n2,3\n") else { return XCTFail("must fail") }
        XCTAssertEqual(error.line, 1)
    }

    func testStrayQuoteInsideCellIsAnError() {
        guard case .failure(let error) = CSVText.parse("a,b\n1,x\"y\n") else { return XCTFail("must fail") }
        XCTAssertEqual(error.line, 1)
    }
}
