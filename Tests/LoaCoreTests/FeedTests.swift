import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest
@testable import LoaCore

final class FeedTests: XCTestCase {
    var site: FeedTestSite { FeedTestSite.sharedBuilt }

    func testEveryFeedExistsInThreeFormats() throws {
        for folder in ["feeds/", "feeds/don-vi/hoang-viet/", "feeds/don-vi/dong-son/", "feeds/chuyen-muc/tin-dia-phuong/"] {
            for file in ["rss.xml", "atom.xml", "feed.json"] {
                XCTAssertTrue(site.exists(folder + file), folder + file)
            }
        }
        let list = try site.read("feeds/index.html")
        XCTAssertTrue(list.contains("<title>Nguồn tin (RSS)"))
        XCTAssertTrue(list.contains("https://cchc.example.gov.vn/feeds/don-vi/hoang-viet/atom.xml"))
    }

    func testItemCountsFollowFeedItemsAndLeaveOutExpiredDraftAndScheduled() throws {
        let json = try feedJSON("feeds/feed.json")
        let items = try XCTUnwrap(json["items"] as? [[String: Any]])
        // feed_items: 3 → the three newest syndicated articles, newest first; not the expired (05-30),
        // the draft or the scheduled one, which are newer.
        XCTAssertEqual(items.compactMap { $0["id"] as? String }, [
            "https://cchc.example.gov.vn/tin-tuc/tin-dac-biet/",
            "https://cchc.example.gov.vn/tin-tuc/bai-6/",
            "https://cchc.example.gov.vn/tin-tuc/bai-5/",
        ])
        let rss = try site.read("feeds/rss.xml")
        XCTAssertEqual(rss.components(separatedBy: "<item>").count - 1, 3)
        let atom = try site.read("feeds/atom.xml")
        XCTAssertEqual(atom.components(separatedBy: "<entry>").count - 1, 3)
        for text in [rss, atom] {
            XCTAssertFalse(text.contains("het-han"))
            XCTAssertFalse(text.contains("nhap"))
            XCTAssertFalse(text.contains("hen-gio"))
        }
        // the unit feed: the expired article of hoang-viet is out, only the special one is left
        let unit = try XCTUnwrap(try feedJSON("feeds/don-vi/hoang-viet/feed.json")["items"] as? [[String: Any]])
        XCTAssertEqual(unit.count, 1)
    }

    func testFeedDateIsTheNewestItemsDate() throws {
        let atom = try site.read("feeds/atom.xml")
        // the newest item was updated on 2025-05-25 (a day, so midnight in Vietnam)
        XCTAssertTrue(atom.contains("<updated>2025-05-25T00:00:00+07:00</updated>\n<link rel=\"self\""), atom)
        let rss = try site.read("feeds/rss.xml")
        XCTAssertTrue(rss.contains("<lastBuildDate>Sun, 25 May 2025 00:00:00 +0700</lastBuildDate>"))
        XCTAssertTrue(rss.contains("<pubDate>Tue, 20 May 2025 08:30:00 +0700</pubDate>"))
        let item = try XCTUnwrap((try feedJSON("feeds/feed.json")["items"] as? [[String: Any]])?.first)
        XCTAssertEqual(item["date_published"] as? String, "2025-05-20T08:30:00+07:00")
        XCTAssertEqual(item["date_modified"] as? String, "2025-05-25T00:00:00+07:00")
    }

    func testEmptyFeedTakesTheSitesNewestDateNotTheClock() throws {
        // a unit whose only article expired: empty feed, dated by the site's newest article
        let site = try FeedTestSite(files: [
            "content/site.yaml": FeedTestSite.siteYAML, "content/units.yaml": FeedTestSite.unitsYAML,
            "content/articles/x.md": FeedTestSite.article("x", date: "2024-03-01", extra: "expires: 2024-04-01\nunits: [ hoang-viet ]\n"),
            "content/articles/y.md": FeedTestSite.article("y", date: "2024-02-01"),
        ])
        defer { site.remove() }
        try site.build()
        let atom = try site.read("feeds/don-vi/hoang-viet/atom.xml")
        XCTAssertFalse(atom.contains("<entry>"))
        XCTAssertTrue(atom.contains("<updated>2024-03-01T00:00:00+07:00</updated>"))
    }

    func testContentURLsAreAbsolute() throws {
        let item = try XCTUnwrap((try feedJSON("feeds/feed.json")["items"] as? [[String: Any]])?.first)
        let html = try XCTUnwrap(item["content_html"] as? String)
        XCTAssertTrue(html.contains("href=\"https://cchc.example.gov.vn/tin-tuc/bai-2/\""), html)
        XCTAssertTrue(html.contains("href=\"https://cchc.example.gov.vn/tin-tuc/tin-dac-biet/#muc\""), html)
        XCTAssertTrue(html.contains("src=\"https://cchc.example.gov.vn/media/anh.png\""), html)
        XCTAssertTrue(html.contains("href=\"https://example.org/x?a=1&amp;b=2\""), html)
        XCTAssertFalse(html.contains("href=\"/"))
        XCTAssertFalse(html.contains("src=\"/"))
        XCTAssertEqual(item["image"] as? String, "https://cchc.example.gov.vn/media/anh.png")
    }

    func testAbsoluteHTMLWithABasePath() {
        var config = SiteConfig(title: "t", baseURL: "https://example.gov.vn/cchc/", theme: "default",
                                jurisdiction: .init(name: "j", level: "district"), responsible: .init(),
                                social: .init(), perPage: 10, categoryNames: [:])
        config.feedItems = 5
        let urls = SiteURLs(config: config)
        let html = "<a href=\"/cchc/tin-tuc/a/\">a</a><a href=\"/khac/\">b</a><img src=\"//cdn.example/x.png\" alt=\"\"><a href=\"mailto:a@b.c\">m</a>"
        XCTAssertEqual(AbsoluteHTML.rewrite(html, urls: urls, pageURL: "https://example.gov.vn/cchc/p/"),
                       "<a href=\"https://example.gov.vn/cchc/tin-tuc/a/\">a</a><a href=\"https://example.gov.vn/khac/\">b</a><img src=\"https://cdn.example/x.png\" alt=\"\"><a href=\"mailto:a@b.c\">m</a>")
    }

    func testXMLEscapingAndInvalidCharacters() throws {
        XCTAssertEqual(XMLText.escape("a<b>&\"c'\u{1}\u{B}\u{FFFE}\tđ"), "a&lt;b&gt;&amp;&quot;c&apos;\tđ")
        // Only the whole sequences of U+FFFE/U+FFFF are forbidden: "ế" and "ở" end in the same byte 0xBF.
        XCTAssertFalse(XMLText.needsStripping("Kiến nghị, phản ánh ở xã\u{FFFD}"))
        XCTAssertTrue(XMLText.needsStripping("ế\u{FFFF}"))
        XCTAssertTrue(XMLText.needsStripping("a\u{1F}"))
        XCTAssertEqual(XMLText.escape("Kiến\u{FFFF} nghị\u{0}"), "Kiến nghị")
        let rss = try site.read("feeds/rss.xml")
        XCTAssertFalse(rss.unicodeScalars.contains { !XMLText.isAllowed($0) })
        XCTAssertTrue(rss.contains("<title>Tin &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;đặc biệt&quot;"), rss)
        XCTAssertTrue(XMLParser(data: Data(rss.utf8)).parse())
        XCTAssertTrue(XMLParser(data: Data(try site.read("feeds/atom.xml").utf8)).parse())
    }

    func testRFC822Weekdays() {
        XCTAssertEqual(XMLText.rfc822(ContentDate(parsing: "1970-01-01")!), "Thu, 01 Jan 1970 00:00:00 +0700")
        XCTAssertEqual(XMLText.rfc822(ContentDate(parsing: "2024-02-29T23:59:59+07:00")!), "Thu, 29 Feb 2024 23:59:59 +0700")
        XCTAssertEqual(XMLText.rfc822(ContentDate(parsing: "2024-04-21T20:00:00Z")!), "Mon, 22 Apr 2024 03:00:00 +0700")
    }

    func testAutodiscoveryOnHomeUnitAndCategoryPages() throws {
        let home = try site.read("index.html")
        XCTAssertTrue(home.contains("<link rel=\"alternate\" type=\"application/rss+xml\" title=\"Cổng thông tin thử nghiệm (RSS)\" href=\"https://cchc.example.gov.vn/feeds/rss.xml\">"))
        XCTAssertTrue(home.contains("type=\"application/atom+xml\""))
        XCTAssertTrue(home.contains("type=\"application/feed+json\""))
        XCTAssertFalse(home.contains("feeds/don-vi/"))
        let unit = try site.read("don-vi/hoang-viet/index.html")
        XCTAssertTrue(unit.contains("href=\"https://cchc.example.gov.vn/feeds/don-vi/hoang-viet/rss.xml\""))
        let category = try site.read("chuyen-muc/tin-dia-phuong/index.html")
        XCTAssertTrue(category.contains("href=\"https://cchc.example.gov.vn/feeds/chuyen-muc/tin-dia-phuong/atom.xml\""))
        let secondPage = try site.read("chuyen-muc/tin-dia-phuong/trang/2/index.html")
        XCTAssertTrue(secondPage.contains("feeds/chuyen-muc/tin-dia-phuong/rss.xml"))
    }

    func testFeedsAreDeterministic() throws {
        let first = try site.read("feeds/feed.json") + site.read("feeds/rss.xml") + site.read("feeds/atom.xml")
        let again = try FeedTestSite.standard()
        defer { again.remove() }
        try again.build(now: ContentDate(parsing: "2025-06-02T09:00:00+07:00")!)
        XCTAssertEqual(first, try again.read("feeds/feed.json") + again.read("feeds/rss.xml") + again.read("feeds/atom.xml"))
    }

    /// The index every page uses gives the same feeds, in the same order, as testing every feed.
    func testFeedIndexAgreesWithTheCatalogue() {
        func spec(_ scope: FeedSpec.Scope, _ page: String) -> FeedSpec {
            FeedSpec(scope: scope, folder: "feeds/\(page)", title: page, description: "", pagePath: page, articles: [])
        }
        let feeds = [spec(.unit("a"), "don-vi/a/"), spec(.site, ""), spec(.category("k"), "chuyen-muc/k/"),
                     spec(.unit("b"), "don-vi/b/"), spec(.category("k2"), "don-vi/a/"), spec(.unit("t"), "trang/")]
        let index = FeedCatalog.Index(feeds)
        let paths = ["", "index.html", "don-vi/a/", "don-vi/a/trang/2/", "don-vi/ab/", "don-vi/b/trang/3/",
                     "chuyen-muc/k/trang/10/", "chuyen-muc/k2/", "tin-tuc/bai/", "trang/", "trang/trang/2/",
                     "don-vi/a/trang/", "don-vi/a/xtrang/2/"]
        for path in paths {
            XCTAssertEqual(index.feeds(forPage: path), FeedCatalog.feeds(forPage: path, in: feeds), path)
        }
        XCTAssertEqual(index.feeds(forPage: "don-vi/a/trang/2/").map(\.title), ["don-vi/a/", "don-vi/a/", ""])
    }

    func feedJSON(_ path: String) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(try site.read(path).utf8)) as? [String: Any])
    }
}
