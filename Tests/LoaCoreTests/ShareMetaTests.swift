import Foundation
import XCTest
@testable import LoaCore

final class ShareMetaTests: XCTestCase {
    static var site: FeedTestSite!
    static var report: BuildReport!

    override class func setUp() {
        super.setUp()
        site = try! FeedTestSite.standard()
        try! site.write("content/media/nho.png", ImageFixtures.png(width: 120, height: 90))
        try! site.write("content/articles/nho.md", Array(FeedTestSite.article("anh-nho", date: "2025-04-01",
                                                                          extra: "image: media/nho.png\nimage_alt: \"Ảnh nhỏ\"\n").utf8))
        report = try! site.build()
    }

    override class func tearDown() {
        site.remove()
        super.tearDown()
    }

    var page: String { try! ShareMetaTests.site.read("tin-tuc/tin-dac-biet/index.html") }

    func testArticlePageHasEveryTagWithAbsoluteURLs() throws {
        let html = page
        let url = "https://cchc.example.gov.vn/tin-tuc/tin-dac-biet/"
        let expected = [
            "<link rel=\"canonical\" href=\"\(url)\">",
            "<meta property=\"og:type\" content=\"article\">",
            "<meta property=\"og:title\" content=\"Tin &lt;script&gt;alert(1)&lt;/script&gt; &amp;",
            "<meta property=\"og:description\" content=\"Xem bài khác, mục, nguồn và ảnh.\">",
            "<meta property=\"og:url\" content=\"\(url)\">",
            "<meta property=\"og:locale\" content=\"vi_VN\">",
            "<meta property=\"og:site_name\" content=\"Cổng thông tin thử nghiệm\">",
            "<meta property=\"og:image\" content=\"https://cchc.example.gov.vn/media/anh.png\">",
            "<meta property=\"og:image:width\" content=\"800\">",
            "<meta property=\"og:image:height\" content=\"450\">",
            "<meta property=\"og:image:alt\" content=\"Ảnh hội nghị\">",
            "<meta property=\"article:published_time\" content=\"2025-05-20T08:30:00+07:00\">",
            "<meta property=\"article:modified_time\" content=\"2025-05-25T00:00:00+07:00\">",
            "<meta name=\"twitter:card\" content=\"summary_large_image\">",
            "<meta name=\"twitter:image\" content=\"https://cchc.example.gov.vn/media/anh.png\">",
            "<meta name=\"twitter:title\" content=\"Tin &lt;script&gt;",
            "<meta name=\"DC.title\" content=\"Tin &lt;script&gt;",
            "<meta name=\"DC.creator\" content=\"Trung tâm Văn hóa, Thể thao và Truyền thông huyện Thử nghiệm rất dài tên\">",
            "<meta name=\"DC.date\" content=\"2025-05-20T08:30:00+07:00\">",
            "<meta name=\"DC.description\" content=\"Xem bài khác",
            "<meta name=\"DC.publisher\" content=\"Ủy ban nhân dân huyện Thử\">",
            "<meta name=\"DC.identifier\" content=\"\(url)\">",
            "<meta name=\"DC.language\" content=\"vi\">",
            "<script type=\"application/ld+json\">",
        ]
        for tag in expected { XCTAssertTrue(html.contains(tag), "missing: \(tag)") }
    }

    func testJSONLDIsSafeInsideScriptAndParses() throws {
        let html = page
        let start = try XCTUnwrap(html.range(of: "<script type=\"application/ld+json\">"))
        let end = try XCTUnwrap(html.range(of: "</script>", range: start.upperBound..<html.endIndex))
        let json = String(html[start.upperBound..<end.lowerBound])
        // The hostile title holds "</script>" and "<!--": neither may appear raw.
        XCTAssertFalse(json.contains("<"))
        XCTAssertFalse(json.contains(">"))
        XCTAssertFalse(json.contains("&"))
        XCTAssertTrue(json.contains("\\u003c/script\\u003e"))
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let graph = try XCTUnwrap(object["@graph"] as? [[String: Any]])
        XCTAssertEqual(graph.map { $0["@type"] as? String }, ["GovernmentOrganization", "NewsArticle"])
        let article = graph[1]
        XCTAssertEqual(article["headline"] as? String, "Tin <script>alert(1)</script> & \"đặc biệt\" \u{1} </script><!--")
        XCTAssertEqual(article["datePublished"] as? String, "2025-05-20T08:30:00+07:00")
        XCTAssertEqual(article["dateModified"] as? String, "2025-05-25T00:00:00+07:00")
        XCTAssertEqual(article["mainEntityOfPage"] as? String, "https://cchc.example.gov.vn/tin-tuc/tin-dac-biet/")
        XCTAssertNotNil(article["author"] as? [String: Any])
        XCTAssertEqual((article["publisher"] as? [String: Any])?["@id"] as? String, "https://cchc.example.gov.vn/#to-chuc")
        XCTAssertEqual(((article["image"] as? [[String: Any]])?.first)?["url"] as? String, "https://cchc.example.gov.vn/media/anh.png")
        XCTAssertEqual(graph[0]["name"] as? String, "Ủy ban nhân dân huyện Thử")
    }

    /// The JSON-LD is assembled from a publisher node serialised once per site: it must be exactly what
    /// Foundation gives for the whole graph at once, escaped for `<script>`.
    func testJSONLDAssembledFromPartsEqualsFoundationOfTheWhole() throws {
        let json = try XCTUnwrap(page.components(separatedBy: "<script type=\"application/ld+json\">").dropFirst().first?
            .components(separatedBy: "</script>").first)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let whole = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        var escaped = String(decoding: whole, as: UTF8.self)
        for (raw, escape) in [("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u{2028}", "\\u2028"), ("\u{2029}", "\\u2029")] {
            escaped = escaped.replacingOccurrences(of: raw, with: escape)
        }
        XCTAssertEqual(json, escaped)
    }

    func testJSONForScriptEscapes() {
        XCTAssertEqual(JSONText.forScript(["a": "</script><!-- & \u{2028}"]), "{\"a\":\"\\u003c/script\\u003e\\u003c!-- \\u0026 \\u2028\"}")
    }

    /// The byte-level encoder gives Foundation's bytes: ASCII letters, digits and `-._~` kept, every other
    /// byte of the UTF-8 as uppercase `%XX`.
    func testPercentEncodingIsFoundations() {
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)..<Unicode.Scalar(128)))
        allowed.insert(charactersIn: "-._~")
        let samples = ["https://cchc.example.gov.vn/tin-tuc/tin-dac-biet/", "Đường dây nóng xã Phú Hòa?a=1&b=2#x",
                       "~a_b.c-d e+f%g/h", "\u{1F600} ổ \u{0}\t\n", "ÀÉỸđ", ""]
        for text in samples {
            XCTAssertEqual(ShareMeta.percentEncode(text), text.addingPercentEncoding(withAllowedCharacters: allowed), text)
        }
        XCTAssertEqual(ShareMeta.percentEncode("a b/đ"), "a%20b%2F%C4%91")
    }

    func testOtherPagesAreWebsitesWithTheDefaultCard() throws {
        let home = try ShareMetaTests.site.read("index.html")
        XCTAssertTrue(home.contains("<meta property=\"og:type\" content=\"website\">"))
        XCTAssertTrue(home.contains("<meta property=\"og:image\" content=\"https://cchc.example.gov.vn/assets/share-card.png\">"))
        XCTAssertTrue(home.contains("<meta property=\"og:image:width\" content=\"1200\">"))
        XCTAssertTrue(home.contains("<meta property=\"og:image:height\" content=\"630\">"))
        XCTAssertTrue(home.contains("<meta name=\"DC.language\" content=\"vi\">"))
        XCTAssertTrue(home.contains("\"@type\":\"GovernmentOrganization\""))
        XCTAssertTrue(home.contains("\"@type\":\"WebPage\""))
        XCTAssertFalse(home.contains("article:published_time"))
        // an article without an image is shared with the default card
        let plain = try ShareMetaTests.site.read("tin-tuc/bai-2/index.html")
        XCTAssertTrue(plain.contains("<meta property=\"og:image\" content=\"https://cchc.example.gov.vn/assets/share-card.png\">"))
    }

    func testShareLinksArePlainLinks() throws {
        let html = page
        let encoded = "https%3A%2F%2Fcchc.example.gov.vn%2Ftin-tuc%2Ftin-dac-biet%2F"
        XCTAssertTrue(html.contains("<a href=\"https://www.facebook.com/sharer/sharer.php?u=\(encoded)\" rel=\"noopener\">Facebook</a>"))
        XCTAssertTrue(html.contains("<a href=\"https://sp.zalo.me/share_inline?url=\(encoded)\" rel=\"noopener\">Zalo</a>"))
        XCTAssertTrue(html.contains("<a href=\"https://cchc.example.gov.vn/tin-tuc/tin-dac-biet/\">Liên kết bài viết</a>"))
        // no third-party script
        XCTAssertFalse(html.contains("<script src=\"http"))
        XCTAssertFalse(html.contains("connect.facebook.net"))
        XCTAssertFalse(html.contains("zalo.me/sdk"))
    }

    func testCheckWarnsAboutSmallShareImages() throws {
        let warnings = ShareMetaTests.report.warnings.map(\.description)
        XCTAssertTrue(warnings.contains { $0.hasPrefix("content/articles/nho.md:") && $0.contains("120×90") }, "\(warnings)")
        XCTAssertFalse(warnings.contains { $0.contains("share-card.png") })
    }

    func testCheckWarnsAboutImagesOverOneMegabyte() throws {
        let site = try FeedTestSite(files: [
            "content/site.yaml": FeedTestSite.siteYAML,
            "content/articles/lon.md": FeedTestSite.article("lon", date: "2025-01-01", extra: "image: media/lon.jpg\nimage_alt: \"Ảnh lớn\"\n"),
        ])
        defer { site.remove() }
        try site.write("content/media/lon.jpg", ImageFixtures.jpeg(width: 2400, height: 1600) + [UInt8](repeating: 0, count: 1_100_000))
        let report = try SiteBuilder.build(BuildOptions(root: site.root, now: FeedTestSite.now, dryRun: true))
        XCTAssertTrue(report.warnings.contains { $0.file == "content/articles/lon.md" && $0.message.contains("1 MB") },
                      "\(report.warnings)")
    }
}

extension ShareMetaTests {
    /// Done-when of issue 4: a sample article's page carries every tag, with absolute URLs.
    func testSampleArticlePageHasEveryTag() throws {
        let sample = try SampleSite.build()
        defer { sample.remove() }
        let path = "tin-tuc/ke-hoach-nang-cao-chi-so-cai-cach-hanh-chinh-xa-hoang-viet-nam-2024/index.html"
        let html = try sample.read(path)
        let head = try XCTUnwrap(html.components(separatedBy: "</head>").first)
        for name in ["og:title", "og:description", "og:url", "og:type", "og:locale", "og:site_name", "og:image",
                     "og:image:width", "og:image:height", "og:image:alt", "article:published_time", "article:modified_time"] {
            XCTAssertTrue(head.contains("<meta property=\"\(name)\" content=\""), name)
        }
        for name in ["twitter:card", "twitter:title", "twitter:description", "twitter:image", "twitter:image:alt",
                     "DC.title", "DC.creator", "DC.date", "DC.description", "DC.publisher", "DC.identifier", "DC.language"] {
            XCTAssertTrue(head.contains("<meta name=\"\(name)\" content=\""), name)
        }
        XCTAssertTrue(head.contains("<link rel=\"canonical\" href=\"https://"))
        XCTAssertTrue(head.contains("\"@type\":\"NewsArticle\""))
        XCTAssertTrue(head.contains("\"@type\":\"GovernmentOrganization\""))
        // every URL in a share tag is absolute
        let regex = try NSRegularExpression(pattern: "<meta property=\"og:(url|image)\" content=\"([^\"]*)\"|<link rel=\"(canonical|alternate)\"[^>]*href=\"([^\"]*)\"")
        let matches = regex.matches(in: head, range: NSRange(head.startIndex..., in: head))
        XCTAssertGreaterThanOrEqual(matches.count, 6)
        for match in matches {
            let group = match.range(at: 2).location != NSNotFound ? 2 : 4
            let url = String(head[Range(match.range(at: group), in: head)!])
            XCTAssertTrue(url.hasPrefix("https://cchc.vanquan.langson.gov.vn/"), url)
        }
    }
}
