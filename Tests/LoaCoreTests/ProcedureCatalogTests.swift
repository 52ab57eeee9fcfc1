import XCTest
@testable import LoaCore

final class ProcedureCatalogTests: XCTestCase {
    static let header = "Mã thủ tục,Tên thủ tục,Lĩnh vực,Cấp thực hiện,Mức độ DVC,Trạng thái,Đơn vị,Liên kết,Căn cứ pháp lý"

    func site(_ files: [String: String]) throws -> TestSite { try TestSite(files) }

    func load(_ csv: String, name: String = "a.csv") throws -> (ProcedureCatalog, [Diagnostic]) {
        let site = try TestSite(["content/procedures/\(name)": csv])
        defer { site.remove() }
        let log = DiagnosticLog()
        let catalog = ProcedureCatalogLoader.load(SourceFiles(root: site.root), unitIDs: ["hoang-viet", "an-son", "dong-dang"], log: log)
        return (catalog, log.all)
    }

    func testHeaderVariantsMatchOneColumn() {
        for variant in ["Mã thủ tục", "ma thu tuc", "MA_THU_TUC", " Mã  Thủ  Tục ", "MÃ THỦ TỤC", "Ma_thu_tuc"] {
            XCTAssertEqual(ProcedureColumns.key(variant), "mathutuc", variant)
        }
        XCTAssertEqual(ProcedureColumns.key("Phí, lệ phí"), ProcedureColumns.key("PHI_LE_PHI"))
        XCTAssertEqual(ProcedureColumns.key("Đơn vị"), "donvi")
    }

    func testCommaFileWithQuotedMultilineCell() throws {
        let csv = #"""
        \#(Self.header)
        1.001193,Thủ tục đăng ký khai sinh,Hộ tịch,xã,toàn trình,,,https://dichvucong.gov.vn/x?ma=1.001193,"Luật Hộ tịch 2014; Nghị định 123/2015/NĐ-CP"
        1.000894,"Thủ tục đăng ký
        kết hôn, ""đặc biệt""",Hộ tịch,Xã; huyện,một phần,còn hiệu lực,hoang-viet,,
        2.000815,Cấp bản sao,Chứng thực,huyện,,đã bãi bỏ,,,

        """#
        let (catalog, diagnostics) = try load(csv)
        XCTAssertEqual(diagnostics, [])
        XCTAssertEqual(catalog.procedures.map(\.code), ["1.001193", "1.000894", "2.000815"])
        XCTAssertEqual(catalog.procedures.map(\.line), [2, 3, 5])
        let second = catalog.procedures[1]
        XCTAssertEqual(second.name, "Thủ tục đăng ký\nkết hôn, \"đặc biệt\"")
        XCTAssertEqual(second.levels, [.district, .commune])
        XCTAssertEqual(second.onlineLevel, .partial)
        XCTAssertEqual(second.unitIDs, ["hoang-viet"])
        XCTAssertEqual(catalog.procedures[0].legalBasis, ["Luật Hộ tịch 2014", "Nghị định 123/2015/NĐ-CP"])
        XCTAssertEqual(catalog.procedures[0].onlineLevel, .full)
        XCTAssertTrue(catalog.procedures[2].isAbolished)
        // A procedure page is kept by its input key (`ProcedurePages.inputKey`), made from these fields: a
        // new one must be added there too (the property test's key audit catches a miss it meets).
        XCTAssertEqual(Mirror(reflecting: catalog.procedures[0]).children.map { $0.label! },
                       ["code", "name", "field", "levels", "agency", "duration", "fees", "onlineLevel", "legalBasis",
                        "decision", "isAbolished", "unitIDs", "link", "file", "line"])
        let resolved = ResolvedProcedure(procedure: catalog.procedures[0], path: "thu-tuc/x/", fieldSlug: "f", detail: nil, citedBy: [])
        XCTAssertEqual(Mirror(reflecting: resolved).children.map { $0.label! }, ["procedure", "path", "fieldSlug", "detail", "citedBy"])
    }

    func testSemicolonFileWithBOMAndUpperCaseHeaders() throws {
        let csv = "\u{FEFF}STT;MA_THU_TUC;TEN_THU_TUC;LINH_VUC;CAP_THUC_HIEN;PHI_LE_PHI\r\n1;2.000528;Đăng ký khai sinh có yếu tố nước ngoài;Hộ tịch;huyện;\"50.000 đồng; miễn cho trẻ em\"\r\n;;;;;\r\n"
        let (catalog, diagnostics) = try load(csv)
        XCTAssertEqual(diagnostics, [])
        XCTAssertEqual(catalog.procedures.count, 1)
        XCTAssertEqual(catalog.procedures[0].code, "2.000528")
        XCTAssertEqual(catalog.procedures[0].fees, "50.000 đồng; miễn cho trẻ em")
        XCTAssertEqual(CSVText.detectSeparator("a;b;\"c,d,e\"\nx,y"), ";")
        XCTAssertEqual(CSVText.detectSeparator("a,b,\"c;d;e\"\n"), ",")
    }

    func testEveryBadRowIsReportedAtItsLineAndFailsTheBuild() throws {
        let csv = """
        \(Self.header)
        1.001193,Đăng ký khai sinh,Hộ tịch,xã,,,,,
        1.000894,"Ô có
        xuống dòng",Hộ tịch,xã,,,,
        1.000001,Cấp sai,Hộ tịch,phường,,,,,
        1.000002,Mức độ sai,Hộ tịch,xã,toàn phần,,,,
        1.000003,Trạng thái sai,Hộ tịch,xã,,tạm dừng,,,
        1.000004,Đơn vị lạ,Hộ tịch,xã,,,hoang-vit,,
        1.000005,Liên kết sai,Hộ tịch,xã,,,,javascript:alert(1),
        ,Thiếu mã,Hộ tịch,xã,,,,,
        1.000006,,Hộ tịch,xã,,,,,
        1.0000 07,Mã có dấu cách,Hộ tịch,xã,,,,,
        1.001193,Trùng mã,Hộ tịch,xã,,,,,
        """
        let site = try TestSite(["content/procedures/a.csv": csv])
        defer { site.remove() }
        let errors = site.failures().filter { $0.severity == .error }.map(\.description)
        let expected: [(String, String)] = [
            ("content/procedures/a.csv:3:", "dòng có 8 ô"),
            ("content/procedures/a.csv:5:", "cấp thực hiện \"phường\""),
            ("content/procedures/a.csv:6:", "mức độ DVC \"toàn phần\""),
            ("content/procedures/a.csv:7:", "trạng thái \"tạm dừng\""),
            ("content/procedures/a.csv:8:", "có phải ý bạn là 'hoang-viet'"),
            ("content/procedures/a.csv:9:", "http:// hoặc https://"),
            ("content/procedures/a.csv:10:", "\"Mã thủ tục\" không được để trống"),
            ("content/procedures/a.csv:11:", "\"Tên thủ tục\" không được để trống"),
            ("content/procedures/a.csv:12:", "mã thủ tục \"1.0000 07\" không hợp lệ"),
            ("content/procedures/a.csv:13:", "trùng với content/procedures/a.csv:2"),
        ]
        for (place, text) in expected {
            XCTAssertTrue(errors.contains { $0.hasPrefix(place) && $0.contains(text) }, "\(place) \(text)\n\(errors.joined(separator: "\n"))")
        }
        XCTAssertEqual(errors.count, expected.count, errors.joined(separator: "\n"))
    }

    func testDuplicateCodeAcrossFilesNamesBoth() throws {
        let site = try TestSite([
            "content/procedures/cap-huyen.csv": "\(Self.header)\n2.000815,Chứng thực,Chứng thực,huyện,,,,,\n",
            "content/procedures/cap-xa.csv": "\(Self.header)\n1.001193,Khai sinh,Hộ tịch,xã,,,,,\n2.000815,Chứng thực,Chứng thực,xã,,,,,\n",
        ])
        defer { site.remove() }
        let errors = site.failures().map(\.description)
        XCTAssertEqual(errors, ["content/procedures/cap-xa.csv:3: mã thủ tục \"2.000815\" bị trùng với content/procedures/cap-huyen.csv:2 — mỗi thủ tục chỉ được ghi một lần"])
    }

    func testBrokenQuotingMissingColumnsAndOrphanDetail() throws {
        let site = try TestSite([
            "content/procedures/a.csv": "\(Self.header)\n1.001193,\"Khai sinh,Hộ tịch,xã,,,,,\n1.000894,x,y,xã,,,,,\n",
            "content/procedures/b.csv": "Mã thủ tục;Tên thủ tục\n1.1;a\n",
            "content/procedures/9.999999.md": "# Không có thủ tục này\n",
        ])
        defer { site.remove() }
        let errors = site.failures().map(\.description)
        XCTAssertTrue(errors.contains { $0.hasPrefix("content/procedures/a.csv:2: tệp CSV không hợp lệ: dấu ngoặc kép mở nhưng không đóng") }, errors.joined(separator: "\n"))
        XCTAssertTrue(errors.contains { $0.hasPrefix("content/procedures/b.csv:1: dòng tiêu đề thiếu cột bắt buộc \"Lĩnh vực\", \"Cấp thực hiện\"") }, errors.joined(separator: "\n"))
        XCTAssertTrue(errors.contains { $0.hasPrefix("content/procedures/9.999999.md:1: không có thủ tục nào mang mã \"9.999999\"") })
    }

    func testTTHCLinksResolveAndUnknownCodesFail() throws {
        let csv = "\(Self.header)\n1.001193,Khai sinh,Hộ tịch,xã,,,,,\n1.000001.000.00.00.H35,Thủ tục tỉnh,Đất đai,tỉnh,,,,,\n"
        let good = try TestSite([
            "content/procedures/a.csv": csv,
            "content/articles/a.md": TestSite.article(title: "Bài", date: "2024-01-01",
                                                      body: "Xem [khai sinh](tthc:1.001193) và [tỉnh](tthc:1.000001.000.00.00.h35)."),
        ])
        defer { good.remove() }
        try good.build()
        let article = try XCTUnwrap(good.page("tin-tuc/bai/index.html"))
        XCTAssertTrue(article.contains("<a href=\"/thu-tuc/1.001193/\">khai sinh</a>"), article)
        XCTAssertTrue(article.contains("<a href=\"/thu-tuc/1.000001.000.00.00.H35/\">tỉnh</a>"))
        let procedure = try XCTUnwrap(good.page("thu-tuc/1.001193/index.html"))
        XCTAssertTrue(procedure.contains("Bài viết liên quan"), "the citing article is listed")

        let bad = try TestSite([
            "content/procedures/a.csv": csv,
            "content/articles/a.md": TestSite.article(title: "Bài", date: "2024-01-01", body: "Dòng một.\n\n[sai](tthc:1.999999)"),
        ])
        defer { bad.remove() }
        XCTAssertEqual(bad.failures().map(\.description).first { $0.contains("tthc") || $0.contains("1.999999") },
                       "content/articles/a.md:7: liên kết tới thủ tục \"1.999999\" nhưng không có thủ tục nào mang mã này trong content/procedures")
    }
}

extension ProcedureCatalogTests {
    /// The byte path for ASCII links answers as the character path does.
    func testWebLinkCheckOnBytesEqualsTheCharacterCheck() {
        let samples = ["https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.001193",
                       "HTTP://VI.VN/a", "http://", "https://", "http://x", "https://x", "htp://a.vn", "ftp://a.vn",
                       "https://a.vn/b c", "https://a.vn/\"x\"", "https://a.vn/<b>", "https://a.vn/\t", "https://a.vn/\r\n",
                       "https://a.vn/\u{0B}", "https://đường.vn/", "https://a.vn/\u{A0}x", "Https://A.vn", " https://a.vn", ""]
        for sample in samples {
            XCTAssertEqual(ProcedureRow.isWebLink(sample), ProcedureRow.isWebLinkByCharacters(sample), sample.debugDescription)
        }
        XCTAssertTrue(ProcedureRow.isWebLink("HTTP://VI.VN/a"))
        XCTAssertFalse(ProcedureRow.isWebLink("https://a.vn/b c"))
    }
}
