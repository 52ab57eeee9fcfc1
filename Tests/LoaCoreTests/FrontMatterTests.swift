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

    /// `body(ofRaw:)`, the split on a file's bytes as read, finds the body `split` finds on clean text, on
    /// the line `split` gives; what it does not understand (a BOM, other white space) it leaves to `split`.
    func testBodyOfRawBytesAgreesWithSplit() throws {
        var rng = SeededRandom(seed: 0xF0_2D_B0D1)
        let blanks = ["", " ", "\t", " \r", "\u{00A0}"], openings = ["---", "--- ", "---\t", "---\r", "-- -", "----"]
        let closings = ["---", "...", "--- \r", "... ", "..", "- --"], lines = ["title: a", "date: 2024-01-05", "", "tóm tắt: Đà Nẵng"]
        let bodies = ["", "Dòng một\n", "Dòng một\nDòng hai", "\n\n---\nsau\n", "x"]
        var understood = 0
        for _ in 0..<3000 {
            var text = (0..<Int.random(in: 0...2, using: &rng)).map { _ in blanks.randomElement(using: &rng)! + "\n" }.joined()
            text += openings.randomElement(using: &rng)! + "\n"
            text += (0..<Int.random(in: 0...3, using: &rng)).map { _ in lines.randomElement(using: &rng)! + "\n" }.joined()
            if Bool.random(using: &rng) { text += closings.randomElement(using: &rng)! + (Bool.random(using: &rng) ? "\n" : "") }
            text += bodies.randomElement(using: &rng)!
            if Int.random(in: 0..<10, using: &rng) == 0 { text = "\u{FEFF}" + text }
            let raw = Array(text.utf8)
            guard let found = FrontMatter.body(ofRaw: raw) else {
                XCTAssertTrue(text.hasPrefix("\u{FEFF}") || text.contains("\u{00A0}") || (try? FrontMatter.split(text).get()) == nil,
                              "left to split: \(text.debugDescription)")
                continue
            }
            let parts = try XCTUnwrap(try? FrontMatter.split(text).get(), text.debugDescription)
            XCTAssertEqual(String(decoding: raw[found.start...], as: UTF8.self), parts.body, text.debugDescription)
            XCTAssertEqual(found.firstLine, parts.bodyFirstLine, text.debugDescription)
            understood += 1
        }
        XCTAssertGreaterThan(understood, 300, "the generated files must exercise the byte scan")
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

extension FrontMatterTests {
    /// Documents that cannot be loaded are left out, the others kept in their files' order (taken out in
    /// place, not copied into a second array).
    func testDocumentsThatFailAreLeftOutInOrder() throws {
        let site = try ScratchSite(name: "load-order")
        defer { site.remove() }
        var files: [String] = []
        for n in 0..<12 {
            let file = "content/articles/a\(String(format: "%02d", n)).md"
            files.append(file)
            site.write(file, n % 4 == 1 ? "không có phần đầu\n" : "---\ntitle: \"Bài \(n)\"\ndate: 2024-05-01\n---\nNội dung \(n).\n")
        }
        let log = DiagnosticLog()
        let documents = ContentLoader.loadDocuments(files, kind: .article, sources: SourceFiles(root: site.root), log: log)
        XCTAssertEqual(documents.map(\.title), [0, 2, 3, 4, 6, 7, 8, 10, 11].map { "Bài \($0)" })
        XCTAssertEqual(Set(log.all.filter { $0.severity == .error }.map(\.file)), [files[1], files[5], files[9]])
        XCTAssertTrue(documents.allSatisfy { !$0.isPlaceholder && !$0.hasBody })
        let none = ContentLoader.loadDocuments([files[1]], kind: .article, sources: SourceFiles(root: site.root), log: DiagnosticLog())
        XCTAssertTrue(none.isEmpty)
    }

    /// The values documents repeat (author, category, tags, units) are held once by every document that
    /// writes them (`TextInterner`): the same storage, not a copy each. Titles are not shared, and values
    /// are kept exactly as written.
    func testRepeatedFrontMatterValuesShareOneCopy() throws {
        let site = try ScratchSite(name: "load-shared")
        defer { site.remove() }
        let files = (0..<3).map { "content/articles/b\($0).md" }
        for (n, file) in files.enumerated() {
            site.write(file, """
                ---
                title: "Thông báo lịch tiếp công dân định kỳ tháng \(n + 1)"
                date: 2024-05-0\(n + 1)
                author: "Văn phòng HĐND và UBND xã Khánh Khê"
                category: "Cải cách thủ tục hành chính"
                tags: [ "Một cửa liên thông", "Dịch vụ công trực tuyến", "ngắn" ]
                ---
                Nội dung.

                """)
        }
        let documents = ContentLoader.loadDocuments(files, kind: .article, sources: SourceFiles(root: site.root), log: DiagnosticLog())
        XCTAssertEqual(documents.count, 3)
        for document in documents.dropFirst() {
            XCTAssertEqual(document.author, "Văn phòng HĐND và UBND xã Khánh Khê")
            XCTAssertEqual(document.tags.map(\.value), ["Một cửa liên thông", "Dịch vụ công trực tuyến", "ngắn"])
            XCTAssertEqual(storageAddress(of: document.author!), storageAddress(of: documents[0].author!))
            XCTAssertEqual(storageAddress(of: document.category!.value), storageAddress(of: documents[0].category!.value))
            XCTAssertEqual(storageAddress(of: document.tags[1].value), storageAddress(of: documents[0].tags[1].value))
            XCTAssertNotEqual(storageAddress(of: document.title), storageAddress(of: documents[0].title))
        }
    }
}
