import XCTest
@testable import LoaCore

final class FrontMatterTests: XCTestCase {
    func testSplitsYAMLAndBodyWithLines() throws {
        let text = "---\ntitle: \"A\"\ndate: 2024-01-05\n---\nDòng một\nDòng hai\n"
        let parts = try FrontMatter.split(text).get()
        XCTAssertEqual(parts.yaml, "title: \"A\"\ndate: 2024-01-05")
        XCTAssertEqual(parts.yamlFirstLine, 2)
        XCTAssertEqual(parts.bodyFirstLine, 5)
        XCTAssertEqual(parts.body, "Dòng một\nDòng hai\n")
    }

    func testMissingOpeningAndUnclosed() {
        XCTAssertEqual(FrontMatter.split("title: x\n").failure, .missingOpening)
        XCTAssertEqual(FrontMatter.split("\n---\ntitle: x\nno end").failure, .unclosed(line: 2))
    }

    func testDotsCloseFrontMatter() throws {
        let parts = try FrontMatter.split("---\na: 1\n...\nbody").get()
        XCTAssertEqual(parts.body, "body")
        XCTAssertEqual(parts.bodyFirstLine, 4)
    }

    func testDocumentLoaderReportsLinesOfBadValues() {
        let log = DiagnosticLog()
        let text = "---\ntitle: \"Bài\"\ndate: 2024-02-30\nimage: media/a.jpg\n---\nx\n"
        XCTAssertNil(DocumentLoader.parse(text, file: "content/articles/a.md", kind: .article, log: log))
        let all = log.all.map(\.description)
        XCTAssertTrue(all.contains { $0.hasPrefix("content/articles/a.md:3: 'date' có ngày không hợp lệ") }, "\(all)")
        XCTAssertTrue(all.contains { $0.hasPrefix("content/articles/a.md:4: ảnh 'media/a.jpg' thiếu mô tả") }, "\(all)")
    }

    func testMissingTitleAndDate() {
        let log = DiagnosticLog()
        XCTAssertNil(DocumentLoader.parse("---\nsummary: x\n---\n", file: "f.md", kind: .article, log: log))
        let all = log.all.map(\.description)
        XCTAssertTrue(all.contains("f.md:2: thiếu khóa bắt buộc 'title'"), "\(all)")
        XCTAssertTrue(all.contains { $0.hasPrefix("f.md:2: thiếu khóa bắt buộc 'date'") }, "\(all)")
    }

    func testYAMLSyntaxErrorLineIsTheFileLine() {
        let log = DiagnosticLog()
        let text = "---\ntitle: \"Bài\"\ndate: 2024-01-01\nsummary: Ghi chú: sai\n---\n"
        XCTAssertNil(DocumentLoader.parse(text, file: "f.md", kind: .article, log: log))
        XCTAssertEqual(log.all.first?.line, 4, "\(log.all)")
        XCTAssertTrue(log.all.first?.message.contains("dấu hai chấm") ?? false)
    }

    func testTypoInKeyIsAWarningWithSuggestion() {
        let log = DiagnosticLog()
        let doc = DocumentLoader.parse("---\ntitle: A\ndate: 2024-01-01\ntagz: [x]\n---\n", file: "f.md", kind: .article, log: log)
        XCTAssertNotNil(doc)
        XCTAssertEqual(log.all.first?.severity, .warning)
        XCTAssertEqual(log.all.first?.line, 4)
        XCTAssertTrue(log.all.first?.message.contains("'tags'") ?? false)
    }

    func testSlugFromTitleOrGiven() throws {
        let log = DiagnosticLog()
        let derived = DocumentLoader.parse("---\ntitle: \"Cải cách hành chính Đồng Đăng\"\ndate: 2024-01-01\n---\n",
                                           file: "f.md", kind: .article, log: log)
        XCTAssertEqual(derived?.slug.value, "cai-cach-hanh-chinh-dong-dang")
        let bad = DocumentLoader.parse("---\ntitle: A\ndate: 2024-01-01\nslug: \"Có Dấu\"\n---\n", file: "g.md", kind: .article, log: log)
        XCTAssertEqual(bad?.slug.value, "a")
        XCTAssertTrue(log.all.contains { $0.file == "g.md" && $0.line == 4 && $0.severity == .error })
    }
}

extension Result {
    var failure: Failure? { if case .failure(let error) = self { return error } else { return nil } }
}
