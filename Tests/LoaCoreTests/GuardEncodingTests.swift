import Foundation
import XCTest
@testable import LoaCore

/// Legacy encodings against tables written out independently of the converter's own, `loa fix-encoding`
/// end to end, and silent NFC normalisation of decomposed text.
final class GuardEncodingTests: XCTestCase {
    /// TCVN 5712:1993 VN3 ("ABC"): every lowercase letter with a diacritic, and the seven base capitals.
    static let tcvn3: [String: UInt8] = [
        "ă": 0xA8, "â": 0xA9, "ê": 0xAA, "ô": 0xAB, "ơ": 0xAC, "ư": 0xAD, "đ": 0xAE,
        "Ă": 0xA1, "Â": 0xA2, "Ê": 0xA3, "Ô": 0xA4, "Ơ": 0xA5, "Ư": 0xA6, "Đ": 0xA7,
        "à": 0xB5, "ả": 0xB6, "ã": 0xB7, "á": 0xB8, "ạ": 0xB9, "ằ": 0xBB, "ẳ": 0xBC, "ẵ": 0xBD, "ắ": 0xBE, "ặ": 0xC6,
        "ầ": 0xC7, "ẩ": 0xC8, "ẫ": 0xC9, "ấ": 0xCA, "ậ": 0xCB, "è": 0xCC, "ẻ": 0xCE, "ẽ": 0xCF, "é": 0xD0, "ẹ": 0xD1,
        "ề": 0xD2, "ể": 0xD3, "ễ": 0xD4, "ế": 0xD5, "ệ": 0xD6, "ì": 0xD7, "ỉ": 0xD8, "ĩ": 0xDC, "í": 0xDD, "ị": 0xDE,
        "ò": 0xDF, "ỏ": 0xE1, "õ": 0xE2, "ó": 0xE3, "ọ": 0xE4, "ồ": 0xE5, "ổ": 0xE6, "ỗ": 0xE7, "ố": 0xE8, "ộ": 0xE9,
        "ờ": 0xEA, "ở": 0xEB, "ỡ": 0xEC, "ớ": 0xED, "ợ": 0xEE, "ù": 0xEF, "ủ": 0xF1, "ũ": 0xF2, "ú": 0xF3, "ụ": 0xF4,
        "ừ": 0xF5, "ử": 0xF6, "ữ": 0xF7, "ứ": 0xF8, "ự": 0xF9, "ỳ": 0xFA, "ỷ": 0xFB, "ỹ": 0xFC, "ý": 0xFD, "ỵ": 0xFE,
    ]

    /// VNI-Windows, built from its published scheme: base letter (or ơ ư) then one byte for the marks;
    /// i and ỵ have single-byte forms; every capital is its lowercase bytes minus 0x20.
    static var vni: [String: [UInt8]] {
        let nfc = VietnameseText.nfc
        var table: [String: [UInt8]] = ["đ": [0xF1], "ơ": [0xF4], "ư": [0xF6], "í": [0xED], "ì": [0xEC], "ỉ": [0xE6],
                                        "ĩ": [0xF3], "ị": [0xF2], "ỵ": [0xEE]]
        let tones: [(String, UInt8)] = [("\u{301}", 0xF9), ("\u{300}", 0xF8), ("\u{309}", 0xFB), ("\u{303}", 0xF5), ("\u{323}", 0xEF)]
        let circumflex: [(String, UInt8)] = [("", 0xE2), ("\u{301}", 0xE1), ("\u{300}", 0xE0), ("\u{309}", 0xE5), ("\u{303}", 0xE3), ("\u{323}", 0xE4)]
        let breve: [(String, UInt8)] = [("", 0xEA), ("\u{301}", 0xE9), ("\u{300}", 0xE8), ("\u{309}", 0xFA), ("\u{303}", 0xFC), ("\u{323}", 0xEB)]
        for base in ["a", "e", "o", "u", "y"] {
            for (mark, byte) in tones where table[nfc(base + mark)] == nil {
                table[nfc(base + mark)] = [base.utf8.first!, byte]
            }
        }
        for base in ["a", "e", "o"] {
            for (mark, byte) in circumflex { table[nfc(base + "\u{302}" + mark)] = [base.utf8.first!, byte] }
        }
        for (mark, byte) in breve { table[nfc("a\u{306}" + mark)] = [0x61, byte] }
        for (base, byte) in [("ơ", UInt8(0xF4)), ("ư", UInt8(0xF6))] {
            for (mark, tone) in tones { table[nfc(base + mark)] = [byte, tone] }
        }
        for (letter, bytes) in table { table[letter.uppercased()] = bytes.map { $0 - 0x20 } }
        return table
    }

    static let lowercaseLetters: [String] = {
        var letters = ["đ"]
        for base in ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"] {
            for mark in ["", "\u{301}", "\u{300}", "\u{309}", "\u{303}", "\u{323}"] {
                let letter = VietnameseText.nfc(base + mark)
                if letter.unicodeScalars.first!.value >= 0x80 { letters.append(letter) }
            }
        }
        return letters
    }()

    func testEveryLetterMatchesTheTCVN3Table() {
        XCTAssertEqual(GuardEncodingTests.lowercaseLetters.count, 67)
        for letter in GuardEncodingTests.lowercaseLetters + ["Ă", "Â", "Ê", "Ô", "Ơ", "Ư", "Đ"] {
            guard let byte = GuardEncodingTests.tcvn3[letter] else { XCTFail("table lacks \(letter)"); continue }
            XCTAssertEqual(LegacyEncoding.decode([byte], as: .tcvn3), letter, "decode 0x\(String(byte, radix: 16))")
            XCTAssertEqual(LegacyEncoding.encode(letter, as: .tcvn3), [byte], "encode \(letter)")
        }
    }

    func testEveryLetterMatchesTheVNITable() {
        let table = GuardEncodingTests.vni
        let letters = GuardEncodingTests.lowercaseLetters
        XCTAssertEqual(letters.count, 67)
        for letter in letters + letters.map { $0.uppercased() } {
            guard let bytes = table[letter] else { XCTFail("table lacks \(letter)"); continue }
            XCTAssertEqual(LegacyEncoding.decode(bytes, as: .vni), letter, "decode \(bytes.map { String($0, radix: 16) })")
            XCTAssertEqual(LegacyEncoding.encode(letter, as: .vni), bytes, "encode \(letter)")
        }
    }

    /// `loa fix-encoding` on the corpus' TCVN3 and VNI articles: UTF-8 NFC in place, the original kept,
    /// and the site then builds; a file in no known encoding is refused by name, exit 1.
    func testFixEncodingCommandEndToEnd() throws {
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: TestPaths.loaBinary), "build the loa binary first")
        let dir = TempDir("fix")
        try SiteFiles.overlay(TestPaths.baseSite, onto: dir.path)
        let fixtures = TestPaths.fixtures + "/invalid"
        var originals: [String: Data] = [:]
        for (name, file) in [("encoding-tcvn3", "content/articles/tcvn3.md"), ("encoding-vni", "content/pages/vni.md")] {
            let data = FileManager.default.contents(atPath: "\(fixtures)/\(name)/content/articles/2024/bai.md")!
            try dir.write(file, [UInt8](data))
            originals[file] = data
        }
        XCTAssertThrowsError(try SiteBuilder.build(.fixed(dir.path)))
        let utf8File = dir.path + "/content/articles/2024/tin-mau.md"
        let utf8Before = FileManager.default.contents(atPath: utf8File)
        let result = try Run.loa(["fix-encoding", dir.path + "/content/articles/tcvn3.md", dir.path + "/content/pages/vni.md", utf8File])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("tcvn3.md: đã chuyển từ TCVN3 (ABC) sang Unicode UTF-8"), result.stdout)
        XCTAssertTrue(result.stdout.contains("vni.md: đã chuyển từ VNI-Windows sang Unicode UTF-8"), result.stdout)
        XCTAssertTrue(result.stdout.contains("tin-mau.md: đã là Unicode UTF-8, không thay đổi"), result.stdout)
        XCTAssertEqual(FileManager.default.contents(atPath: utf8File), utf8Before)
        XCTAssertFalse(FileManager.default.fileExists(atPath: utf8File + ".bak"))
        for (file, original) in originals {
            let converted = try String(contentsOfFile: dir.path + "/" + file, encoding: .utf8)
            XCTAssertTrue(converted.contains("Hội nghị triển khai công tác cải cách hành chính"), converted)
            XCTAssertTrue(converted.contains("ủy ban nhân dân huyện tổ chức hội nghị") || converted.contains("Ủy ban nhân dân huyện tổ chức hội nghị"), converted)
            XCTAssertEqual(converted, VietnameseText.nfc(converted), "not NFC")
            XCTAssertEqual(FileManager.default.contents(atPath: dir.path + "/" + file + ".bak"), original, "backup must hold the original")
        }
        // The .bak files are not .md: the build ignores them (with a warning) and succeeds.
        let report = try SiteBuilder.build(.fixed(dir.path))
        XCTAssertGreaterThan(report.pages, 3)

        try dir.write("content/articles/la.md", [0x93, 0x94, 0x80, 0x20, 0x93, 0x0A])
        let refused = try Run.loa(["fix-encoding", dir.path + "/content/articles/la.md"])
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.contains("la.md: tệp không phải UTF-8 và không nhận ra bảng mã"), refused.stderr)
    }

    /// Text typed in decomposed form (macOS, some Word exports) is normalised on load, silently.
    func testDecomposedTextIsNormalisedSilently() throws {
        let dir = TempDir("nfd")
        try SiteFiles.overlay(TestPaths.baseSite, onto: dir.path)
        let title = "Hội nghị Hoàng Việt tổng kết"
        let nfd = title.decomposedStringWithCanonicalMapping
        XCTAssertNotEqual(Array(nfd.utf8), Array(title.utf8))
        try dir.write("content/articles/nfd.md", "---\ntitle: \"\(nfd)\"\ndate: 2024-04-15\nunits: [ hoang-viet ]\ntags: [ \"\(nfd)\" ]\n---\n\(nfd) — nội dung.\n")
        try dir.write("content/units.yaml", "units:\n  - id: hoang-viet\n    name: \"\("Xã Hoàng Việt".decomposedStringWithCanonicalMapping)\"\n    kind: xa\n  - id: thi-tran-mau\n    name: \"\("Thị trấn Mẫu".decomposedStringWithCanonicalMapping)\"\n    kind: thi-tran\n")
        let report = try SiteBuilder.build(.fixed(dir.path))
        XCTAssertFalse(report.warnings.contains { $0.file == "content/articles/nfd.md" }, "normalising must be silent")
        // Bytes, not String.contains: Swift compares strings up to canonical equivalence.
        func has(_ file: String, _ text: String) throws -> Bool {
            let bytes = [UInt8](FileManager.default.contents(atPath: dir.path + "/public/" + file) ?? Data())
            let needle = Array(text.utf8)
            return bytes.indices.contains { bytes[$0...].starts(with: needle) }
        }
        XCTAssertTrue(try has("tin-tuc/hoi-nghi-hoang-viet-tong-ket/index.html", title))
        XCTAssertFalse(try has("tin-tuc/hoi-nghi-hoang-viet-tong-ket/index.html", nfd))
        XCTAssertTrue(try has("don-vi/index.html", "Xã Hoàng Việt"))
        for file in OutputWriter.listFiles(dir.path + "/public") where file.hasSuffix(".html") {
            let text = try String(contentsOfFile: dir.path + "/public/" + file, encoding: .utf8)
            XCTAssertEqual(Array(text.utf8), Array(VietnameseText.nfc(text).utf8), "\(file) is not NFC")
        }
    }
}
