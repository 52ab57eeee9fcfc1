import Foundation
import XCTest
@testable import LoaCore

/// An edit of nothing but article bodies is written into the files holding them (`BodyOnlyEdit`): the
/// result must be the clean build's, and any other edit must go the usual way.
final class BodyOnlyEditTests: XCTestCase {
    /// The site built again from scratch into another folder, for comparison.
    func clean(_ site: ScratchSite, _ options: BuildOptions) throws -> Tree {
        var options = options
        options.output = site.root + "/clean"
        options.useCache = false
        try? FileManager.default.removeItem(atPath: options.output)
        _ = try SiteBuilder.build(options)
        return Tree(options.output)
    }

    /// Writes article `n`, builds, checks that the edit was written in place or not, and that the output is
    /// the clean build's.
    @discardableResult
    func edit(_ site: ScratchSite, _ options: BuildOptions, _ n: Int, body: String, title: String? = nil,
              inPlace: Bool, line: UInt = #line) throws -> BuildReport {
        site.write("content/articles/b\(n).md", article(n, body: body, title: title))
        let report = try SiteBuilder.build(options)
        XCTAssertEqual(report.statistics?.editedInPlace, inPlace, "b\(n): \(body)", line: line)
        XCTAssertEqual(Tree(options.output), try clean(site, options), "b\(n): \(body)", line: line)
        return report
    }

    func article(_ n: Int, body: String, title: String? = nil) -> String {
        "---\ntitle: \"\(title ?? "Bài \(n)")\"\ndate: 2024-05-0\(n)\n---\n\(body)\n"
    }

    func testBodyEditsAreWrittenInPlaceAndEqualACleanBuild() throws {
        let (site, options) = try ScratchSite.withArticles(name: "in-place", 6)
        defer { site.remove() }
        _ = try SiteBuilder.build(options)

        // The same words (terms), the same first paragraph: only the HTML differs, in the page, the feeds
        // that carry the article and the outbox; characters each form escapes differently.
        var before = Tree(options.output)
        site.write("content/articles/b3.md", article(3, body: "Nội dung 3.\n\n*Nội dung* **3** & \"nội\" <dung> 'dung'."))
        var report = try SiteBuilder.build(options)
        XCTAssertEqual(report.statistics?.editedInPlace, true)
        XCTAssertTrue(report.changes.modified.contains("tin-tuc/bai-3/index.html"))
        XCTAssertTrue(report.changes.modified.contains("feeds/rss.xml"))
        XCTAssertTrue(report.changes.modified.contains("feeds/feed.json"))
        XCTAssertTrue(report.changes.modified.contains(Outbox.path))
        var after = Tree(options.output)
        XCTAssertEqual(after, try clean(site, options))
        XCTAssertEqual(report.changes.modified.sorted(), after.changes(from: before).modified)
        for (path, inode) in after.inodes where before.files[path] == after.files[path] {
            XCTAssertEqual(inode, before.inodes[path], "\(path) was rewritten")
        }
        XCTAssertTrue(try SiteBuilder.build(options).upToDate)

        // Again, and another article in the same feeds: the other bodies in a file moved with the first.
        before = after
        site.write("content/articles/b3.md", article(3, body: "Nội dung 3.\n\n*Nội dung* — dung."))
        site.write("content/articles/b4.md", article(4, body: "Nội dung 4.\n\n> Nội dung **4**, nội dung."))
        report = try SiteBuilder.build(options)
        XCTAssertEqual(report.statistics?.editedInPlace, true)
        after = Tree(options.output)
        XCTAssertEqual(after, try clean(site, options))
        XCTAssertEqual(report.changes.modified.sorted(), after.changes(from: before).modified)

        // Words new to the article and to the site, then taken out again: the search index's files too.
        for body in ["Nội dung 3.\n\nMột từ mới: xyzabc.", "Nội dung 3.\n\nMột từ mới.", "Nội dung 3."] {
            before = after
            site.write("content/articles/b3.md", article(3, body: body))
            report = try SiteBuilder.build(options)
            XCTAssertEqual(report.statistics?.editedInPlace, true, body)
            XCTAssertEqual(report.statistics?.searchIndexReused, false, body)
            after = Tree(options.output)
            XCTAssertEqual(after, try clean(site, options), body)
            let diff = after.changes(from: before)
            XCTAssertEqual(report.changes.modified.sorted(), diff.modified, body)
            XCTAssertEqual(report.changes.added.sorted(), diff.added, body)
            XCTAssertEqual(report.changes.removed.sorted(), diff.removed, body)
            XCTAssertTrue(report.changes.modified.contains("tim-kiem/index.html"), "the page names the index's version")
        }
        XCTAssertTrue(try SiteBuilder.build(options).upToDate)

        // The usual way: a new first paragraph, a new title.
        for (n, body, title) in [(4, "Nội dung bốn.", nil), (5, "Nội dung 5.", "Bài năm")] {
            report = try edit(site, options, n, body: body, title: title, inPlace: false)
        }
        // After a build the usual way, bodies are located again.
        report = try edit(site, options, 5, body: "Nội dung 5.\n\n_Nội dung 5._", title: "Bài năm", inPlace: true)
    }

    /// Where a body cannot be told apart from the rest of a file, or a kind of output not recorded is on,
    /// the edit goes the usual way.
    func testBodiesNotLocatedAreBuiltTheUsualWay() throws {
        let (site, options) = try ScratchSite.withArticles(name: "in-place-no", 4)
        defer { site.remove() }
        // A theme that also shows the body as text: only the raw copy would be replaced.
        let template = "themes/default/templates/article.mustache"
        site.write(template, site.read(template)! + "<template>{{article.html}}</template>\n")
        _ = try SiteBuilder.build(options)
        try edit(site, options, 2, body: "Nội dung 2.\n\n*Nội dung*.", inPlace: false)

        // Two bodies the same in one feed: neither can be located there.
        site.write(template, site.read(template)!.replacingOccurrences(of: "<template>{{article.html}}</template>\n", with: ""))
        site.write("content/articles/b1.md", article(1, body: "Cùng nội dung."))
        site.write("content/articles/b2.md", article(2, body: "Cùng nội dung."))
        _ = try SiteBuilder.build(options)
        try edit(site, options, 2, body: "Cùng nội dung.\n\n*Cùng*.", inPlace: false)

        // `--gzip`: the compressed copies hold the bodies too.
        var gzip = options
        gzip.gzip = true
        _ = try SiteBuilder.build(gzip)
        try edit(site, gzip, 3, body: "Nội dung 3.\n\n**Nội dung**.", inPlace: false)
        // Back without it: the copies go, the pages are kept (the record tells where their bodies are), and
        // the next edit is written in place.
        let back = try edit(site, options, 3, body: "Nội dung 3.\n\n_Nội dung_.", inPlace: false)
        XCTAssertTrue(back.changes.removed.contains { $0.hasSuffix(".gz") })
        XCTAssertFalse(back.changes.modified.contains("tin-tuc/bai-1/index.html"))
        XCTAssertGreaterThan(back.statistics!.pagesReused, 0)
        try edit(site, options, 3, body: "Nội dung 3.\n\n*Nội dung*.", inPlace: true)
    }

    /// A record of where bodies are that is lost or broken is made again by the next build, which makes
    /// the files showing bodies again (and keeps their old files where the bytes are the same).
    func testALostRecordIsMadeAgainByTheNextBuild() throws {
        let (site, options) = try ScratchSite.withArticles(name: "in-place-lost", 4)
        defer { site.remove() }
        _ = try SiteBuilder.build(options)
        let cache = site.root + "/.loa-cache"
        let record = try XCTUnwrap(OutputWriter.listFiles(cache).first { $0.hasPrefix("embeds-") })
        var bytes = try XCTUnwrap(FileManager.default.contents(atPath: cache + "/" + record))
        bytes[bytes.count - 3] ^= 0x5A   // past the header: found only when the whole file is read
        try bytes.write(to: URL(fileURLWithPath: cache + "/" + record))
        let before = Tree(options.output)

        site.write("content/articles/b2.md", article(2, body: "Nội dung 2.\n\n*Nội dung*."))
        var report = try SiteBuilder.build(options)
        XCTAssertEqual(report.statistics?.editedInPlace, false)
        XCTAssertGreaterThanOrEqual(report.statistics!.pagesRendered, 4 + 3 + 1, "the pages, the feed files and the outbox")
        let after = Tree(options.output)
        XCTAssertEqual(after, try clean(site, options))
        for (path, inode) in after.inodes where before.files[path] == after.files[path] {
            XCTAssertEqual(inode, before.inodes[path], "\(path) was rewritten")
        }
        report = try edit(site, options, 2, body: "Nội dung 2.\n\n**Nội dung**.", inPlace: true)
    }

    func testBodiesAreLocatedOnlyWhereTheyOccurOnce() {
        XCTAssertEqual(BodyEmbed.onlyOccurrence(of: Array("ab".utf8), in: Array("xxabyy".utf8)), 2)
        XCTAssertNil(BodyEmbed.onlyOccurrence(of: Array("ab".utf8), in: Array("abxab".utf8)))
        XCTAssertNil(BodyEmbed.onlyOccurrence(of: Array("aa".utf8), in: Array("aaa".utf8)))   // overlapping
        XCTAssertNil(BodyEmbed.onlyOccurrence(of: Array("ab".utf8), in: Array("xyz".utf8)))
        XCTAssertNil(BodyEmbed.onlyOccurrence(of: [], in: Array("xyz".utf8)))
        // The feeds escape a longer text than the body: escaping must work piece by piece.
        var rng = SeededRandom(seed: 7)
        let pieces = ["<p>", "&amp;", "\"", "'", "\\", "\n", "\t", "\u{1}", "ệ", "đ", "\u{FFFE}", "]]>", "a", " "]
        for _ in 0..<300 {
            let a = (0..<Int.random(in: 0...8, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            let b = (0..<Int.random(in: 0...8, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            for form in [BodyEmbed.Form.xml, .json] {
                XCTAssertEqual(BodyEmbed.escaped(a + b, form: form), BodyEmbed.escaped(a, form: form) + BodyEmbed.escaped(b, form: form))
            }
        }
    }

    func testLongBodiesAreFoundByTheirFirstBytes() {
        // Past `probeLength` bytes a body is looked for by its first bytes, each place those occur then
        // compared whole: decoys that share the head must not count.
        let head = Array(repeating: UInt8(ascii: "a"), count: BodyEmbed.probeLength)
        let needle = head + Array("<p>thân bài</p>".utf8), decoy = head + Array("<p>khác</p>".utf8)
        XCTAssertEqual(BodyEmbed.onlyOccurrence(of: needle, in: decoy + decoy + needle + decoy), 2 * decoy.count)
        XCTAssertNil(BodyEmbed.onlyOccurrence(of: needle, in: decoy + needle + needle))
        XCTAssertNil(BodyEmbed.onlyOccurrence(of: needle, in: decoy + needle.dropLast()), "cut short by the file's end")
        XCTAssertNil(BodyEmbed.onlyOccurrence(of: needle, in: Array(needle.dropFirst())))
        // Against a search that compares every position, on texts of two letters, where heads repeat.
        func everyPlace(_ needle: [UInt8], _ haystack: [UInt8]) -> [Int] {
            haystack.count < needle.count ? [] : (0...(haystack.count - needle.count)).filter {
                haystack[$0..<($0 + needle.count)].elementsEqual(needle)
            }
        }
        var rng = SeededRandom(seed: 11)
        func text(_ count: Int) -> [UInt8] { (0..<count).map { _ in Int.random(in: 0..<8, using: &rng) == 0 ? 0x62 : 0x61 } }
        for _ in 0..<60 {
            let needle = text(Int.random(in: 200...400, using: &rng))
            var near = needle
            near[Int.random(in: 0..<needle.count, using: &rng)] ^= 0x03
            var haystack: [UInt8] = []
            for _ in 0..<Int.random(in: 1...5, using: &rng) {
                haystack += text(Int.random(in: 0...300, using: &rng))
                haystack += [needle, near, near][Int.random(in: 0..<3, using: &rng)]
            }
            let places = everyPlace(needle, haystack)
            XCTAssertEqual(BodyEmbed.onlyOccurrence(of: needle, in: haystack), places.count == 1 ? places[0] : nil)
            XCTAssertEqual(BodyEmbed.occurs(needle, in: haystack), !places.isEmpty)
        }
        // A page showing a long body also escaped; its escaped head alone is not enough.
        let body = "<p>" + String(repeating: "Nội dung “trích dẫn” & số liệu ", count: 20) + "</p>"
        let escaped = HTML.escape(body)
        XCTAssertFalse(BodyEmbed.showsEscaped(body, in: Array(("x" + body + "y").utf8)))
        XCTAssertTrue(BodyEmbed.showsEscaped(body, in: Array((body + escaped).utf8)))
        XCTAssertFalse(BodyEmbed.showsEscaped(body, in: Array((body + escaped.dropLast(4)).utf8)))
        let plain = String(repeating: "Không có ký tự cần thoát. ", count: 20)
        XCTAssertFalse(BodyEmbed.showsEscaped(plain, in: Array((plain + plain).utf8)), "escaping changes nothing")
    }
}
