import Foundation
import XCTest
@testable import LoaCore

/// JSONWriter must give exactly JSONSerialization's bytes, or decline.
final class JSONWriterTests: XCTestCase {
    func foundation(_ value: Any, pretty: Bool) -> String {
        var options: JSONSerialization.WritingOptions = [.sortedKeys, .withoutEscapingSlashes]
        if pretty { options.insert(.prettyPrinted) }
        return String(decoding: try! JSONSerialization.data(withJSONObject: value, options: options), as: UTF8.self)
    }

    func testSameBytesAsFoundation() throws {
        let keys = ["a_b", "ab", "a", "a@", "title_length", "title", "cover_bytes", "content_html", "date_published",
                    "date_modified", "datePublished", "dateModified", "@context", "@graph", "@type", "url", "_", "@",
                    "zz", "z_", "z@", "image", "ImageObject"]
        var object: [String: Any] = [:]
        for (index, key) in keys.enumerated() { object[key] = index % 3 == 0 ? "v\(index)" : index }
        object["nested"] = [["x": true, "y": false, "n": NSNull()] as [String: Any], [] as [Any], [:] as [String: Any],
                            "Tiếng Việt “ngoặc” </script> & \"q\" \\ / \n\r\t\u{08}\u{0C}\u{01}\u{1F}\u{7F}\u{2028}", -42]
        // Values the writer takes by their exact type (not cast to `[String: Any]` or `[Any]`).
        object["strings"] = ["b": "\"đầu", "a": "cuối\\", "c": ""] as [String: String]
        object["list"] = ["\nx", "y<", ""] as [String]
        object["objects"] = [["k": 1, "j": ["v"] as [String]], [:]] as [[String: Any]]
        for pretty in [true, false] {
            XCTAssertEqual(JSONWriter.serialize(object, pretty: pretty), foundation(object, pretty: pretty))
            XCTAssertEqual(JSONWriter.serialize([object, [object]], pretty: pretty), foundation([object, [object]], pretty: pretty))
        }
    }

    func testDeclinesWhatItDoesNotCover() {
        XCTAssertNil(JSONWriter.serialize(["a2": 1], pretty: true))
        XCTAssertNil(JSONWriter.serialize(["b": 1, "B": 2], pretty: true))
        XCTAssertNil(JSONWriter.serialize(["x": 1.5], pretty: true))
        XCTAssertNil(JSONWriter.serialize(["tên": 1], pretty: true))
    }

    func testForScriptEscapes() {
        XCTAssertEqual(JSONText.forScript(["&": "\u{2028}"]), "{\"\\u0026\":\"\\u2028\"}")
        XCTAssertEqual(JSONText.forScript(["t": "</script>&\u{2028}\u{2029}\u{2027}“x”"]),
                       "{\"t\":\"\\u003c/script\\u003e\\u0026\\u2028\\u2029\u{2027}“x”\"}")
    }
}
