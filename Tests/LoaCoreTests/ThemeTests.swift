import Foundation
import XCTest
@testable import LoaCore

/// The default theme's promises, checked on every page of small sites rendered in memory.
final class ThemeTests: XCTestCase {
    static let files: [String: String] = [
        "content/articles/2024/a.md": TestSite.article(title: "Tuyên truyền cải cách hành chính", date: "2024-05-02",
            extra: "units: [hoang-viet]\ncategory: tuyen-truyen\ntags: [SIPAS]\nupdated: 2024-05-20\n",
            body: "## Mục một\n\nĐoạn.\n\n### Mục nhỏ\n\n```csv Kết quả\nXã,Điểm\nHoàng Việt,92\n```\n"),
        "content/articles/2024/b.md": TestSite.article(title: "Kế hoạch năm 2024", date: "2024-04-01", extra: "category: ke-hoach\n"),
        "content/articles/2024/c.md": TestSite.article(title: "Bài thứ ba", date: "2024-03-01"),
        "content/pages/gioi-thieu.md": TestSite.article(title: "Giới thiệu", date: "2024-01-01"),
    ]

    func testEveryPageHasOneH1AndVietnameseLanguage() throws {
        let site = try TestSite(files: Self.files)
        defer { site.remove() }
        let built = try site.render()
        let pages = built.files.keys.filter { $0.hasSuffix(".html") }.sorted()
        XCTAssertGreaterThan(pages.count, 15)
        for path in pages {
            let html = built.files.text(path)!
            XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"vi\">"), path)
            XCTAssertEqual(html.components(separatedBy: "<h1").count - 1, 1, "\(path): exactly one h1")
            XCTAssertTrue(html.contains(##"<a class="skip-link" href="#noi-dung">"##), path)
            XCTAssertTrue(html.contains(#"<main id="noi-dung""#), path)
            XCTAssertTrue(html.contains("Ủy ban nhân dân huyện Thử Nghiệm"), "\(path): jurisdiction in header")
            XCTAssertTrue(html.contains("Chịu trách nhiệm nội dung: Nguyễn Văn A"), "\(path): responsible person in footer")
            XCTAssertTrue(html.contains(#"href="tel:+842053830123""#), "\(path): tel: link without spaces")
            XCTAssertTrue(html.contains("Cập nhật: <time"), "\(path): cập nhật date")
            XCTAssertTrue(html.contains(#"<label class="visually-hidden" for="q-dau-trang">"#), path)
            XCTAssertFalse(html.contains("<h1></h1>"), path)
        }
        let article = built.files.text("tin-tuc/tuyen-truyen-cai-cach-hanh-chinh/index.html")!
        XCTAssertTrue(article.contains(#"Cập nhật: <time datetime="2024-05-20">20/05/2024</time>"#))
        XCTAssertTrue(article.contains(#"<th scope="col">Xã</th>"#))
        XCTAssertTrue(article.contains("data-print hidden"), "print button hidden until the script shows it")
        // List pages: items are h2 under the h1; the home page puts them under its h2 sections.
        XCTAssertTrue(built.files.text("tin-tuc/index.html")!.contains(#"<h2 class="item-title">"#))
        XCTAssertTrue(built.files.text("index.html")!.contains(#"<h3 class="item-title">"#))
    }

    func testNoticeBannerAsTextOrWithDates() throws {
        let plain = try TestSite(config: TestSite.siteYAML + "\nnotice: \"Tạm ngừng dịch vụ công ngày 30/6\"\n")
        defer { plain.remove() }
        let html = try plain.render().files.text("index.html")!
        XCTAssertTrue(html.contains(#"<section class="notice" aria-label="Thông báo"><p><strong>Thông báo:</strong> Tạm ngừng dịch vụ công ngày 30/6</p></section>"#))

        let dated = try TestSite(config: TestSite.siteYAML + """

        notice:
          text: "Bảo trì hệ thống"
          from: 2024-06-10
          until: 2024-06-12
        """)
        defer { dated.remove() }
        for (now, shown) in [("2024-06-09", false), ("2024-06-10", true), ("2024-06-12", true), ("2024-06-13", false)] {
            let files = try dated.render(now: now).files
            for path in ["index.html", "404.html", "tim-kiem/index.html"] {
                XCTAssertEqual(files.text(path)!.contains("Bảo trì hệ thống"), shown, "\(path) on \(now)")
            }
        }
        XCTAssertFalse(try TestSite(config: TestSite.siteYAML).render().files.text("index.html")!.contains("class=\"notice\""))
    }

    func testNoticeWithoutTextIsAnError() throws {
        let site = try TestSite(config: TestSite.siteYAML + "\nnotice: { from: 2024-06-10 }\n")
        defer { site.remove() }
        XCTAssertThrowsError(try site.render()) { error in
            let text = (error as? BuildFailure)?.description ?? ""
            XCTAssertTrue(text.contains("content/site.yaml:"), text)
        }
    }

    func testEmblemSlot() throws {
        let site = try TestSite(config: TestSite.siteYAML + "\nemblem: media/quoc-huy.svg\n",
                                files: ["content/media/quoc-huy.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"])
        defer { site.remove() }
        let html = try site.render().files.text("index.html")!
        XCTAssertTrue(html.contains(#"<img class="emblem" src="/media/quoc-huy.svg" alt="" width="56" height="56">"#))

        let missing = try TestSite(config: TestSite.siteYAML + "\nemblem: media/khong-co.svg\n")
        defer { missing.remove() }
        XCTAssertThrowsError(try missing.render())
        let empty = try TestSite()
        defer { empty.remove() }
        XCTAssertTrue(try empty.render().files.text("index.html")!.contains(#"<span class="emblem emblem-empty" aria-hidden="true"></span>"#))
    }

    /// List entries make their keys only when read (`ArticleListEntry`): a theme that prints them instead
    /// of the rendered `html` still gets every key, and a key an item lacks still falls through to the page.
    func testListTemplateReadsItemKeysDirectly() throws {
        var files = ThemeTests.files
        files["content/site.yaml"] = TestSite.siteYAML.replacingOccurrences(of: "theme: default", with: "theme: rieng")
        let site = try TestSite(files)
        defer { site.remove() }
        try FileManager.default.copyItem(atPath: site.root + "/themes/default", toPath: site.root + "/themes/rieng")
        try site.write("themes/rieng/templates/list.mustache", """
            {{#items}}<p>[{{title}}|{{date.short}}|{{#category}}{{name}}{{/category}}{{^category}}-{{/category}}|\
            {{#units}}{{name}}{{/units}}|{{#expired}}hết{{/expired}}|{{page.title}}|{{#html}}có{{/html}}]</p>
            {{/items}}
            """)
        try site.build()
        let list = try XCTUnwrap(site.page("tin-tuc/index.html"))
        XCTAssertTrue(list.contains("<p>[Tuyên truyền cải cách hành chính|02/05/2024|Tuyên truyền|Xã Hoàng Việt||Tin tức|có]</p>"), list)
        XCTAssertTrue(list.contains("<p>[Kế hoạch năm 2024|01/04/2024|ke-hoach|||Tin tức|có]</p>"), list)
    }

    func testListEntryFingerprintsLikeItsDictionary() {
        let item: [String: Any] = ["title": "Bài", "date": ["short": "01/04/2024"], "hasUnits": false, "expired": true]
        let entry = ArticleListEntry(html: "<li>Bài</li>") { item }
        var plain = item
        plain["html"] = "<li>Bài</li>"
        XCTAssertEqual(ContextFingerprint.hash(["items": [entry]], template: "list", templates: 1),
                       ContextFingerprint.hash(["items": [plain]], template: "list", templates: 1))
        XCTAssertNotEqual(ContextFingerprint.hash(["items": [ArticleListEntry(html: "<li>Khác</li>") { item }]], template: "list", templates: 1),
                          ContextFingerprint.hash(["items": [plain]], template: "list", templates: 1))
    }

    /// A page's `site` is made once per navigation state already as templates see it: its fingerprint is
    /// the one of the plain values, so pages without an input key are kept exactly as before.
    func testTemplateValuesFingerprintLikeThePlainValues() {
        let site: [String: Any] = ["title": "Cổng", "notice": "", "nav": [["title": "Tin tức", "url": "/tin-tuc/"]],
                                   "responsible": ["name": "A", "phone": ""] as [String: String], "emblem": false, "count": 3]
        XCTAssertEqual(ContextFingerprint.hash(["site": Theme.templateValue(site)], template: "page", templates: 1),
                       ContextFingerprint.hash(["site": site], template: "page", templates: 1))
        var other = site
        other["title"] = "Cổng khác"
        XCTAssertNotEqual(ContextFingerprint.hash(["site": Theme.templateValue(other)], template: "page", templates: 1),
                          ContextFingerprint.hash(["site": site], template: "page", templates: 1))
    }
}
