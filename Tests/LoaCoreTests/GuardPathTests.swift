import Foundation
import XCTest
@testable import LoaCore

/// Nothing written outside public/, nothing read outside the site folder, no input file too large.
final class GuardPathTests: XCTestCase {
    func testAliasAndMediaPathRules() {
        for alias in ["/tin-tuc/cu.html", "/tin-tuc/cu/", "/cu", "/tin-tuc/bai-(1).html", "/tin-t%E1%BB%A9c/x.html", "/tin-tức/cũ.html"] {
            XCTAssertTrue(PathSafety.isSafeAlias(alias), alias)
        }
        for alias in ["", "/", "tin-tuc/cu.html", "//evil.example/x", "/../etc/passwd", "/a/../../b", "/a/./b", "/a//b", "/a\\b",
                      "/a b", "/a?x=1", "/a#b", "/a;b", "/a$uri", "/a\"b", "/a'b", "/a<b>", "/a\nb", "/a\u{0}b", "https://x.vn/a",
                      "javascript:alert(1)", "/a{b}", "/" + String(repeating: "a", count: 201)] {
            XCTAssertFalse(PathSafety.isSafeAlias(alias), alias.debugDescription)
        }
        for path in ["media/a.jpg", "media/2024/hội nghị.jpg", "media/a-b_c.pdf"] {
            XCTAssertTrue(PathSafety.isSafeMediaPath(path), path)
        }
        for path in ["", "/etc/passwd", "../x", "media/../../x", "media/./x", "media//x", "media\\x", "file:///etc/passwd",
                     "javascript:alert(1)", "data:image/png;base64,AA", "media/a.jpg\" onerror=\"x", "//evil/x.jpg", "media/\u{7}x"] {
            XCTAssertFalse(PathSafety.isSafeMediaPath(path), path.debugDescription)
        }
    }

    func testOutputWriterRefusesPathsOutsideTheOutput() throws {
        let dir = TempDir("writer")
        for bad in ["../x.html", "/etc/x", "a/../../x", "a//b", "./x", "a\\b", ""] {
            XCTAssertFalse(OutputWriter.isSafeRelativePath(bad), bad)
            XCTAssertThrowsError(try OutputWriter.write([.text(bad, "x")], to: dir.path + "/public"), bad)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.path + "/x.html"))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains("staging") }, [])
    }

    /// The byte scan refuses exactly what the plain definition does: an empty path or segment, "." or
    /// "..", a backslash or NUL anywhere.
    func testSafeRelativePathAgreesWithItsDefinition() {
        func plain(_ path: String) -> Bool {
            !path.isEmpty && !path.hasPrefix("/") && !path.contains("\\") && !path.contains("\0")
                && !path.split(separator: "/", omittingEmptySubsequences: false).contains { $0 == ".." || $0 == "." || $0.isEmpty }
        }
        let parts = ["a", ".", "..", "...", ".a", "a.", "", "/", "\\", "\0", "đ", "b.html"]
        var rng = SeededRandom(seed: 0x5AFE_9A7E)
        for _ in 0..<20_000 {
            let path = (0..<Int.random(in: 0...6, using: &rng)).map { _ in parts.randomElement(using: &rng)! }.joined()
            XCTAssertEqual(OutputWriter.isSafeRelativePath(path), plain(path), path.debugDescription)
        }
    }

    /// Symbolic links out of their area are refused wherever the builder reads: theme templates, procedure
    /// CSVs, rankings, and a content/ link into themes/ (inside the site, but outside content/).
    func testSymlinksOutOfTheirAreaAreRefusedEverywhere() throws {
        let cases: [(link: String, target: String)] = [
            ("themes/mini/templates/partials/x.mustache", "$OUTSIDE/secret.txt"),
            ("content/procedures/ngoai.csv", "$OUTSIDE/secret.txt"),
            ("content/rankings/ngoai.yaml", "$OUTSIDE/secret.txt"),
            ("content/units.yaml", "$OUTSIDE/secret.txt"),
            ("content/media/giao-dien.css", "$SITE/themes/mini/assets/style.css"),
        ]
        for (link, target) in cases {
            let dir = TempDir("links")
            let site = dir.path + "/site", outside = dir.path + "/outside"
            try FileManager.default.copyItem(atPath: TestPaths.baseSite, toPath: site)
            try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
            try Data("bí mật\n".utf8).write(to: URL(fileURLWithPath: outside + "/secret.txt"))
            let resolved = target.replacingOccurrences(of: "$OUTSIDE", with: outside).replacingOccurrences(of: "$SITE", with: site)
            try FileManager.default.createDirectory(atPath: site + "/" + (link as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try? FileManager.default.removeItem(atPath: site + "/" + link)
            try FileManager.default.createSymbolicLink(atPath: site + "/" + link, withDestinationPath: resolved)
            XCTAssertThrowsError(try SiteBuilder.build(.fixed(site)), link) { error in
                let errors = (error as? BuildFailure)?.errors ?? []
                XCTAssert(errors.contains { $0.file == link && $0.message.contains("symlink") }, "\(link): \(errors)")
            }
            XCTAssertFalse(FileManager.default.fileExists(atPath: site + "/public"))
        }
    }

    /// The default limit is 5 MB per text file; a larger article fails with a message naming the limit.
    func testDefaultSizeLimitIsFiveMegabytes() throws {
        XCTAssertEqual(BuildOptions(root: "/x").maxFileBytes, 5 * 1024 * 1024)
        let dir = TempDir("size")
        try SiteFiles.overlay(TestPaths.baseSite, onto: dir.path)
        let line = "Một đoạn văn bản dài của một bài viết bị dán nhầm nhiều lần vào tệp.\n"
        let body = String(repeating: line, count: 5 * 1024 * 1024 / line.utf8.count + 10)
        try dir.write("content/articles/dai.md", "---\ntitle: \"Dài\"\ndate: 2024-04-15\n---\n" + body)
        XCTAssertThrowsError(try SiteBuilder.build(.fixed(dir.path))) { error in
            let errors = (error as? BuildFailure)?.errors ?? []
            XCTAssertEqual(errors.map(\.file), ["content/articles/dai.md"])
            XCTAssertTrue(errors.first?.message.contains("tối đa 5120 KB") ?? false, "\(errors)")
        }
        var options = BuildOptions.fixed(dir.path)
        options.maxFileBytes = 8 * 1024 * 1024
        XCTAssertNoThrow(try SiteBuilder.build(options))
    }
}
