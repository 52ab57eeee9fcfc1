import XCTest
@testable import LoaCore

/// The byte reader of CSV text against the Character reader it replaces on the hot path.
final class CSVByteReaderTests: XCTestCase {
    func assertSameAsCharacters(_ text: String, _ message: String = "", line: UInt = #line) {
        for separator: Character in [",", ";"] {
            let characters = CSVText.parseCharacters(Substring(text), separator: separator)
            let bytes = CSVBytes.parse(Substring(text), separator: separator.asciiValue!)
                .map { $0.map { CSVText(separator: separator, rows: $0) } } ?? characters
            XCTAssertEqual(bytes, characters, "\(message) \(Array(text.unicodeScalars.map(\.value)))", line: line)
        }
    }

    func testTrickyInputsReadAlike() {
        let samples = [
            "", "\n", "a,b\r\nc,d", "a;b\rc;d\n", "\"x\"\"y\",z\n", "\"mở\r\nhai dòng\",b", "  \"quoted\"  ,x",
            "\"open", "a\"b", "\"a\"b", "Mã;Tên thủ tục\n1.001;Đăng ký khai sinh\n", "\"\",\"\"\n", ",,\n,", "a,\"b\r\"",
            "x,\"\u{0301}y\"", "\"\u{0301}a\",b", ",\u{0301}", "\n\u{0301}", "a\u{200D},b", "\u{FEFF}a,b", "ô, ơ ,ư\n\n\n",
        ]
        for sample in samples { assertSameAsCharacters(sample) }
        XCTAssertNil(CSVBytes.parse(",\u{0301}x", separator: 0x2C), "a combining mark after a separator is left to the Character reader")
    }

    func testRandomInputsReadAlike() {
        var rng = SeededRandom(seed: 0xC5F)
        let alphabet: [String] = ["a", "đ", "ế", " ", ",", ";", "\"", "\n", "\r", "\r\n", "\u{0301}", "x", "\t"]
        for round in 0..<2_000 {
            let text = (0..<Int.random(in: 0...24, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }.joined()
            assertSameAsCharacters(text, "round \(round)")
        }
    }
}
