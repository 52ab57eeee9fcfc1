import Foundation
import XCTest
@testable import LoaCore

final class LegacyEncodingTests: XCTestCase {

    static let sentence = "Cộng hòa xã hội chủ nghĩa Việt Nam – Độc lập – Tự do – Hạnh phúc"

    /// Bytes of a string whose characters are all Windows-1252 glyphs (how legacy text looks
    /// when opened with a Western font), e.g. "ViÖt Nam".
    private func glyphBytes(_ s: String) -> [UInt8] {
        let cp1252: [Unicode.Scalar: UInt8] = ["–": 0x96, "“": 0x93, "”": 0x94]
        return s.unicodeScalars.map { u in
            if let b = cp1252[u] { return b }
            precondition(u.value < 0x100, "not a single-byte glyph: \(u)")
            return UInt8(u.value)
        }
    }

    // MARK: Known text (tables as used by real documents)

    func testDecodeKnownTCVN3Text() {
        let samples: [(String, String)] = [
            ("Céng hßa x· héi chñ nghÜa ViÖt Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
            ("§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc"),
            ("B¶o Th¾ng, M\u{AD}êng Kh\u{AD}¬ng, B¸t X¸t, Ninh B×nh", "Bảo Thắng, Mường Khương, Bát Xát, Ninh Bình"),
            ("Tr\u{AD}êng ®¹i häc", "Trường đại học"),
            ("¡n, ¢n, £m, ¤ng, ¥n, ¦u", "Ăn, Ân, Êm, Ông, Ơn, Ưu"),
        ]
        for (legacy, unicode) in samples {
            XCTAssertEqual(LegacyEncoding.decode(glyphBytes(legacy), as: .tcvn3), unicode)
            XCTAssertEqual(LegacyEncoding.encode(unicode, as: .tcvn3), glyphBytes(legacy))
        }
    }

    func testDecodeKnownVNIText() {
        let samples: [(String, String)] = [
            ("Xin chaøo caùc baïn", "Xin chào các bạn"),
            ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
            ("Ñoäc laäp - Töï do - Haïnh phuùc", "Độc lập - Tự do - Hạnh phúc"),
            ("UÛY BAN NHAÂN DAÂN TÆNH QUAÛNG NGAÕI", "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI"),
            ("Nguyeãn Thò Ngoïc Tröôøng, Thaønh phoá Hoà Chí Minh", "Nguyễn Thị Ngọc Trường, Thành phố Hồ Chí Minh"),
            ("Ñaëng, Ñaék Laék, chöõ kyù, baûn ñoà", "Đặng, Đắk Lắk, chữ ký, bản đồ"),
        ]
        for (legacy, unicode) in samples {
            XCTAssertEqual(LegacyEncoding.decode(glyphBytes(legacy), as: .vni), unicode)
            XCTAssertEqual(LegacyEncoding.encode(unicode, as: .vni), glyphBytes(legacy))
        }
        // A mark typed in the other case still sits on its vowel ("Uûy" is common in mixed case).
        XCTAssertEqual(LegacyEncoding.decode(glyphBytes("Uûy ban, AÙ"), as: .vni), "Ủy ban, Á")
    }

    func testSingleCodes() {
        let tcvn3: [(String, [UInt8])] = [("á", [0xB8]), ("à", [0xB5]), ("đ", [0xAE]), ("Đ", [0xA7]),
                                          ("ư", [0xAD]), ("ặ", [0xC6]), ("ỵ", [0xFE]), ("ý", [0xFD])]
        for (letter, bytes) in tcvn3 { XCTAssertEqual(LegacyEncoding.encode(letter, as: .tcvn3), bytes, letter) }
        let vni: [(String, [UInt8])] = [("ế", [0x65, 0xE1]), ("ặ", [0x61, 0xEB]), ("Ư", [0xD6]), ("ữ", [0xF6, 0xF5]),
                                        ("ĩ", [0xF3]), ("ị", [0xF2]), ("ỵ", [0xEE]), ("Ỵ", [0xCE]), ("ẳ", [0x61, 0xFA]),
                                        ("Ẵ", [0x41, 0xDC]), ("đ", [0xF1])]
        for (letter, bytes) in vni { XCTAssertEqual(LegacyEncoding.encode(letter, as: .vni), bytes, letter) }
    }

    // MARK: Every letter round-trips

    func testEveryLetterRoundTrips() {
        let lower = vietnameseLowercaseVowels + ["đ"]
        let upper = lower.map { $0.uppercased() }
        let tcvn3Capitals = ["Ă", "Â", "Đ", "Ê", "Ô", "Ơ", "Ư"]
        let cases: [(LegacyVietnameseEncoding, [String])] = [(.tcvn3, lower + tcvn3Capitals), (.vni, lower + upper)]
        for (encoding, letters) in cases {
            var seen: [[UInt8]: String] = [:]
            for letter in letters {
                guard let bytes = LegacyEncoding.encode(letter, as: encoding) else {
                    XCTFail("\(letter) has no \(encoding) code")
                    continue
                }
                XCTAssertEqual(LegacyEncoding.decode(bytes, as: encoding), letter, "\(encoding) \(letter)")
                XCTAssertNil(seen[bytes], "\(letter) and \(seen[bytes] ?? "") share a code")
                seen[bytes] = letter
                if letter.unicodeScalars.first!.value >= 0x80 {
                    XCTAssertTrue(bytes.contains { $0 >= 0x80 }, "\(letter) encoded as plain ASCII")
                }
            }
            let all = letters.joined(separator: " ")
            XCTAssertEqual(LegacyEncoding.encode(all, as: encoding).map { LegacyEncoding.decode($0, as: encoding) }, all)
        }
    }

    func testTCVN3HasNoTonedCapitals() {
        XCTAssertNil(LegacyEncoding.encode("Ánh", as: .tcvn3))
        XCTAssertNil(LegacyEncoding.encode("東", as: .vni))
        // Lossy: capital fonts draw the lowercase code as a capital.
        XCTAssertEqual(LegacyEncoding.encode("Ánh", as: .tcvn3, lossy: true), [0xB8, 0x6E, 0x68])
        XCTAssertEqual(LegacyEncoding.encode("東x", as: .vni, lossy: true), [0x3F, 0x78])
    }

    func testDecodedTextIsNFC() {
        let decoded = LegacyEncoding.decode(glyphBytes("Vieät"), as: .vni)
        XCTAssertEqual(Array(decoded.unicodeScalars), ["V", "i", "\u{1EC7}", "t"])
    }

    // MARK: Detection

    func testDetectSentence() throws {
        for encoding in LegacyVietnameseEncoding.allCases {
            let bytes = try XCTUnwrap(LegacyEncoding.encode(Self.sentence, as: encoding))
            XCTAssertEqual(LegacyEncoding.detect(bytes), encoding)
            XCTAssertEqual(LegacyEncoding.decode(bytes, as: encoding), Self.sentence)
        }
    }

    func testDetectDocuments() throws {
        let document = """
            ---
            title: Thông báo lịch tiếp công dân tháng 01/2024
            date: 2024-01-05
            ---
            Ủy ban nhân dân xã thông báo lịch tiếp công dân của Chủ tịch như sau: \
            sáng thứ Năm hằng tuần, tại trụ sở.

            """
        let vni = try XCTUnwrap(LegacyEncoding.encode(document, as: .vni))
        XCTAssertEqual(LegacyEncoding.detect(vni), .vni)
        let tcvn3 = try XCTUnwrap(LegacyEncoding.encode(document, as: .tcvn3, lossy: true))
        XCTAssertEqual(LegacyEncoding.detect(tcvn3), .tcvn3)
        // All-capital text as typed with the capital fonts.
        XCTAssertEqual(LegacyEncoding.detect(glyphBytes("CéNG HßA X· HéI CHñ NGHÜA VIÖT NAM")), .tcvn3)
        XCTAssertEqual(LegacyEncoding.detect(glyphBytes("COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM")), .vni)
    }

    func testDetectShortPhrases() throws {
        // Short titles, where a wrong table can still spell plausible words.
        let phrases = ["Lạng Sơn", "Chủ tịch", "thị trấn", "tỉnh", "khoản 2", "công dân", "Hà Nội", "Việt Nam", "người"]
        for phrase in phrases {
            for encoding in LegacyVietnameseEncoding.allCases {
                let bytes = try XCTUnwrap(LegacyEncoding.encode(phrase, as: encoding))
                XCTAssertEqual(LegacyEncoding.detect(bytes), encoding, "\(phrase) in \(encoding)")
            }
        }
    }

    func testSyllableRules() {
        for word in ["nghiêng", "quốc", "giữa", "khuỷu", "Việt", "được", "Đắk", "hoạch", "xoong", "à"] {
            XCTAssertTrue(Syllable.isWellFormed(word), word)
        }
        // Wrong-table readings: glide + final, ch after u, hỏi before a stop, two tones, bare iê, foreign letter.
        for word in ["laùng", "tũch", "lẩp", "dât", "tửù", "tiê", "vieọt", "café", "ăn1"] {
            XCTAssertFalse(Syllable.isWellFormed(word), word)
        }
    }

    func testStrayBytes() {
        // TCVN3 letters 0xA1–0xBF are symbols in VNI; VNI mark bytes after a consonant are strays.
        XCTAssertEqual(LegacyEncoding.decodeVNI(glyphBytes("B¸o c¸o")).strayBytes, 2)
        XCTAssertEqual(LegacyEncoding.decodeVNI(glyphBytes("caùc à Tù")).strayBytes, 2)
        XCTAssertEqual(LegacyEncoding.decodeVNI(glyphBytes("Coäng hoøa")).strayBytes, 0)
        // Bytes TCVN3 does not use.
        XCTAssertEqual(LegacyEncoding.decodeTCVN3(glyphBytes("Ánh ÿ")).strayBytes, 2)
        XCTAssertEqual(LegacyEncoding.decodeTCVN3(glyphBytes("Céng hßa")).strayBytes, 0)
    }

    func testDetectRejectsUTF8AndOtherText() {
        XCTAssertNil(LegacyEncoding.detect(Array(Self.sentence.utf8)))
        XCTAssertNil(LegacyEncoding.detect([0xEF, 0xBB, 0xBF] + Array("Việt Nam".utf8)))
        XCTAssertNil(LegacyEncoding.detect(Array("Plain ASCII text, 2024.".utf8)))
        XCTAssertNil(LegacyEncoding.detect([]))
        // Latin-1 French and binary noise are neither TCVN3 nor VNI.
        XCTAssertNil(LegacyEncoding.detect(glyphBytes("Le café à Paris était très animé, déjà")))
        XCTAssertNil(LegacyEncoding.detect(glyphBytes("Menu à la carte")))
        XCTAssertNil(LegacyEncoding.detect([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0xC0, 0xFF, 0xDA]))
    }

    // MARK: Files

    private func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("loa-legacy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        return dir
    }

    func testConvertFileWritesBackupAndNFC() throws {
        let dir = try temporaryDirectory()
        let path = dir.appendingPathComponent("bai-viet.md").path
        let original = try XCTUnwrap(LegacyEncoding.encode("# " + Self.sentence + "\n", as: .tcvn3))
        try Data(original).write(to: URL(fileURLWithPath: path))

        XCTAssertEqual(try LegacyEncoding.convertFile(at: path), .tcvn3)
        let converted = try Data(contentsOf: URL(fileURLWithPath: path))
        XCTAssertEqual(converted, Data(("# " + Self.sentence + "\n").precomposedStringWithCanonicalMapping.utf8))
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path + ".bak")), Data(original))

        // Already UTF-8: untouched, no new backup.
        XCTAssertNil(try LegacyEncoding.convertFile(at: path))
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), converted)
        XCTAssertFalse(FileManager.default.fileExists(atPath: path + ".bak2"))
    }

    func testConvertFileKeepsExistingBackups() throws {
        let dir = try temporaryDirectory()
        let path = dir.appendingPathComponent("thong-bao.md").path
        let original = try XCTUnwrap(LegacyEncoding.encode(Self.sentence, as: .vni))
        try Data(original).write(to: URL(fileURLWithPath: path))
        try Data("old backup".utf8).write(to: URL(fileURLWithPath: path + ".bak"))

        XCTAssertEqual(try LegacyEncoding.convertFile(at: path), .vni)
        XCTAssertEqual(try String(contentsOfFile: path + ".bak", encoding: .utf8), "old backup")
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path + ".bak2")), Data(original))
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), Self.sentence)
    }

    func testConvertFileRejectsUnknownBytes() throws {
        let dir = try temporaryDirectory()
        let path = dir.appendingPathComponent("anh.md").path
        let noise: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0xC0, 0xFF, 0xDA]
        try Data(noise).write(to: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try LegacyEncoding.convertFile(at: path)) { error in
            XCTAssertEqual(error as? LegacyEncodingError, .unrecognized(path: path))
            XCTAssertTrue("\(error)".contains("tệp không phải UTF-8 và không nhận ra bảng mã TCVN3 hay VNI"))
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), Data(noise))
        XCTAssertFalse(FileManager.default.fileExists(atPath: path + ".bak"))

        let missing = dir.appendingPathComponent("khong-co.md").path
        XCTAssertThrowsError(try LegacyEncoding.convertFile(at: missing)) { error in
            guard case .io(let p, _)? = error as? LegacyEncodingError else { return XCTFail("\(error)") }
            XCTAssertEqual(p, missing)
        }
    }
}
