import XCTest
@testable import LoaCore

final class ImageHeaderTests: XCTestCase {
    func testPNG() {
        XCTAssertEqual(ImageHeader.read(ImageFixtures.png(width: 1200, height: 630)), ImageHeader(format: .png, width: 1200, height: 630))
    }

    func testJPEGSkipsSegmentsBeforeTheFrame() {
        XCTAssertEqual(ImageHeader.read(ImageFixtures.jpeg(width: 1024, height: 768)), ImageHeader(format: .jpeg, width: 1024, height: 768))
    }

    func testWebPInItsThreeForms() {
        XCTAssertEqual(ImageHeader.read(ImageFixtures.webpLossy(width: 640, height: 480)), ImageHeader(format: .webp, width: 640, height: 480))
        XCTAssertEqual(ImageHeader.read(ImageFixtures.webpLossless(width: 300, height: 200)), ImageHeader(format: .webp, width: 300, height: 200))
        XCTAssertEqual(ImageHeader.read(ImageFixtures.webpExtended(width: 4000, height: 3000)), ImageHeader(format: .webp, width: 4000, height: 3000))
    }

    func testTruncatedOrUnknownBytesGiveNil() {
        XCTAssertNil(ImageHeader.read(Array(ImageFixtures.png(width: 10, height: 10).prefix(20))))
        XCTAssertNil(ImageHeader.read(Array(ImageFixtures.jpeg(width: 10, height: 10).prefix(30))))
        XCTAssertNil(ImageHeader.read(Array("GIF89a....".utf8)))
        XCTAssertNil(ImageHeader.read([]))
        XCTAssertNil(ImageHeader.read(ImageFixtures.png(width: 0, height: 10)))
    }

    func testTheThemesShareCardIs1200By630AndSmall() throws {
        let path = FeedTestSite.repoRoot + "/themes/default/assets/share-card.png"
        XCTAssertEqual(ImageHeader.read(file: path), ImageHeader(format: .png, width: 1200, height: 630))
        let size = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        XCTAssertLessThan(size, SharingContext.maxBytes)
    }
}
