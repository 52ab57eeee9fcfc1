import XCTest
@testable import LoaCore

/// Whole fixture sites under Tests/Fixtures: the sample site end to end, and broken sites that must fail
/// with the right `path:line` while the previous `public/` survives byte for byte.
final class FailureSafetyTests: XCTestCase {
    static let fixtures = TestSite.repositoryRoot + "/Tests/Fixtures"

    func copyFixture(_ name: String) throws -> String {
        let root = NSTemporaryDirectory() + "loa-fixture-" + UUID().uuidString
        try FileManager.default.copyItem(atPath: FailureSafetyTests.fixtures + "/" + name, toPath: root)
        try FileManager.default.copyItem(atPath: TestSite.repositoryRoot + "/themes", toPath: root + "/themes")
        return root
    }

    func testBrokenFrontMatterFailsAndKeepsThePreviousSite() throws {
        let root = try copyFixture("valid-small")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let options = BuildOptions(root: root, now: TestSite.fixedNow)
        try SiteBuilder.build(options)
        let before = TestSite.snapshot(root + "/public")
        XCTAssertFalse(before.isEmpty)

        // Overlay the broken article from the invalid fixture.
        let broken = FailureSafetyTests.fixtures + "/invalid/broken-front-matter/content/articles/hong.md"
        try FileManager.default.copyItem(atPath: broken, toPath: root + "/content/articles/hong.md")
        XCTAssertThrowsError(try SiteBuilder.build(options)) { error in
            let failure = error as? BuildFailure
            XCTAssertEqual(failure?.errors.map(\.description).first,
                           "content/articles/hong.md:4: YAML không hợp lệ: dấu hai chấm ':' đặt sai chỗ — nếu giá trị có dấu ':', hãy đặt nó trong dấu ngoặc kép (mapping values are not allowed in this context)")
        }
        XCTAssertEqual(TestSite.snapshot(root + "/public"), before, "public/ must be untouched by a failed build")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: root).filter { $0.contains("staging") }
        XCTAssertEqual(leftovers, [])
    }

    func testSampleSiteBuildsEndToEnd() throws {
        let output = NSTemporaryDirectory() + "loa-sample-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: output) }
        let report = try SiteBuilder.build(BuildOptions(root: TestSite.repositoryRoot, output: output, now: TestSite.fixedNow))
        XCTAssertGreaterThan(report.pages, 30)
        let files = OutputWriter.listFiles(output)
        for required in ["index.html", "404.html", "tin-tuc/index.html", "don-vi/index.html", "don-vi/hoang-viet/index.html",
                         "gioi-thieu/index.html", "lien-he/index.html", "chuyen-muc/index.html", "the/index.html"] {
            XCTAssertTrue(files.contains(required), "sample site lacks \(required)")
        }
        XCTAssertTrue(files.contains { $0.hasPrefix("tin-tuc/") && $0.hasSuffix("/index.html") && !$0.hasPrefix("tin-tuc/trang/") && $0 != "tin-tuc/index.html" })
        XCTAssertTrue(files.contains { $0.hasPrefix("chuyen-muc/") && $0 != "chuyen-muc/index.html" })
        XCTAssertTrue(files.contains { $0.hasPrefix("the/") && $0 != "the/index.html" })
        for file in files where file.hasSuffix(".html") {
            let html = try String(contentsOfFile: output + "/" + file, encoding: .utf8)
            XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"vi\">"), file)
        }
        let hoangViet = try String(contentsOfFile: output + "/don-vi/hoang-viet/index.html", encoding: .utf8)
        XCTAssertTrue(hoangViet.contains("Hoàng Việt"))
    }
}
