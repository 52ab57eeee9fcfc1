import Foundation
import XCTest
@testable import LoaCore

final class DiscoveryTests: XCTestCase {
    var site: FeedTestSite { FeedTestSite.sharedBuilt }

    func testSitemapListsPagesWithLastmodButNotRedirectsOr404() throws {
        let xml = try site.read("sitemap.xml")
        XCTAssertTrue(xml.hasPrefix("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"))
        XCTAssertTrue(xml.contains("<url><loc>https://cchc.example.gov.vn/tin-tuc/tin-dac-biet/</loc><lastmod>2025-05-25</lastmod></url>"))
        XCTAssertTrue(xml.contains("<url><loc>https://cchc.example.gov.vn/tin-tuc/bai-2/</loc><lastmod>2025-05-02</lastmod></url>"))
        XCTAssertTrue(xml.contains("<url><loc>https://cchc.example.gov.vn/don-vi/dong-son/</loc><lastmod>2025-05-06</lastmod></url>"))
        XCTAssertTrue(xml.contains("<loc>https://cchc.example.gov.vn/</loc>"))
        XCTAssertTrue(xml.contains("<loc>https://cchc.example.gov.vn/ban-do-trang/</loc>"))
        XCTAssertFalse(xml.contains("404"))
        XCTAssertFalse(xml.contains("tin-tuc/cu/"))
        XCTAssertFalse(xml.contains("xa-tan-my"))
        XCTAssertFalse(xml.contains("nhap"))
    }

    func testSitemapSplitsIntoAnIndexPastTheLimit() {
        let config = SiteConfig(title: "t", baseURL: "https://a.gov.vn/", theme: "default",
                                jurisdiction: .init(name: "j", level: "district"), responsible: .init(),
                                social: .init(), perPage: 10, categoryNames: [:])
        let urls = SiteURLs(config: config)
        let entries = (1...7).map { Sitemap.Entry(loc: "https://a.gov.vn/p\($0)/", lastmod: "2025-01-0\($0)") }
        XCTAssertEqual(Sitemap.documents(entries, urls: urls, maxURLs: 7).map(\.0), ["sitemap.xml"])
        let split = Sitemap.documents(entries, urls: urls, maxURLs: 3)
        XCTAssertEqual(split.map(\.0), ["sitemap.xml", "sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml"])
        let index = split[0].1
        XCTAssertTrue(index.contains("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"))
        XCTAssertTrue(index.contains("<sitemap><loc>https://a.gov.vn/sitemap-1.xml</loc><lastmod>2025-01-03</lastmod></sitemap>"))
        XCTAssertTrue(index.contains("<sitemap><loc>https://a.gov.vn/sitemap-3.xml</loc><lastmod>2025-01-07</lastmod></sitemap>"))
        XCTAssertEqual(split[1].1.components(separatedBy: "<url>").count - 1, 3)
        XCTAssertEqual(split[3].1.components(separatedBy: "<url>").count - 1, 1)
        XCTAssertEqual(Sitemap.maxURLs, 10_000, "within the protocol's 50,000")
        // A file of many entries (its buffer sized by a first pass) holds every entry, in order, in a buffer
        // that did not grow past its size.
        let many = (1...500).map { Sitemap.Entry(loc: "https://a.gov.vn/bài-\($0)/?a=1&b=\(String(repeating: "x", count: $0 % 37))",
                                                 lastmod: $0 % 3 == 0 ? nil : "2025-01-01") }
        let expected = many.map { "<url><loc>\(XMLText.escape($0.loc))</loc>" + ($0.lastmod.map { "<lastmod>\($0)</lastmod>" } ?? "") + "</url>\n" }
        XCTAssertEqual(String(decoding: Sitemap.urlset(many), as: UTF8.self),
                       "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
                       + expected.joined() + "</urlset>\n")
        let made = Sitemap.urlset(many)
        XCTAssertLessThan(made.capacity - made.count, 64, "\(made.capacity) for \(made.count) bytes")
        // The jobs are named before their documents are made: the names must be the documents'.
        for (count, limit) in [(7, 7), (7, 3), (6, 3), (1, 3)] {
            XCTAssertEqual(Sitemap.fileNames(count: count, maxURLs: limit),
                           Sitemap.documents(Array(entries.prefix(count)), urls: urls, maxURLs: limit).map(\.0), "\(count)/\(limit)")
        }
    }

    /// The sitemap jobs make each file from entries made as they go: the same files as from the list of
    /// entries, index included.
    func testSitemapJobsWriteWhatTheEntriesGive() throws {
        var files: [String: String] = [:]
        for n in 1...8 { files["content/articles/a\(n).md"] = TestSite.article(title: "Bài \(n)", date: "2024-05-0\(n)", extra: "units: [an-son]") }
        let site = try TestSite(files)
        defer { try? FileManager.default.removeItem(atPath: site.root) }
        let input = try site.render().input
        let paths = try site.render().files.keys.sorted()
        let redirects = Set(Redirects.entries(input.site).map(\.file))
        XCTAssertFalse(redirects.isEmpty)
        let listed = paths.filter { Sitemap.isListed($0, redirects: redirects) }.sorted { $0.precedesInByteOrder($1) }
        let lastmods = Sitemap.lastModified(input.site)
        let entries = listed.map { Sitemap.entry($0, lastmods: lastmods, urls: input.context.urls) }
        XCTAssertTrue(entries.contains { $0.lastmod != nil })
        for limit in [3, 5, 1000] {
            let all = Sitemap.jobs(input, paths: paths, maxURLs: limit)
            let jobs = all.filter { $0.path != "robots.txt" }
            XCTAssertTrue(jobs.allSatisfy { $0.group == .wholeSite }, "the sitemap's files are made before the pages")
            XCTAssertEqual(all.first { $0.path == "robots.txt" }?.group, .pages)
            let made = jobs.map { job -> String in
                guard case .bytes(let bytes) = job.make() else { return "" }
                return String(decoding: bytes, as: UTF8.self)
            }
            let expected = Sitemap.documents(entries, urls: input.context.urls, maxURLs: limit)
            XCTAssertEqual(jobs.map(\.path), expected.map(\.0), "\(limit)")
            XCTAssertEqual(made, expected.map(\.1), "\(limit)")
        }
    }

    func testRobotsNamesTheSitemap() throws {
        XCTAssertEqual(try site.read("robots.txt"), "User-agent: *\nAllow: /\n\nSitemap: https://cchc.example.gov.vn/sitemap.xml\n")
    }

    func testHTMLSiteMap() throws {
        let html = try site.read("ban-do-trang/index.html")
        XCTAssertTrue(html.contains("<h1>Bản đồ trang</h1>"))
        XCTAssertTrue(html.contains("<a href=\"/don-vi/hoang-viet/\">Xã Hoàng Việt</a>"))
        XCTAssertTrue(html.contains("<a href=\"/gioi-thieu/\">Giới thiệu</a>"))
        XCTAssertTrue(html.contains("<a href=\"/tin-tuc/bai-2/\">Bài bai-2</a>"))
        XCTAssertTrue(html.contains("<a href=\"/feeds/\">Nguồn tin (RSS)</a>"))
        XCTAssertTrue(html.contains("<a href=\"/tin-tuc/\">Tin tức</a>"))
    }

    /// Past `articlesPerPage` articles the site map goes on over numbered pages: every article is on
    /// exactly one, newest first, each page linked to the next; only the first holds the other sections.
    func testHTMLSiteMapIsSplitIntoPages() throws {
        var files: [String: String] = [:]
        for n in 1...7 { files["content/articles/a\(n).md"] = TestSite.article(title: "Bài \(n)", date: "2024-05-0\(n)", extra: "units: [an-son]") }
        let site = try TestSite(files)
        defer { try? FileManager.default.removeItem(atPath: site.root) }
        for template in ["sitemap", "page"] {
            // A theme without its own site-map template shows the sections through `page`.
            if template == "page" { try FileManager.default.removeItem(atPath: site.root + "/themes/default/templates/sitemap.mustache") }
            let input = try site.render().input
            let jobs = SiteMapPage.jobs(input, articlesPerPage: 3)
            XCTAssertEqual(jobs.map(\.path), ["ban-do-trang/index.html", "ban-do-trang/trang/2/index.html", "ban-do-trang/trang/3/index.html"])
            let pages = jobs.map { job -> String in
                guard case .bytes(let bytes) = job.make() else { return "" }
                return String(decoding: bytes, as: UTF8.self)
            }
            for n in 1...7 {
                XCTAssertEqual(pages.filter { $0.contains(">Bài \(n)</a>") }.count, 1, "\(template): Bài \(n)")
            }
            XCTAssertTrue(pages[0].contains(">Bài 7</a>") && pages[2].contains(">Bài 1</a>"), template)
            XCTAssertTrue(pages[0].contains(">Xã An Sơn</a>") || pages[0].contains("/don-vi/an-son/"), template)
            XCTAssertFalse(pages[1].contains("/don-vi/an-son/\""), template)
            XCTAssertTrue(pages[0].contains("href=\"/ban-do-trang/trang/2/\" rel=\"next\""), template)
            XCTAssertTrue(pages[2].contains("href=\"/ban-do-trang/trang/2/\" rel=\"prev\""), template)
            XCTAssertTrue(pages[1].contains("<title>Bản đồ trang – trang 2"), template)
            // Each page's key changes with its own links only.
            let keys = jobs.map { $0.templated?.inputKey?() }
            XCTAssertEqual(Set(keys.compactMap { $0 }).count, 3, template)
        }
    }

    func testAliasRedirectPages() throws {
        let html = try site.read("tin-tuc/cu/tin-dac-biet.html")
        let target = "https://cchc.example.gov.vn/tin-tuc/tin-dac-biet/"
        XCTAssertTrue(html.contains("<link rel=\"canonical\" href=\"\(target)\">"))
        XCTAssertTrue(html.contains("<meta http-equiv=\"refresh\" content=\"0; url=\(target)\">"))
        XCTAssertTrue(html.contains("<meta name=\"robots\" content=\"noindex\">"))
        XCTAssertTrue(html.contains("<a href=\"\(target)\">Tin &lt;script&gt;"))
        XCTAssertTrue(html.contains("<h1>Trang đã chuyển</h1>"))
        XCTAssertFalse(html.contains("og:url"), "a redirect is not a page to share")
        XCTAssertTrue(site.exists("bai-cu/index.html"))
    }

    func testFormerUnitNamesRedirect() throws {
        let html = try site.read("don-vi/xa-tan-my/index.html")
        XCTAssertTrue(html.contains("<meta http-equiv=\"refresh\" content=\"0; url=https://cchc.example.gov.vn/don-vi/hoang-viet/\">"))
        XCTAssertTrue(html.contains(">Xã Hoàng Việt</a>"))
    }

    func testNginxMapHasTheSameRedirects() throws {
        let map = try site.read("nginx-redirects.map")
        let lines = map.split(separator: "\n").filter { !$0.hasPrefix("#") }
        XCTAssertEqual(lines, [
            "\"/bai-cu\" \"/tin-tuc/tin-dac-biet/\";",
            "\"/bai-cu/\" \"/tin-tuc/tin-dac-biet/\";",
            "\"/don-vi/xa-tan-my\" \"/don-vi/hoang-viet/\";",
            "\"/don-vi/xa-tan-my/\" \"/don-vi/hoang-viet/\";",
            "\"/tin-tuc/cu/tin-dac-biet.html\" \"/tin-tuc/tin-dac-biet/\";",
        ])
    }

    func testAliasOnARealPageIsAnError() throws {
        let site = try FeedTestSite(files: [
            "content/site.yaml": FeedTestSite.siteYAML,
            "content/articles/a.md": FeedTestSite.article("a", date: "2025-01-01"),
            "content/articles/b.md": FeedTestSite.article("b", date: "2025-01-02", extra: "aliases: [ /tin-tuc/a/ ]\n"),
        ])
        defer { site.remove() }
        XCTAssertThrowsError(try site.build()) { error in
            let message = String(describing: error)
            XCTAssertEqual(message.components(separatedBy: "hai nội dung cùng ghi ra một tệp tin-tuc/a/index.html").count, 2, message)
        }
    }
}
