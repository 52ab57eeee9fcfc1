import XCTest
@testable import LoaCore

final class PaginationTests: XCTestCase {
    func testShortListsLinkEveryPage() {
        let p = Pagination(total: 180, perPage: 20)
        XCTAssertEqual(p.pageCount, 9)
        XCTAssertEqual(p.listedPages(around: 5), Array(1...9))
    }

    func testLongListsLinkAWindowAndBothEnds() {
        let p = Pagination(total: 10_000, perPage: 20)
        XCTAssertEqual(p.listedPages(around: 1), [1, 2, 3, 500])
        XCTAssertEqual(p.listedPages(around: 4), [1, 2, 3, 4, 5, 6, 500])
        XCTAssertEqual(p.listedPages(around: 250), [1, 248, 249, 250, 251, 252, 500])
        XCTAssertEqual(p.listedPages(around: 500), [1, 498, 499, 500])
    }
}
