import XCTest
@testable import LoaCore

/// Builds a small site with procedures, hotlines and rankings and asserts on the pages it writes.
final class DataPagesTests: XCTestCase {
    static let procedures = """
    Mã thủ tục,Tên thủ tục,Lĩnh vực,Cấp thực hiện,Cơ quan thực hiện,Thời hạn giải quyết,"Phí, lệ phí",Mức độ DVC,Căn cứ pháp lý,Quyết định công bố,Trạng thái,Đơn vị,Liên kết
    1.001193,Thủ tục đăng ký khai sinh,Hộ tịch,xã,UBND cấp xã,Ngay trong ngày,Miễn lệ phí,toàn trình,Luật Hộ tịch năm 2014; Nghị định số 123/2015/NĐ-CP,1872/QĐ-BTP ngày 04/9/2020,còn hiệu lực,,https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.001193
    1.000894,Thủ tục đăng ký kết hôn,Hộ tịch,xã,UBND cấp xã,03 ngày làm việc,,một phần,,,,,
    1.000656,Thủ tục đăng ký khai tử,Hộ tịch,xã,,,,,,,,hoang-viet,
    2.000815,Cấp bản sao từ sổ gốc,Chứng thực,huyện;xã,,,,toàn trình,,,,,
    1.000001,Thủ tục cũ đã bỏ,Chứng thực,xã,,,,,,,đã bãi bỏ,,
    """
    static let ranking = """
    id: par-index
    name: "Chỉ số cải cách hành chính (PAR INDEX)"
    scale: percent
    higher_is_better: true
    scope: "các xã, thị trấn"
    areas:
      2023: { "Cải cách thể chế": 10, "Cải cách TTHC": 14.5 }
    results:
      2022:
        - { unit: hoang-viet, score: 86.50, rank: 8, of: 17 }
        - { unit: an-son, score: 88, rank: 2, of: 17 }
      2023:
        - { unit: an-son, score: 87.25, rank: 4, of: 17 }
        - { unit: hoang-viet, score: 92.00, rank: 3, of: 17, areas: { "Cải cách thể chế": 9.5 } }
    """
    static let districtRanking = """
    id: par-index-huyen
    name: "PAR INDEX cấp huyện"
    scale: percent
    results:
      2021: [ { unit: jurisdiction, score: 80.12, rank: 9, of: 11 } ]
      2022: [ { unit: jurisdiction, score: 79.35, rank: 10, of: 11 } ]
    """

    func makeSite() throws -> TestSite {
        try TestSite([
            "content/procedures/cap-xa.csv": Self.procedures,
            "content/procedures/1.001193.md": "## Trình tự thực hiện\n\nNộp hồ sơ tại Bộ phận Một cửa.\n",
            "content/hotlines.yaml": HotlineTests.hotlines,
            "content/rankings/par-index.yaml": Self.ranking,
            "content/rankings/par-index-huyen.yaml": Self.districtRanking,
        ])
    }

    func testProcedurePagesCatalogueAndFields() throws {
        let site = try makeSite()
        defer { site.remove() }
        try site.build()
        let page = try XCTUnwrap(site.page("thu-tuc/1.001193/index.html"))
        for expected in ["<h1>Thủ tục đăng ký khai sinh</h1>", "<td>1.001193</td>", "<a href=\"/thu-tuc/linh-vuc/ho-tich/\">Hộ tịch</a>",
                         "<li>Luật Hộ tịch năm 2014</li><li>Nghị định số 123/2015/NĐ-CP</li>", "1872/QĐ-BTP ngày 04/9/2020",
                         "href=\"https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.001193\"",
                         "<h2 id=\"trinh-tu-thuc-hien\">Trình tự thực hiện</h2>", "Toàn trình",
                         "<a href=\"/don-vi/hoang-viet/\">Xã Hoàng Việt</a>", "<a href=\"/don-vi/dong-dang/\">Thị trấn Đồng Đăng</a>"] {
            XCTAssertTrue(page.contains(expected), "missing \(expected)")
        }
        let narrowed = try XCTUnwrap(site.page("thu-tuc/1.000656/index.html"))
        XCTAssertTrue(narrowed.contains("/don-vi/hoang-viet/"))
        XCTAssertFalse(narrowed.contains("/don-vi/an-son/"), "Đơn vị narrows the units")

        let abolished = try XCTUnwrap(site.page("thu-tuc/1.000001/index.html"))
        XCTAssertTrue(abolished.contains("<strong>Đã bãi bỏ:</strong>"))
        let catalogue = try XCTUnwrap(site.page("thu-tuc/index.html"))
        XCTAssertTrue(catalogue.contains("4 thủ tục đang có hiệu lực, trong đó 2 thủ tục được cung cấp dịch vụ công trực tuyến toàn trình (50%)"), catalogue)
        XCTAssertTrue(catalogue.contains("<th scope=\"row\"><a href=\"#cap-huyen\">Cấp huyện</a></th><td>1</td><td>1</td><td>100%</td>"))
        XCTAssertTrue(catalogue.contains("<th scope=\"row\"><a href=\"#cap-xa\">Cấp xã</a></th><td>4</td><td>2</td><td>50%</td>"))
        XCTAssertTrue(catalogue.contains("Hộ tịch</a> <span class=\"count\">(3 thủ tục, toàn trình 33,3%)</span>"))
        let activePart = try XCTUnwrap(catalogue.components(separatedBy: "id=\"da-bai-bo\"").first)
        XCTAssertFalse(activePart.contains("Thủ tục cũ đã bỏ"), "abolished leaves the active lists")
        XCTAssertTrue(catalogue.contains("Thủ tục cũ đã bỏ"), "listed under Thủ tục đã bãi bỏ")
        let field = try XCTUnwrap(site.page("thu-tuc/linh-vuc/chung-thuc/index.html"))
        XCTAssertTrue(field.contains("<h1>Lĩnh vực Chứng thực</h1>"))
        XCTAssertTrue(field.contains("Cấp bản sao từ sổ gốc"))
        XCTAssertTrue(try XCTUnwrap(site.page("index.html")).contains("href=\"/thu-tuc/\">Thủ tục</a>"), "nav entry")
    }

    func testHotlineDirectoryAndVCards() throws {
        let site = try makeSite()
        defer { site.remove() }
        try site.build()
        let page = try XCTUnwrap(site.page("duong-day-nong/index.html"))
        XCTAssertTrue(page.contains("<a href=\"tel:+842053830123\">0205 3 830 123</a>"), page)
        XCTAssertTrue(page.contains("<a href=\"tel:+84912345678\">0912 345 678</a>"))
        let jurisdiction = try XCTUnwrap(page.range(of: "id=\"cap-huyen\""))
        let units = try XCTUnwrap(page.range(of: "id=\"cap-xa\""))
        XCTAssertLessThan(jurisdiction.lowerBound, units.lowerBound, "jurisdiction first, then units")

        let card = try XCTUnwrap(site.page("duong-day-nong/hoang-viet.vcf"))
        XCTAssertEqual(card, "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Âu;Hồng Ngân;;;\r\nFN:Âu Hồng Ngân\r\nORG:UBND xã Hoàng Việt\r\nCATEGORIES:Xã Hoàng Việt\r\nTITLE:Chủ tịch UBND xã\r\nTEL;TYPE=CELL,VOICE:+84912345678\r\nEMAIL;TYPE=INTERNET:hoangviet@example.gov.vn\r\nURL:https://cchc.example.gov.vn/duong-day-nong/\r\nEND:VCARD\r\n")
        let all = try XCTUnwrap(site.page("duong-day-nong/danh-ba.vcf"))
        XCTAssertEqual(all.components(separatedBy: "BEGIN:VCARD").count - 1, 2)
        XCTAssertTrue(all.replacingOccurrences(of: "\r\n ", with: "").contains("NOTE:Tiếp nhận phản ánh\\; kiến nghị\\, về TTHC\\nThời gian: Giờ hành chính\r\n"))
        XCTAssertTrue(site.exists("duong-day-nong/ubnd-huyen-thu-nghiem-bo-phan-mot-cua.vcf"))

        let unit = try XCTUnwrap(site.page("don-vi/hoang-viet/index.html"))
        XCTAssertTrue(unit.contains("<a href=\"tel:+84912345678\">0912 345 678</a>"), "unit page lists its hotline")
    }

    func testRankingPagesChartsUnitAndHomeSections() throws {
        let site = try makeSite()
        defer { site.remove() }
        try site.build()
        let year = try XCTUnwrap(site.page("xep-hang/par-index/2023/index.html"))
        let hoangViet = try XCTUnwrap(year.range(of: "Xã Hoàng Việt</a></th><td>92,00%</td>"))
        let anSon = try XCTUnwrap(year.range(of: "Xã An Sơn</a></th><td>87,25%</td>"))
        XCTAssertLessThan(hoangViet.lowerBound, anSon.lowerBound, "sorted by rank")
        XCTAssertTrue(year.contains("<td>3/17</td>"))
        XCTAssertTrue(year.contains("<span class=\"trend trend-up\">tăng 5 bậc</span><br><span class=\"meta\">+5,50 so với hạng 8 năm 2022</span>"), year)
        XCTAssertTrue(year.contains("<span class=\"trend trend-down\">giảm 2 bậc</span>"))
        XCTAssertTrue(year.contains("role=\"img\" aria-labelledby=\"bieu-do-par-index-2023-title bieu-do-par-index-2023-desc\""))
        XCTAssertTrue(year.contains("<title id=\"bieu-do-par-index-2023-title\">Chỉ số cải cách hành chính (PAR INDEX) năm 2023</title>"))
        XCTAssertTrue(year.contains("Cải cách TTHC <span class=\"meta\">(tối đa 14,5)</span>"))
        XCTAssertTrue(year.contains("<th scope=\"row\">Xã Hoàng Việt</th><td>9,5</td><td>–</td>"))
        XCTAssertTrue(site.exists("xep-hang/index.html") && site.exists("xep-hang/par-index/index.html"))

        let unit = try XCTUnwrap(site.page("don-vi/hoang-viet/index.html"))
        XCTAssertTrue(unit.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart chart-line\""))
        XCTAssertTrue(unit.contains("<title id=\"lich-su-par-index-hoang-viet-title\">"))
        XCTAssertTrue(unit.contains("thực hiện <a href=\"/thu-tuc/#cap-xa\">4 thủ tục hành chính cấp xã</a>"), "3 commune procedures for all + 1 named")
        let anSonPage = try XCTUnwrap(site.page("don-vi/an-son/index.html"))
        XCTAssertTrue(anSonPage.contains("<a href=\"/thu-tuc/#cap-xa\">3 thủ tục hành chính cấp xã</a>"))

        let home = try XCTUnwrap(site.page("index.html"))
        XCTAssertTrue(home.contains("PAR INDEX cấp huyện năm 2022: <strong>79,35%</strong>, xếp thứ 10/11 (giảm 1 bậc)."), home)
    }

    func testPerUnitAggregation() throws {
        let site = try makeSite()
        defer { site.remove() }
        let log = DiagnosticLog()
        let content = try XCTUnwrap(ContentLoader.load(SourceFiles(root: site.root), log: log))
        let resolved = SiteResolver.resolve(content, options: ResolveOptions(now: TestSite.fixedNow), log: log)
        let data = resolved.data
        let codes = { (id: String) in data.procedures(forUnit: id).map { data.procedures[$0].code }.sorted() }
        XCTAssertEqual(codes("hoang-viet"), ["1.000656", "1.000894", "1.001193", "2.000815"])
        XCTAssertEqual(codes("an-son"), ["1.000894", "1.001193", "2.000815"])
        XCTAssertEqual(data.hotlines(forUnit: "hoang-viet").map(\.agency), ["UBND xã Hoàng Việt"])
        XCTAssertEqual(data.hotlines(forUnit: nil).count, 1)
        XCTAssertEqual(data.rankingHistory(of: "hoang-viet").map { $0.rows.map(\.year) }, [[2022, 2023]])
        XCTAssertEqual(data.rankingHistory(of: "jurisdiction").map(\.ranking.id), ["par-index-huyen"])
        XCTAssertEqual(data.rankingHistory(of: "dong-dang").count, 0)
    }

    func testOutputIsDeterministic() throws {
        let site = try makeSite()
        defer { site.remove() }
        try site.build(output: site.root + "/out1")
        try site.build(output: site.root + "/out2")
        XCTAssertEqual(TestSite.snapshot(site.root + "/out1"), TestSite.snapshot(site.root + "/out2"))
    }

    /// The repository's sample portal builds and states the seed documents' rankings, computed.
    func testSampleSiteStatesTheSeedDocumentsRankings() throws {
        let root = NSTemporaryDirectory() + "loa-sample-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        for folder in ["content", "themes"] {
            try FileManager.default.copyItem(atPath: TestSite.repositoryRoot + "/" + folder, toPath: root + "/" + folder)
        }
        try SiteBuilder.build(BuildOptions(root: root, now: TestSite.fixedNow))
        let commune = try String(contentsOfFile: root + "/public/xep-hang/par-index/2023/index.html", encoding: .utf8)
        XCTAssertTrue(commune.contains("Xã Hoàng Việt</a></th><td>92,00%</td><td><span class=\"trend trend-up\">tăng 5 bậc</span>")
                      || commune.contains("<td>3/17</td><th scope=\"row\"><a href=\"/don-vi/hoang-viet/\">Xã Hoàng Việt</a></th><td>92,00%</td><td><span class=\"trend trend-up\">tăng 5 bậc</span>"), "92,00%, 3/17, up five places")
        let district = try String(contentsOfFile: root + "/public/xep-hang/par-index-huyen/index.html", encoding: .utf8)
        XCTAssertTrue(district.contains("<td>9/11<br><span class=\"meta\">80,12%</span></td><td>10/11<br><span class=\"meta\">79,35%</span></td><td>10/11"), district)
        let procedures = try String(contentsOfFile: root + "/public/thu-tuc/index.html", encoding: .utf8)
        XCTAssertTrue(procedures.contains("Cấp xã"))
    }
}
