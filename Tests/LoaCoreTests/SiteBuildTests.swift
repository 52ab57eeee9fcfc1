import XCTest
@testable import LoaCore

/// Builds small sites from in-memory fixtures and asserts on the output files.
final class SiteBuildTests: XCTestCase {
    func makeSite(_ extra: [String: String] = [:]) throws -> TestSite {
        var files: [String: String] = [
            "content/articles/2024/a.md": TestSite.article(
                title: "Cải cách hành chính Đồng Đăng", date: "2024-01-05",
                extra: "units: [ dong-dang ]\ncategory: tuyen-truyen\ntags: [ SIPAS, \"PAR INDEX\" ]\ndocument: { number: \"393/UBND-NC\", date: 2020-05-29, issuer: \"UBND huyện Bù Gia Mập\" }",
                body: "Đoạn đầu tiên của bài.\n\n## Mục một\n\nNội dung."),
            "content/articles/2024/b.md": TestSite.article(
                title: "Bài thứ hai", date: "2024-02-10", extra: "units: [ hoang-viet, dong-dang ]\ncategory: tuyen-truyen\ntags: [ sipas ]"),
            "content/articles/2024/c.md": TestSite.article(title: "Bài thứ ba", date: "2024-03-15", extra: "expires: 2025-01-01"),
            "content/articles/2024/nhap.md": TestSite.article(title: "Bản nháp", date: "2024-03-20", extra: "draft: true"),
            "content/articles/2026/hen-gio.md": TestSite.article(title: "Hẹn giờ", date: "2026-12-01", extra: "publish_at: 2026-12-01T07:00:00+07:00"),
            "content/pages/gioi-thieu.md": TestSite.article(title: "Giới thiệu", date: "2024-01-01"),
        ]
        for (k, v) in extra { files[k] = v }
        return try TestSite(files)
    }

    func testBuildsEveryPageType() throws {
        let site = try makeSite()
        defer { site.remove() }
        try site.build()
        for path in ["index.html", "404.html", "tin-tuc/index.html", "tin-tuc/trang/2/index.html",
                     "tin-tuc/cai-cach-hanh-chinh-dong-dang/index.html", "chuyen-muc/tuyen-truyen/index.html",
                     "chuyen-muc/index.html", "the/sipas/index.html", "the/par-index/index.html", "the/index.html",
                     "don-vi/index.html", "don-vi/dong-dang/index.html", "don-vi/hoang-viet/index.html",
                     "don-vi/an-son/index.html", "gioi-thieu/index.html", "assets/style.css"] {
            XCTAssertTrue(site.exists(path), "missing \(path)")
        }
        XCTAssertFalse(site.exists("tin-tuc/trang/3/index.html"), "3 articles at 2 per page make 2 pages")
    }

    /// An article with three or more `h2` headings lists them above its body (not its `h3`s); one with
    /// fewer lists none. The resolved article keeps only those headings: an edit that leaves two is
    /// rebuilt without the list.
    func testTableOfContentsListsTheSections() throws {
        let three = "Mở đầu.\n\n## Mục đích\n\nA.\n\n### Chi tiết\n\nB.\n\n## Yêu cầu\n\nC.\n\n## Tổ chức thực hiện\n\nD."
        let site = try makeSite([
            "content/articles/2024/toc.md": TestSite.article(title: "Có mục lục", date: "2024-04-01", body: three),
        ])
        defer { site.remove() }
        try site.build()
        let page = try XCTUnwrap(site.page("tin-tuc/co-muc-luc/index.html"))
        XCTAssertTrue(page.contains("<nav class=\"toc\" aria-label=\"Mục lục bài viết\"><h2>Mục lục</h2><ol>"
            + "<li><a href=\"#muc-dich\">Mục đích</a></li><li><a href=\"#yeu-cau\">Yêu cầu</a></li>"
            + "<li><a href=\"#to-chuc-thuc-hien\">Tổ chức thực hiện</a></li></ol></nav>"), page)
        XCTAssertFalse(page.contains("href=\"#chi-tiet\""))
        XCTAssertFalse(try XCTUnwrap(site.page("tin-tuc/cai-cach-hanh-chinh-dong-dang/index.html")).contains("class=\"toc\""),
                       "one h2: no table of contents")
        try site.write("content/articles/2024/toc.md",
                       TestSite.article(title: "Có mục lục", date: "2024-04-01", body: three.replacingOccurrences(of: "## Yêu cầu", with: "### Yêu cầu")))
        try site.build()
        XCTAssertFalse(try XCTUnwrap(site.page("tin-tuc/co-muc-luc/index.html")).contains("class=\"toc\""))
    }

    func testEveryPageIsVietnameseHTML5WithOneH1() throws {
        let site = try makeSite()
        defer { site.remove() }
        try site.build()
        for file in OutputWriter.listFiles(site.output) where file.hasSuffix(".html") {
            let html = try XCTUnwrap(site.page(file))
            XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"vi\">"), file)
            XCTAssertEqual(html.components(separatedBy: "<h1").count - 1, 1, "\(file) must have exactly one h1")
            XCTAssertTrue(html.contains("Ủy ban nhân dân huyện Thử Nghiệm"), "\(file): jurisdiction in header")
            XCTAssertTrue(html.contains("Nguyễn Văn A"), "\(file): person responsible in footer")
        }
    }

    func testArticlePageShowsMetadataInVietnamese() throws {
        let site = try makeSite()
        defer { site.remove() }
        try site.build()
        let html = try XCTUnwrap(site.page("tin-tuc/cai-cach-hanh-chinh-dong-dang/index.html"))
        XCTAssertTrue(html.contains("<time datetime=\"2024-01-05\">ngày 05 tháng 01 năm 2024</time>"), html)
        XCTAssertTrue(html.contains("href=\"/chuyen-muc/tuyen-truyen/\">Tuyên truyền</a>"), "category display name from site.yaml")
        XCTAssertTrue(html.contains("<a href=\"/don-vi/dong-dang/\">Thị trấn Đồng Đăng</a>"))
        XCTAssertTrue(html.contains("số 393/UBND-NC, ngày 29 tháng 05 năm 2020 của UBND huyện Bù Gia Mập"))
        XCTAssertTrue(html.contains("<h2 id=\"muc-mot\">Mục một</h2>"))
        XCTAssertTrue(html.contains("<meta name=\"description\" content=\"Đoạn đầu tiên của bài.\">"), "summary from first paragraph")
    }

    func testDraftsScheduledAndExpired() throws {
        let site = try makeSite()
        defer { site.remove() }
        try site.build()
        XCTAssertFalse(site.exists("tin-tuc/ban-nhap/index.html"))
        XCTAssertFalse(site.exists("tin-tuc/hen-gio/index.html"), "publish_at in the future")
        let expired = try XCTUnwrap(site.page("tin-tuc/bai-thu-ba/index.html"))
        XCTAssertTrue(expired.contains("Hết hiệu lực"))
        XCTAssertFalse(try XCTUnwrap(site.page("index.html")).contains("Bài thứ ba"), "expired articles leave the home page")

        try site.build(drafts: true, now: ContentDate(parsing: "2026-12-01T07:00:00+07:00")!)
        XCTAssertTrue(site.exists("tin-tuc/ban-nhap/index.html"))
        XCTAssertTrue(site.exists("tin-tuc/hen-gio/index.html"), "published once its moment has come")
    }

    func testListsAreNewestFirstAndUnitsInVietnameseOrder() throws {
        let site = try makeSite()
        defer { site.remove() }
        try site.build()
        let list = try XCTUnwrap(site.page("tin-tuc/index.html"))
        let third = try XCTUnwrap(list.range(of: "Bài thứ ba")), second = try XCTUnwrap(list.range(of: "Bài thứ hai"))
        XCTAssertLessThan(third.lowerBound, second.lowerBound)
        let units = try XCTUnwrap(site.page("don-vi/index.html"))
        let positions = ["Xã An Sơn", "Xã Hoàng Việt", "Thị trấn Đồng Đăng"].map { units.range(of: $0)!.lowerBound }
        // Sorted by name: "Thị trấn…" < "Xã An…" < "Xã Hoàng…" in Vietnamese order.
        XCTAssertLessThan(units.range(of: "Thị trấn Đồng Đăng")!.lowerBound, positions[0])
        XCTAssertLessThan(positions[0], positions[1])
        let unitPage = try XCTUnwrap(site.page("don-vi/dong-dang/index.html"))
        XCTAssertTrue(unitPage.contains("Cải cách hành chính Đồng Đăng") && unitPage.contains("Bài thứ hai"))
        XCTAssertFalse(try XCTUnwrap(site.page("don-vi/an-son/index.html")).contains("Bài thứ hai"))
    }

    func testEmptyOptionalFieldsPrintNoLabel() throws {
        let site = try makeSite()
        defer { site.remove() }
        try site.build()
        let unit = try XCTUnwrap(site.page("don-vi/an-son/index.html"))
        XCTAssertFalse(unit.contains("Mã đơn vị hành chính"), "a unit without code must not show the label")
        XCTAssertFalse(unit.contains("Trước đây"))
        XCTAssertTrue(try XCTUnwrap(site.page("don-vi/hoang-viet/index.html")).contains("Trước đây: Xã Tân Mỹ"))
    }

    func testTagsWithOneSlugMerge() throws {
        let site = try makeSite()
        defer { site.remove() }
        try site.build()
        let tag = try XCTUnwrap(site.page("the/sipas/index.html"))
        XCTAssertTrue(tag.contains("Cải cách hành chính Đồng Đăng") && tag.contains("Bài thứ hai"), "SIPAS and sipas are one tag")
    }

    func testDuplicateSlugNamesBothFiles() throws {
        let site = try makeSite(["content/articles/2025/trung.md": TestSite.article(title: "Cải cách hành chính Đồng Đăng", date: "2025-01-01")])
        defer { site.remove() }
        let errors = site.failures()
        XCTAssertEqual(errors.count, 1, "\(errors)")
        XCTAssertEqual(errors.first?.file, "content/articles/2025/trung.md")
        XCTAssertEqual(errors.first?.line, 2)
        XCTAssertTrue(errors.first?.message.contains("content/articles/2024/a.md") ?? false)
    }

    func testUnknownUnitIsAnErrorAtItsLine() throws {
        let site = try makeSite(["content/articles/2025/x.md": "---\ntitle: X\ndate: 2025-01-01\nunits:\n  - dong-dang\n  - hoang-vet\n---\n"])
        defer { site.remove() }
        let errors = site.failures()
        XCTAssertEqual(errors.map(\.description), ["content/articles/2025/x.md:6: đơn vị \"hoang-vet\" không có trong content/units.yaml — có phải ý bạn là 'hoang-viet'?"])
    }

    func testAllProblemsOfARunAreReportedTogether() throws {
        let site = try makeSite([
            "content/articles/x.md": "---\ntitle: X\n---\n",
            "content/articles/y.md": "no front matter",
            "content/units.yaml": "units:\n  - id: A B\n    name: x\n    kind: xa\n",
        ])
        defer { site.remove() }
        let files = Set(site.failures().map(\.file))
        XCTAssertEqual(files, ["content/articles/x.md", "content/articles/y.md", "content/units.yaml"])
    }

    func testImageMustExistInsideContent() throws {
        let site = try makeSite([
            "content/articles/2025/anh.md": "---\ntitle: Ảnh\ndate: 2025-01-01\nimage: media/khong-co.jpg\nimage_alt: \"Hội nghị\"\n---\n",
            "content/articles/2025/ra-ngoai.md": "---\ntitle: Ra ngoài\ndate: 2025-01-02\nimage: ../../etc/passwd\nimage_alt: x\n---\n",
        ])
        defer { site.remove() }
        let errors = site.failures().map(\.description)
        XCTAssertEqual(errors, [
            "content/articles/2025/anh.md:4: không tìm thấy ảnh content/media/khong-co.jpg — hãy kiểm tra tên tệp và thư mục",
            "content/articles/2025/ra-ngoai.md:4: đường dẫn ảnh \"../../etc/passwd\" phải nằm trong content/, ví dụ media/2024/anh.jpg",
        ])
    }

    func testDeterministicByteIdenticalBuilds() throws {
        let site = try makeSite()
        defer { site.remove() }
        try site.build(output: site.root + "/out1")
        try site.build(output: site.root + "/out2")
        let first = TestSite.snapshot(site.root + "/out1"), second = TestSite.snapshot(site.root + "/out2")
        XCTAssertFalse(first.isEmpty)
        XCTAssertEqual(first, second)
    }

    func testUnchangedFilesKeepTheirInodeAndChangedOnesAreReported() throws {
        let site = try makeSite()
        defer { site.remove() }
        try site.build()
        let cssBefore = try FileManager.default.attributesOfItem(atPath: site.output + "/assets/style.css")[.systemFileNumber] as? Int
        try site.write("content/articles/2024/b.md", TestSite.article(title: "Bài thứ hai", date: "2024-02-10", body: "Sửa nội dung."))
        let report = try site.build()
        let cssAfter = try FileManager.default.attributesOfItem(atPath: site.output + "/assets/style.css")[.systemFileNumber] as? Int
        XCTAssertEqual(cssBefore, cssAfter, "unchanged files are hard-linked from the previous site")
        XCTAssertTrue(report.changes.modified.contains("tin-tuc/bai-thu-hai/index.html"))
        XCTAssertFalse(report.changes.modified.contains("assets/style.css"))
        XCTAssertTrue(report.changes.added.isEmpty)
    }

    func testRemovedFilesAreListed() throws {
        let site = try makeSite()
        defer { site.remove() }
        try site.build()
        try FileManager.default.removeItem(atPath: site.root + "/content/articles/2024/c.md")
        let report = try site.build()
        XCTAssertTrue(report.changes.removed.contains("tin-tuc/bai-thu-ba/index.html"))
        XCTAssertFalse(site.exists("tin-tuc/bai-thu-ba/index.html"))
    }

    func testNewArticleCreatesAFileThatBuilds() throws {
        let site = try makeSite()
        defer { site.remove() }
        let path = try NewArticle.create(root: site.root, title: "Đẩy mạnh \"một cửa\" điện tử", today: CalendarDay(year: 2026, month: 11, day: 22))
        XCTAssertEqual(path, "content/articles/2026/day-manh-mot-cua-dien-tu.md")
        try site.build(drafts: true)
        let html = try XCTUnwrap(site.page("tin-tuc/day-manh-mot-cua-dien-tu/index.html"))
        XCTAssertTrue(html.contains("Đẩy mạnh &quot;một cửa&quot; điện tử"))
    }

    /// Articles sharing a slug: each one after the first (in file order) is reported against that first,
    /// in file order; unique slugs are not.
    func testDuplicateSlugsNameTheFirstArticleInFileOrder() throws {
        func article(_ slug: String) -> String { TestSite.article(title: "Bài \(slug)", date: "2024-05-01", extra: "slug: \(slug)") }
        let site = try TestSite([
            "content/articles/c.md": article("trung"),
            "content/articles/a.md": article("trung"),
            "content/articles/b.md": article("rieng"),
            "content/articles/d.md": article("khac"),
            "content/articles/e.md": article("trung"),
            "content/articles/f.md": article("khac"),
        ])
        defer { try? FileManager.default.removeItem(atPath: site.root) }
        let errors = site.failures().filter { $0.severity == .error }
        XCTAssertEqual(errors.map(\.file), ["content/articles/c.md", "content/articles/e.md", "content/articles/f.md"])
        XCTAssertTrue(errors[0].message.contains("\"trung\" trùng với bài content/articles/a.md"), errors[0].message)
        XCTAssertTrue(errors[1].message.contains("\"trung\" trùng với bài content/articles/a.md"), errors[1].message)
        XCTAssertTrue(errors[2].message.contains("\"khac\" trùng với bài content/articles/d.md"), errors[2].message)
    }
}
