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
        let jobs = CompressedCopies.interleaving(files.map { file in RenderJob(path: file.path) { file.contents } },
                                                 cache: nil, output: "/nowhere", log: DiagnosticLog())
        // Each copy right after its file, so the two share one making of the bytes.
        XCTAssertEqual(jobs.map(\.path), ["index.html", "index.html.gz", "assets/style.css", "assets/style.css.gz",
                                           "assets/site.js", "assets/site.js.gz", "feed.xml", "feed.xml.gz", "a.json",
                                           "a.json.gz", "emblem.svg", "emblem.svg.gz", "unit.vcf", "unit.vcf.gz",
                                           "media/photo.jpg", "media/report.pdf"])
        // Made once for both, whichever asks first.
        nonisolated(unsafe) var made = 0
        let counted = CompressedCopies.interleaving([RenderJob(path: "a.html") { made += 1; return .bytes(Array("xin chào".utf8)) }],
                                                    cache: nil, output: "/nowhere", log: DiagnosticLog())
        guard case .bytes(let packed) = counted[1].make(), case .bytes(let plain) = counted[0].make() else { return XCTFail() }
        XCTAssertEqual(made, 1)
        XCTAssertEqual(Gzip.decompress(packed), plain)
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

    /// With the cache, an edit compresses again only the copies of the files it changed; the rest are kept,
    /// a lost or altered copy is made again, a rebuild with nothing changed is a no-op, and the output is
    /// always that of a clean `--gzip` build.
    func testIncrementalGzipKeepsTheCopiesOfUnchangedFiles() throws {
        let (site, plainOptions) = try ScratchSite.withArticles(name: "gzip-incremental", 4)
        defer { site.remove() }
        var options = plainOptions
        options.gzip = true
        let output = site.root + "/public"
        func matchesCleanBuild(_ name: String) throws {
            let clean = site.root + "/clean-" + name
            var cleanOptions = options
            (cleanOptions.output, cleanOptions.useCache) = (clean, false)
            _ = try SiteBuilder.build(cleanOptions)
            let (built, expected) = (Tree(output), Tree(clean))
            XCTAssertTrue(built == expected, "\(name): \(built.firstDifference(expected))")
        }
        let first = try SiteBuilder.build(options)
        let copies = first.changes.added.filter { $0.hasSuffix(".gz") }
        XCTAssertGreaterThan(copies.count, 20)
        XCTAssertEqual(Set(copies), Set(first.changes.added.filter { CompressedCopies.isCompressible($0) }.map { $0 + ".gz" }))
        try matchesCleanBuild("first")

        site.write("content/articles/b2.md", "---\ntitle: \"Bài 2\"\ndate: 2024-05-02\n---\nNội dung 2, sửa lại.\n")
        let edit = try SiteBuilder.build(options)
        let page = try XCTUnwrap(edit.changes.modified.first { $0.hasSuffix("bai-2/index.html") })
        XCTAssertTrue(edit.changes.modified.contains(page + ".gz"))
        // The copies that changed are exactly those of the files that changed; the others were kept.
        XCTAssertEqual(Set(edit.changes.modified.filter { $0.hasSuffix(".gz") }),
                       Set(edit.changes.modified.filter { CompressedCopies.isCompressible($0) }.map { $0 + ".gz" }))
        let madeCopies = (edit.changes.modified + edit.changes.added).filter { $0.hasSuffix(".gz") }.count
        XCTAssertEqual(edit.statistics?.copiesCompressed, madeCopies)
        let copiesNow = OutputWriter.listFiles(output).filter { $0.hasSuffix(".gz") }.count
        XCTAssertEqual(edit.statistics?.copiesKept, copiesNow - madeCopies)
        XCTAssertGreaterThan(edit.statistics!.copiesKept, madeCopies)
        try matchesCleanBuild("edit")

        XCTAssertTrue(try SiteBuilder.build(options).upToDate)
        let victim = copies[copies.count / 2]
        try OutputWriter.writeBytes(Array("hỏng".utf8), to: output + "/" + victim)
        let mended = try SiteBuilder.build(options)
        XCTAssertEqual(mended.changes.modified, [victim])
        XCTAssertEqual(mended.statistics?.copiesCompressed, 1)
        try matchesCleanBuild("mended")
    }
}
