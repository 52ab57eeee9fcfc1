import Foundation
import XCTest
@testable import LoaCore

/// The 72 lowercase vowel forms, by base vowel, tones in the order none, sắc, huyền, hỏi, ngã, nặng.
let vietnameseLowercaseVowels: [String] = [
    "a", "á", "à", "ả", "ã", "ạ", "ă", "ắ", "ằ", "ẳ", "ẵ", "ặ", "â", "ấ", "ầ", "ẩ", "ẫ", "ậ",
    "e", "é", "è", "ẻ", "ẽ", "ẹ", "ê", "ế", "ề", "ể", "ễ", "ệ",
    "i", "í", "ì", "ỉ", "ĩ", "ị",
    "o", "ó", "ò", "ỏ", "õ", "ọ", "ô", "ố", "ồ", "ổ", "ỗ", "ộ", "ơ", "ớ", "ờ", "ở", "ỡ", "ợ",
    "u", "ú", "ù", "ủ", "ũ", "ụ", "ư", "ứ", "ừ", "ử", "ữ", "ự",
    "y", "ý", "ỳ", "ỷ", "ỹ", "ỵ",
]

final class VietnameseTextTests: XCTestCase {

    func testSlugExamples() {
        XCTAssertEqual(VietnameseText.slug("Cải cách hành chính Đồng Đăng"), "cai-cach-hanh-chinh-dong-dang")
        XCTAssertEqual(VietnameseText.slug("Thủ tục: đăng ký khai sinh (2024)"), "thu-tuc-dang-ky-khai-sinh-2024")
        XCTAssertEqual(VietnameseText.slug("ĐƯỜNG DÂY NÓNG"), "duong-day-nong")
    }

    func testSlugEdgeCases() {
        XCTAssertEqual(VietnameseText.slug("Đà Nẵng   và   đảo  Lý Sơn"), "da-nang-va-dao-ly-son")
        XCTAssertEqual(VietnameseText.slug("  --Hỏi & đáp!!  "), "hoi-dap")
        XCTAssertEqual(VietnameseText.slug("Tin tức – Sự kiện “nổi bật”…"), "tin-tuc-su-kien-noi-bat")
        XCTAssertEqual(VietnameseText.slug("bao-cao-2024"), "bao-cao-2024")
        XCTAssertEqual(VietnameseText.slug("Quý I/2024: 83,16%"), "quy-i-2024-83-16")
        XCTAssertEqual(VietnameseText.slug(""), "")
        XCTAssertEqual(VietnameseText.slug("!!! — ???"), "")
        XCTAssertEqual(VietnameseText.slug("東京"), "")
    }

    func testFold() {
        XCTAssertEqual(VietnameseText.fold("Đường Hồ Chí Minh"), "duong ho chi minh")
        XCTAssertEqual(VietnameseText.fold("ă â ê ô ơ ư đ Ă Â Ê Ô Ơ Ư Đ"), "a a e o o u d a a e o o u d")
        XCTAssertEqual(VietnameseText.fold("Ngõ 12, phố Huế – “Hà Nội”"), "ngo 12, pho hue – “ha noi”")
        // Other characters are kept (lowercased).
        XCTAssertEqual(VietnameseText.fold("Ø Æ ΑΒΓ 東京 Ñandú"), "ø æ αβγ 東京 nandu")
    }

    func testFoldEveryVowel() {
        let bases = "aaaaaaaaaaaaaaaaaaeeeeeeeeeeeeiiiiiioooooooooooooooooouuuuuuuuuuuuyyyyyy".map(String.init)
        XCTAssertEqual(vietnameseLowercaseVowels.count, 72)
        for (letter, base) in zip(vietnameseLowercaseVowels, bases) {
            XCTAssertEqual(VietnameseText.fold(letter), base, letter)
            XCTAssertEqual(VietnameseText.fold(letter.uppercased()), base, letter.uppercased())
        }
    }

    func testDecomposedInputFoldsLikeComposed() {
        let samples = ["Cải cách hành chính Đồng Đăng", "ĐƯỜNG DÂY NÓNG", "Nghị định số 15/2020/NĐ-CP", "Khuỷu tay ngoằn ngoèo"]
        for nfcText in samples {
            let nfdText = nfcText.decomposedStringWithCanonicalMapping
            XCTAssertGreaterThan(nfdText.unicodeScalars.count, nfcText.unicodeScalars.count)  // really decomposed
            XCTAssertEqual(VietnameseText.slug(nfdText), VietnameseText.slug(nfcText))
            XCTAssertEqual(VietnameseText.fold(nfdText), VietnameseText.fold(nfcText))
            XCTAssertTrue(VietnameseText.nfc(nfdText).unicodeScalars.elementsEqual(nfcText.unicodeScalars))
        }
        XCTAssertEqual(VietnameseText.slug("Ngh\u{1ECB} \u{111}i\u{323}nh".decomposedStringWithCanonicalMapping), "nghi-dinh")
    }

    /// The quick check on UTF-8 bytes agrees with the definition scalar by scalar: every boundary of the
    /// ranges it lets through, and text Foundation's normaliser would change.
    func testQuickNFCCheckAtRangeBoundaries() {
        let quick: [Unicode.Scalar] = ["a", "\u{7F}", "\u{80}", "\u{2FF}", "\u{1E00}", "\u{1EFF}", "\u{2010}",
                                       "\u{2027}", "\u{2030}", "\u{205E}", "đ", "ư", "ỹ", "–"]
        let slow: [Unicode.Scalar] = ["\u{300}", "\u{301}", "\u{323}", "\u{1DFF}", "\u{1F00}", "\u{2028}", "\u{205F}",
                                      "\u{AC00}", "\u{1F600}", "\u{FEFF}"]
        for scalar in quick {
            XCTAssertTrue(VietnameseText.isNFCQuick("Xã \(scalar) cuối"), "U+\(String(scalar.value, radix: 16))")
        }
        for scalar in slow {
            XCTAssertFalse(VietnameseText.isNFCQuick("Xã \(scalar) cuối"), "U+\(String(scalar.value, radix: 16))")
            XCTAssertFalse(VietnameseText.isNFCQuick(String(scalar)), "U+\(String(scalar.value, radix: 16))")
        }
        XCTAssertTrue(VietnameseText.isNFCQuick(""))
        let decomposed = "Thủ tục khai sinh".decomposedStringWithCanonicalMapping
        XCTAssertFalse(VietnameseText.isNFCQuick(decomposed))
        XCTAssertEqual(Array(VietnameseText.clean(decomposed).unicodeScalars), Array("Thủ tục khai sinh".unicodeScalars))
        XCTAssertEqual(VietnameseText.clean(""), "")
    }

    /// Paths and terms are sorted by their UTF-8 bytes everywhere; the `memcmp` comparison must agree with
    /// the views' own.
    func testByteOrderAgreesWithTheUTF8Views() {
        let texts = ["", "a", "ab", "abc", "b", "tin-tuc/", "tin-tuc/bai-000010/index.html", "tin-tuc/bai-00001/index.html",
                     "đ", "d", "Đường", "duong", "xã", "xa\u{0303}", String(repeating: "z", count: 40), "tin-tuc\u{0}x"]
        for a in texts {
            for b in texts {
                XCTAssertEqual(a.precedesInByteOrder(b), a.utf8.lexicographicallyPrecedes(b.utf8), "\(a) < \(b)")
            }
        }
    }

    /// The byte search behind the `trang/` look-ups agrees with Foundation's search on paths and text.
    func testFirstRangeOfASCIIAgreesWithFoundation() {
        let texts = ["", "trang/", "tin-tuc/trang/2/", "tin-tuc/", "trantrang/x", "trang", "ttrang/trang/", "xã/trang/3/",
                     "Đường/tran", "a\u{0301}trang/b", "tin-tuc/trang/2/trang/3/"]
        for text in texts {
            let expected = text.range(of: "trang/").map { text.utf8.distance(from: text.startIndex, to: $0.lowerBound) }
            let found = text.firstRange(ofASCII: "trang/").map { text.utf8.distance(from: text.startIndex, to: $0.lowerBound) }
            XCTAssertEqual(found, expected, text)
            if let range = text.firstRange(ofASCII: "trang/") { XCTAssertEqual(String(text[range]), "trang/") }
            // On a slice, the range is in the slice's (the base string's) indices.
            let slice = text.dropFirst(min(3, text.count))
            XCTAssertEqual(slice.firstRange(ofASCII: "trang/").map { String(text[$0]) }, slice.range(of: "trang/").map { String(text[$0]) })
        }
    }

    func testClean() {
        let cleaned = VietnameseText.clean("\u{FEFF}Dòng 1\r\nDòng 2\rDòng 3\n\r\nHe\u{0302}\u{0301}t")
        XCTAssertEqual(Array(cleaned.unicodeScalars), Array("Dòng 1\nDòng 2\nDòng 3\n\nHết".unicodeScalars))
        // Only a leading BOM is removed.
        XCTAssertEqual(Array(VietnameseText.clean("a\u{FEFF}b").unicodeScalars), ["a", "\u{FEFF}", "b"])
    }

    // MARK: Collation

    static let unitsInOrder = [
        "An Sơn", "Ân Thi", "Bắc Sơn", "Bình Gia", "Cao Lộc", "Chi Lăng", "Dương Kinh", "Đình Lập",
        "Đồng Đăng", "Hòa Bình", "Hoàng Đồng", "Hữu Lũng", "Lộc Bình", "Ô Môn", "Tân An", "Tần An",
        "Tấn An", "Thất Khê", "Tràng Định", "Văn Lãng",
    ]

    func testCollationOfUnitNames() {
        let expected = Self.unitsInOrder
        // A fixed shuffle, so a failure is reproducible.
        let shuffled = [13, 7, 19, 0, 16, 4, 11, 2, 18, 9, 15, 1, 6, 14, 10, 3, 17, 8, 12, 5].map { expected[$0] }
        XCTAssertNotEqual(shuffled, expected)
        XCTAssertEqual(VietnameseText.sorted(shuffled) { $0 }, expected)
        XCTAssertEqual(shuffled.sorted(by: VietnameseText.isOrderedBefore), expected)
        XCTAssertEqual(VietnameseText.sorted(shuffled.reversed()) { $0 }, expected)
    }

    func testCollationRules() {
        let chains: [[String]] = [
            ["An Sơn", "Bình Phúc", "Chu Túc", "Dương", "Đại An", "Điềm He", "Hòa Bình"],
            ["Anh", "Ăn", "Ân"],
            ["az", "ă", "âa"],            // a < ă < â is primary: it beats later letters
            ["dz", "đa"],
            ["ez", "ê"], ["oz", "ô", "ơ"], ["uz", "ư"],
            ["ma", "mà", "mả", "mã", "má", "mạ"],  // tones: none, huyền, hỏi, ngã, sắc, nặng
            ["mạ", "mb"],                 // tones are secondary: a later letter still wins
            ["Hoàng", "Hồ"],              // o < ô decides before the tone
            ["an", "An", "án"],           // case is tertiary, after the tone
            ["An Sơn", "Anh"],            // a space sorts before letters
            ["Phường 1", "Phường 10", "Phường 2", "Phường A"],  // digits before letters, no numeric order
            ["A", "Α", "東"],            // other scripts after the Vietnamese alphabet
            ["Ü", "U Minh"],             // a shorter primary sorts first, whatever its marks
        ]
        for chain in chains {
            for (a, b) in zip(chain, chain.dropFirst()) {
                XCTAssertTrue(VietnameseText.isOrderedBefore(a, b), "\(a) < \(b)")
                XCTAssertFalse(VietnameseText.isOrderedBefore(b, a), "\(b) < \(a)")
                XCTAssertEqual(VietnameseText.compare(a, b), .orderedAscending, "\(a) vs \(b)")
                XCTAssertEqual(VietnameseText.compare(b, a), .orderedDescending, "\(b) vs \(a)")
            }
        }
    }

    func testCollationIsTotal() {
        XCTAssertEqual(VietnameseText.compare("Đồng Đăng", "Đồng Đăng"), .orderedSame)
        // Canonically equal spellings have equal weights; the raw bytes still order them.
        let composed = "Hòa", decomposed = "Hòa".decomposedStringWithCanonicalMapping
        XCTAssertEqual(VietnameseText.collationKey(composed).weights, VietnameseText.collationKey(decomposed).weights)
        XCTAssertNotEqual(VietnameseText.compare(composed, decomposed), .orderedSame)
        XCTAssertNotEqual(VietnameseText.compare(composed, decomposed), VietnameseText.compare(decomposed, composed))
    }

    func testSortedIsStableAndUsesKey() {
        struct Unit: Equatable { let name: String; let id: Int }
        let units = [Unit(name: "Đồng Đăng", id: 1), Unit(name: "Bắc Sơn", id: 2), Unit(name: "Đồng Đăng", id: 3),
                     Unit(name: "Dương Kinh", id: 4), Unit(name: "Đồng Đăng", id: 5)]
        XCTAssertEqual(VietnameseText.sorted(units) { $0.name }.map(\.id), [2, 4, 1, 3, 5])
        XCTAssertEqual(VietnameseText.sorted([Unit]()) { $0.name }, [])
    }
}

final class VietnameseTextFormatTests: XCTestCase {

    func testDates() {
        XCTAssertEqual(VietnameseFormat.longDate(year: 2024, month: 1, day: 5), "ngày 05 tháng 01 năm 2024")
        XCTAssertEqual(VietnameseFormat.longDate(year: 2023, month: 12, day: 31), "ngày 31 tháng 12 năm 2023")
        XCTAssertEqual(VietnameseFormat.shortDate(year: 2024, month: 1, day: 5), "05/01/2024")
        XCTAssertEqual(VietnameseFormat.shortDate(year: 2025, month: 10, day: 20), "20/10/2025")
    }

    func testNumber() {
        XCTAssertEqual(VietnameseFormat.number(83.16, fractionDigits: 2), "83,16")
        XCTAssertEqual(VietnameseFormat.number(1234567.5, fractionDigits: 1), "1.234.567,5")
        XCTAssertEqual(VietnameseFormat.number(-1.35, fractionDigits: 2), "-1,35")
        XCTAssertEqual(VietnameseFormat.number(0.6077, fractionDigits: 4), "0,6077")
        XCTAssertEqual(VietnameseFormat.number(12, fractionDigits: 0), "12")
        XCTAssertEqual(VietnameseFormat.number(0, fractionDigits: 2), "0,00")
        XCTAssertEqual(VietnameseFormat.number(7.5, fractionDigits: 3), "7,500")
        XCTAssertEqual(VietnameseFormat.number(123456789, fractionDigits: 0), "123.456.789")
        XCTAssertEqual(VietnameseFormat.number(-1234.5, fractionDigits: 2), "-1.234,50")
        XCTAssertEqual(VietnameseFormat.number(1.5e16, fractionDigits: 0), "15.000.000.000.000.000")
        XCTAssertEqual(VietnameseFormat.number(1e-7, fractionDigits: 2), "0,00")
        XCTAssertEqual(VietnameseFormat.number(0.000123, fractionDigits: 4), "0,0001")
    }

    func testRoundingIsDecimalHalfAwayFromZero() {
        // 83.155 is stored as 83.15499999…; the value as written must still round up.
        XCTAssertEqual(VietnameseFormat.number(83.155, fractionDigits: 2), "83,16")
        XCTAssertEqual(VietnameseFormat.number(1.005, fractionDigits: 2), "1,01")
        XCTAssertEqual(VietnameseFormat.number(2.675, fractionDigits: 2), "2,68")
        XCTAssertEqual(VietnameseFormat.number(83.154, fractionDigits: 2), "83,15")
        XCTAssertEqual(VietnameseFormat.number(-83.155, fractionDigits: 2), "-83,16")
        XCTAssertEqual(VietnameseFormat.number(0.5, fractionDigits: 0), "1")
        XCTAssertEqual(VietnameseFormat.number(-2.5, fractionDigits: 0), "-3")
        XCTAssertEqual(VietnameseFormat.number(999.995, fractionDigits: 2), "1.000,00")
        XCTAssertEqual(VietnameseFormat.number(-0.004, fractionDigits: 2), "0,00")  // no "-0,00"
        XCTAssertEqual(VietnameseFormat.number(0.00005, fractionDigits: 4), "0,0001")
    }

    func testTrimmedNumber() {
        XCTAssertEqual(VietnameseFormat.trimmedNumber(45.50, maxFractionDigits: 2), "45,5")
        XCTAssertEqual(VietnameseFormat.trimmedNumber(92.0, maxFractionDigits: 2), "92")
        XCTAssertEqual(VietnameseFormat.trimmedNumber(0.125, maxFractionDigits: 2), "0,13")
        XCTAssertEqual(VietnameseFormat.trimmedNumber(1000.004, maxFractionDigits: 2), "1.000")
        XCTAssertEqual(VietnameseFormat.trimmedNumber(-0.001, maxFractionDigits: 2), "0")
        XCTAssertEqual(VietnameseFormat.trimmedNumber(83.155, maxFractionDigits: 2), "83,16")
    }

    func testPercentIntegerSigned() {
        XCTAssertEqual(VietnameseFormat.percent(83.16), "83,16%")
        XCTAssertEqual(VietnameseFormat.percent(83.155), "83,16%")
        XCTAssertEqual(VietnameseFormat.percent(5, fractionDigits: 0), "5%")
        XCTAssertEqual(VietnameseFormat.integer(12345), "12.345")
        XCTAssertEqual(VietnameseFormat.integer(999), "999")
        XCTAssertEqual(VietnameseFormat.integer(1000), "1.000")
        XCTAssertEqual(VietnameseFormat.integer(0), "0")
        XCTAssertEqual(VietnameseFormat.integer(-1234567), "-1.234.567")
        XCTAssertEqual(VietnameseFormat.integer(Int.min), "-9.223.372.036.854.775.808")
        XCTAssertEqual(VietnameseFormat.signed(1.35, fractionDigits: 2), "+1,35")
        XCTAssertEqual(VietnameseFormat.signed(-0.5, fractionDigits: 2), "-0,50")
        XCTAssertEqual(VietnameseFormat.signed(0, fractionDigits: 2), "0,00")
        XCTAssertEqual(VietnameseFormat.signed(0.001, fractionDigits: 2), "0,00")
        XCTAssertEqual(VietnameseFormat.signed(-0.001, fractionDigits: 2), "0,00")
        XCTAssertEqual(VietnameseFormat.signed(1234.5, fractionDigits: 1), "+1.234,5")
    }

    func testTrimmingWhitespaceMatchesFoundation() {
        let samples = ["", " ", "\t", "\n", "Hà Nội", " Hà Nội ", "\u{A0}Xã An Sơn\u{A0}", "\u{3000}ý kiến\u{3000}",
                       "ngày\u{2028}", "\u{85}x\u{85}", "\r\nthủ tục\r\n", "a\u{2009}", "\u{180E}b", "\u{200B}c\u{200B}",
                       "đ", "x\u{0301}", "\u{1F600}", "  \t ", "\u{FEFF}d", "e\u{0}", "\u{2029}f"]
        // Every scalar Foundation trims must take the slow path (U+200B, a space in older Unicode, is one).
        for value in UInt32(0)...0x3100 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if String(scalar).trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                XCTAssertTrue(String.mayTrim(scalar, newlines: true), "U+\(String(value, radix: 16))")
                XCTAssertEqual(String.mayTrim(scalar, newlines: false),
                               String(scalar).trimmingCharacters(in: .whitespaces).isEmpty || value == 0x180E, "U+\(String(value, radix: 16))")
            }
        }
        for text in samples {
            XCTAssertEqual(text.trimmingWhitespace(), text.trimmingCharacters(in: .whitespaces), "\(text.unicodeScalars.map(\.value))")
            XCTAssertEqual(text.trimmingWhitespace(newlines: true), text.trimmingCharacters(in: .whitespacesAndNewlines),
                           "\(text.unicodeScalars.map(\.value))")
        }
    }
}
