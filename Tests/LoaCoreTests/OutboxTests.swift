import Foundation
import XCTest
@testable import LoaCore

final class OutboxTests: XCTestCase {
    func testTruncateOnAWordBoundary() {
        XCTAssertEqual(Outbox.truncate("ngắn", to: 10).0, "ngắn")
        XCTAssertFalse(Outbox.truncate("ngắn", to: 10).1)
        let (cut, truncated) = Outbox.truncate("Trung tâm Văn hóa, Thể thao và Truyền thông huyện", to: 25)
        XCTAssertTrue(truncated)
        XCTAssertEqual(cut, "Trung tâm Văn hóa, Thể…")
        XCTAssertLessThanOrEqual(cut.count, 25)
        // one long word: cut inside it
        XCTAssertEqual(Outbox.truncate(String(repeating: "a", count: 30), to: 10).0, "aaaaaaaaa…")
    }

    func testHashtags() {
        XCTAssertEqual(Outbox.hashtag("Tuyên truyền"), "#TuyênTruyền")
        XCTAssertEqual(Outbox.hashtag("PAR INDEX"), "#PARINDEX")
        XCTAssertEqual(Outbox.hashtag("chi-dao-dieu-hanh"), "#ChiDaoDieuHanh")
    }

    func testOutboxOfTheFixtureRespectsEveryLimit() throws {
        let site = try FeedTestSite.standard()
        defer { site.remove() }
        var long = "---\ntitle: \"" + String(repeating: "Cải cách hành chính ", count: 10) + "\"\ndate: 2025-04-01\nslug: dai\n"
        long += "summary: \"" + String(repeating: "Một câu tóm tắt khá dài. ", count: 20) + "\"\n---\nThân bài.\n"
        try site.write("content/articles/dai.md", Array(long.utf8))
        try site.build()
        let outbox = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(try site.read("social/outbox.json").utf8)) as? [String: Any])
        let articles = try XCTUnwrap(outbox["articles"] as? [[String: Any]])
        XCTAssertEqual(articles.compactMap { $0["id"] as? String },
                       ["tin-tuc/tin-dac-biet/", "tin-tuc/bai-6/", "tin-tuc/bai-5/", "tin-tuc/bai-4/", "tin-tuc/bai-3/",
                        "tin-tuc/bai-2/", "tin-tuc/dai/"], "newest first; no expired, draft or scheduled article")
        try OutboxTests.assertLimits(articles)
        let special = articles[0]
        let zalo = try XCTUnwrap(special["zalo"] as? [String: Any])
        XCTAssertEqual(zalo["type"] as? String, "normal")
        XCTAssertEqual(zalo["status"] as? String, "show")
        XCTAssertEqual((zalo["cover"] as? [String: Any])?["photo_url"] as? String, "https://cchc.example.gov.vn/media/anh.png")
        XCTAssertEqual((zalo["cover"] as? [String: Any])?["cover_type"] as? String, "photo")
        XCTAssertEqual(((zalo["body"] as? [[String: Any]])?.first)?["type"] as? String, "text")
        XCTAssertEqual((special["zalo_check"] as? [String: Any])?["truncated"] as? [String], ["author"])
        XCTAssertEqual(special["hashtags"] as? [String], ["#MộtCửa", "#SIPAS", "#TinĐịaPhương", "#CảiCáchHànhChính"])
        let text = try XCTUnwrap(special["text"] as? String)
        XCTAssertTrue(text.contains("\n\nXem chi tiết: https://cchc.example.gov.vn/tin-tuc/tin-dac-biet/\n\n#MộtCửa"))
        XCTAssertEqual((special["facebook"] as? [String: Any])?["link"] as? String, "https://cchc.example.gov.vn/tin-tuc/tin-dac-biet/")
        let long_ = try XCTUnwrap(articles.last)
        XCTAssertEqual(Set((long_["zalo_check"] as? [String: Any])?["truncated"] as? [String] ?? []), ["title", "description"])
        // without its own image an article uses the theme's card
        XCTAssertEqual(((articles[1]["zalo"] as? [String: Any])?["cover"] as? [String: Any])?["photo_url"] as? String,
                       "https://cchc.example.gov.vn/assets/share-card.png")
    }

    /// `outbox_items` bounds the outbox to the newest articles (and with them what `loa social post` may post).
    func testOutboxCarriesTheNewestOutboxItems() throws {
        let site = try FeedTestSite.standard()
        defer { site.remove() }
        let config = try String(contentsOfFile: site.root + "/content/site.yaml", encoding: .utf8)
        try site.write("content/site.yaml", Array((config + "outbox_items: 2\n").utf8))
        try site.build()
        let outbox = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(try site.read("social/outbox.json").utf8)) as? [String: Any])
        let articles = try XCTUnwrap(outbox["articles"] as? [[String: Any]])
        XCTAssertEqual(articles.compactMap { $0["id"] as? String }, ["tin-tuc/tin-dac-biet/", "tin-tuc/bai-6/"])

        try site.write("content/site.yaml", Array((config + "outbox_items: 0\n").utf8))
        XCTAssertThrowsError(try site.build()) { error in
            XCTAssertTrue("\(error)".contains("outbox_items phải từ 1 đến 500"), "\(error)")
        }
    }

    func testOutboxOfTheSampleSiteRespectsEveryLimit() throws {
        let sample = try SampleSite.build()
        defer { sample.remove() }
        let outbox = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(try sample.read("social/outbox.json").utf8)) as? [String: Any])
        let articles = try XCTUnwrap(outbox["articles"] as? [[String: Any]])
        XCTAssertFalse(articles.isEmpty)
        try OutboxTests.assertLimits(articles)
    }

    static func assertLimits(_ articles: [[String: Any]]) throws {
        for article in articles {
            let zalo = try XCTUnwrap(article["zalo"] as? [String: Any])
            XCTAssertLessThanOrEqual((zalo["title"] as? String ?? "").count, 150)
            XCTAssertLessThanOrEqual((zalo["description"] as? String ?? "").count, 300)
            XCTAssertLessThanOrEqual((zalo["author"] as? String ?? "").count, 50)
            XCTAssertFalse((zalo["title"] as? String ?? "").isEmpty)
            let check = try XCTUnwrap(article["zalo_check"] as? [String: Any])
            XCTAssertLessThanOrEqual(check["cover_bytes"] as? Int ?? 0, 1_048_576)
            XCTAssertNotNil(zalo["cover"], "Zalo needs a cover")
            XCTAssertTrue((article["url"] as? String ?? "").hasPrefix("https://"))
        }
    }
}
