import Foundation
import XCTest
@testable import LoaCore

/// The real `loa` binary on broken sites: exit status 1, `path:line: message` on stderr, public/ untouched.
final class GuardCLITests: XCTestCase {
    override func setUpWithError() throws {
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: TestPaths.loaBinary),
                          "build the loa binary first (swift build --build-tests)")
    }

    func testCorpusCasesThroughTheCLI() throws {
        for name in ["yaml-tab-indentation", "missing-theme", "encoding-tcvn3", "unknown-unit-id", "symlink-site-yaml",
                     "csv-block-wrong-cell-count", "too-large-article"] {
            let testCase = InvalidCase(name: name)
            let dir = TempDir(name)
            let (site, previous) = try testCase.prepare(in: dir)
            var arguments = ["build", "--source", site, "--now", "2025-01-01"]
            if testCase.maxFileBytes != nil { arguments += ["--max-file-mb", "1"]; try growTooLarge(site) }
            let result = try Run.loa(arguments)
            XCTAssertEqual(result.status, 1, "\(name): \(result.stderr)")
            for expectation in try testCase.expectations() where testCase.maxFileBytes == nil {
                let place = expectation.line.map { "\(expectation.file):\($0): " } ?? "\(expectation.file): "
                XCTAssert(result.stderr.components(separatedBy: "\n").contains { $0.hasPrefix(place) && $0.contains(expectation.fragment) },
                          "\(name): stderr lacks `\(expectation)`:\n\(result.stderr)")
            }
            XCTAssertTrue(result.stderr.contains("Trang cũ trong thư mục xuất vẫn giữ nguyên"), name)
            XCTAssertFalse(result.stderr.contains("Fatal error") || result.stderr.contains("Stack dump"), name)
            XCTAssertEqual(SiteFiles.snapshot(site + "/public"), previous, "\(name): public/ changed")
        }
    }

    /// The CLI limit is in MB: make the oversized article really exceed 1 MB.
    func growTooLarge(_ site: String) throws {
        let path = site + "/content/articles/2024/bai.md"
        var text = try String(contentsOfFile: path, encoding: .utf8)
        text += String(repeating: "Đoạn văn dài để vượt giới hạn một megabyte của tệp.\n", count: 20_000)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    /// One `loa check` run names every problem of a site broken in many places, and writes nothing.
    func testCheckListsEveryProblemInOneRun() throws {
        let dir = TempDir("multi")
        try SiteFiles.overlay(TestPaths.baseSite, onto: dir.path)
        let article = { (title: String, extra: String, body: String) in "---\ntitle: \"\(title)\"\n\(extra)---\n\(body)\n" }
        try dir.write("content/articles/a-yaml.md", "---\ntitle: Hội nghị: sơ kết\ndate: 2024-04-15\n---\nx\n")
        try dir.write("content/articles/b-unit.md", article("Bài B", "date: 2024-04-15\nunits: [ hoang-vit ]\n", "x"))
        try dir.write("content/articles/c-date.md", article("Bài C", "date: 2024-02-30\n", "x"))
        try dir.write("content/articles/d-tthc.md", article("Bài D", "date: 2024-04-15\n", "Xem [thủ tục](tthc:9.999999)."))
        try dir.write("content/articles/e-alt.md", article("Bài E", "date: 2024-04-15\nimage: media/hoi-nghi.svg\n", "x"))
        try dir.write("content/articles/f-csv.md", article("Bài F", "date: 2024-04-15\n", "```csv\na,b\n1\n```"))
        try dir.write("content/articles/g-slug.md", article("Hội nghị triển khai công tác cải cách hành chính năm 2024", "date: 2024-05-01\n", "x"))
        try dir.write("content/pages/h-empty.md", "")
        let result = try Run.loa(["check", "--source", dir.path, "--now", "2025-01-01"])
        XCTAssertEqual(result.status, 1)
        let expected = ["content/articles/a-yaml.md:2: YAML không hợp lệ", "content/articles/b-unit.md:4: đơn vị \"hoang-vit\"",
                        "content/articles/c-date.md:3: 'date' có ngày không hợp lệ", "content/articles/d-tthc.md:5: liên kết tới thủ tục",
                        "content/articles/e-alt.md:4: ảnh 'media/hoi-nghi.svg' thiếu mô tả", "content/articles/f-csv.md:7: bảng csv",
                        "content/articles/g-slug.md:2: đường dẫn (slug)", "content/pages/h-empty.md:1: tệp trống"]
        for line in expected { XCTAssertTrue(result.stderr.contains(line), "missing `\(line)` in:\n\(result.stderr)") }
        XCTAssertTrue(result.stderr.contains("Dựng trang thất bại: \(expected.count) lỗi."), result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.path + "/public"))

        // Broken site.yaml and units.yaml are reported together too (same stage).
        try dir.write("content/site.yaml", "title: \"T\"\nbase_url: \"khong-phai-url\"\ntheme: mini\njurisdiction: { name: \"U\", level: district }\n")
        try dir.write("content/units.yaml", "units:\n  - id: a\n    name: \"Xã A\"\n    kind: huyen\n")
        let second = try Run.loa(["check", "--source", dir.path])
        XCTAssertTrue(second.stderr.contains("content/site.yaml:2: base_url"), second.stderr)
        XCTAssertTrue(second.stderr.contains("content/units.yaml:4: kind phải là"), second.stderr)
        XCTAssertTrue(second.stderr.contains("content/articles/a-yaml.md:2: YAML không hợp lệ"), second.stderr)
    }
}
