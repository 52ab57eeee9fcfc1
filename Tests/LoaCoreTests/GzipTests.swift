import Foundation
import XCTest
@testable import LoaCore

final class GzipTests: XCTestCase {
    func testCompressionIsDeterministicAndRoundTrips() {
        let text = Array(String(repeating: "Thủ tục hành chính: đăng ký khai sinh. ", count: 500).utf8)
        for input in [text, [], Array("x".utf8), (0..<70_000).map { UInt8(truncatingIfNeeded: $0 &* 7919 >> 3) }] {
            let a = Gzip.compress(input)
            XCTAssertEqual(a, Gzip.compress(input))
            XCTAssertEqual(Gzip.decompress(a), input)
        }
        let packed = Gzip.compress(text)
        XCTAssertLessThan(packed.count, text.count / 10)
        // Magic, deflate, no flags (so no file name), mtime 0.
        XCTAssertEqual(Array(packed[0..<8]), [0x1f, 0x8b, 8, 0, 0, 0, 0, 0])
    }

    func testSystemGzipReadsTheOutput() throws {
        let input = Array("<!DOCTYPE html><html lang=\"vi\"><title>Đất đai</title></html>".utf8)
        let file = NSTemporaryDirectory() + "loa-gzip-\(UUID().uuidString).html.gz"
        defer { try? FileManager.default.removeItem(atPath: file) }
        try Data(Gzip.compress(input)).write(to: URL(fileURLWithPath: file))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "gzip -dc '\(file)'"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        XCTAssertEqual([UInt8](data), input)
    }

    func testOnlyTextFilesGetCopies() throws {
        let files = ["index.html", "assets/style.css", "assets/site.js", "feed.xml", "a.json", "emblem.svg",
                     "unit.vcf", "media/photo.jpg", "media/report.pdf"].map { OutputFile.text($0, "abc") }
        let copies = try Gzip.precompressed(files).map(\.path)
        XCTAssertEqual(copies, ["index.html.gz", "assets/style.css.gz", "assets/site.js.gz", "feed.xml.gz",
                                "a.json.gz", "emblem.svg.gz", "unit.vcf.gz"])
    }

    func testBuildWithGzipTwiceGivesTheSameBytes() throws {
        let site = try TestSite(files: ["content/articles/a.md": TestSite.article(title: "Đất đai", date: "2024-05-01", body: "Nội dung.")])
        defer { site.remove() }
        let now = ContentDate(parsing: "2024-06-01")!
        var outputs: [[String: Data]] = []
        for run in 0..<2 {
            let output = site.root + "/public-\(run)"
            _ = try SiteBuilder.build(BuildOptions(root: site.root, output: output, now: now, gzip: true))
            var files: [String: Data] = [:]
            for path in try FileManager.default.subpathsOfDirectory(atPath: output) {
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: output + "/" + path, isDirectory: &isDirectory), !isDirectory.boolValue {
                    files[path] = FileManager.default.contents(atPath: output + "/" + path)
                }
            }
            outputs.append(files)
        }
        XCTAssertEqual(outputs[0], outputs[1])
        let html = outputs[0]["index.html"]!
        XCTAssertEqual(Gzip.decompress([UInt8](outputs[0]["index.html.gz"]!)), [UInt8](html))
        XCTAssertNotNil(outputs[0]["assets/style.css.gz"])
        XCTAssertNotNil(outputs[0]["tim-kiem/chi-muc/meta.json.gz"])
        XCTAssertNil(outputs[0]["index.html.gz.gz"])
        // Without the flag there are no copies.
        let plain = site.root + "/public-plain"
        _ = try SiteBuilder.build(BuildOptions(root: site.root, output: plain, now: now))
        XCTAssertFalse(FileManager.default.fileExists(atPath: plain + "/index.html.gz"))
    }
}
