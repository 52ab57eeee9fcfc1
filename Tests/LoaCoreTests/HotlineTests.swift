import XCTest
@testable import LoaCore

final class HotlineTests: XCTestCase {
    static let hotlines = """
    hotlines:
      - agency: "UBND huyện Thử Nghiệm – Bộ phận Một cửa"
        purpose: "Tiếp nhận phản ánh; kiến nghị, về TTHC"
        phone: "0205 3 830 123"
        hours: "Giờ hành chính"
        verified: 2026-10-01
      - unit: hoang-viet
        agency: "UBND xã Hoàng Việt"
        person: "Âu Hồng Ngân"
        title: "Chủ tịch UBND xã"
        phone: "+84 912 345 678"
        email: "hoangviet@example.gov.vn"
        verified: 2026-01-15
    """

    func testBadNumbersAndUnknownUnitsAreErrorsAtTheirLine() throws {
        let site = try TestSite(["content/hotlines.yaml": """
        hotlines:
          - agency: "A"
            phone: "0205 383 012"
            verified: 2026-10-01
          - unit: hoang-vit
            agency: "B"
            phone: "0912 345 678"
          - agency: "C"
            phone: "1900 1234"
          - phone: "0912 345 678"
        """])
        defer { site.remove() }
        let errors = site.failures().filter { $0.severity == .error }.map(\.description)
        XCTAssertTrue(errors.contains { $0.hasPrefix("content/hotlines.yaml:3: số điện thoại \"0205 383 012\" không hợp lệ") }, errors.joined(separator: "\n"))
        XCTAssertTrue(errors.contains { $0.hasPrefix("content/hotlines.yaml:5: đơn vị \"hoang-vit\"") })
        XCTAssertTrue(errors.contains { $0.hasPrefix("content/hotlines.yaml:9: số điện thoại \"1900 1234\"") })
        XCTAssertTrue(errors.contains { $0.hasPrefix("content/hotlines.yaml:10: thiếu khóa bắt buộc 'agency'") })
        XCTAssertEqual(errors.count, 4, errors.joined(separator: "\n"))
    }

    func testStaleHotlinesWarnWithConfigurableAge() throws {
        let site = try TestSite(["content/hotlines.yaml": Self.hotlines])
        defer { site.remove() }
        let report = try site.build()  // warnings never fail the build
        XCTAssertEqual(report.warnings.map(\.description), [
            "content/hotlines.yaml:13: cảnh báo: đường dây nóng UBND xã Hoàng Việt (0912 345 678) được kiểm tra lần cuối ngày 15/01/2026, đã 311 ngày (quá 180 ngày) — hãy gọi thử và cập nhật verified",
        ])

        try site.write("content/site.yaml", TestSite.siteYAML + "\nhotline_max_age_days: 30\n")
        let strict = try site.build()
        XCTAssertEqual(strict.warnings.map(\.line), [6, 13])
        try site.write("content/site.yaml", TestSite.siteYAML + "\nhotline_max_age_days: 400\n")
        XCTAssertEqual(try site.build().warnings, [])
    }

    func testVCardIsEscapedFoldedAndCRLF() {
        let hotline = Hotline(unitID: nil, agency: "UBND huyện; Bộ phận, Một cửa", purpose: "Phản ánh\nkiến nghị",
                              person: nil, title: nil, phone: PhoneNumber("0205 3 830 123")!, email: nil,
                              hours: nil, verified: nil, file: "f", line: 1, verifiedLine: 1)
        let card = VCard.card(hotline, unitName: nil, url: "https://example.gov.vn/duong-day-nong/")
        XCTAssertTrue(card.hasPrefix("BEGIN:VCARD\r\nVERSION:3.0\r\n"))
        XCTAssertTrue(card.hasSuffix("END:VCARD\r\n"))
        XCTAssertTrue(card.contains("ORG:UBND huyện\\; Bộ phận\\, Một cửa\r\n"))
        XCTAssertTrue(card.contains("TEL;TYPE=WORK,VOICE:+842053830123\r\n"))
        XCTAssertTrue(card.contains("NOTE:Phản ánh\\nkiến nghị\r\n"))
        XCTAssertFalse(card.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "no bare LF")
        let long = VCard.fold("NOTE:" + String(repeating: "Tiếp nhận phản ánh ", count: 8))
        for line in long.components(separatedBy: "\r\n") { XCTAssertLessThanOrEqual(line.utf8.count, 75) }
        XCTAssertEqual(long.replacingOccurrences(of: "\r\n ", with: ""), "NOTE:" + String(repeating: "Tiếp nhận phản ánh ", count: 8))
    }
}
