import XCTest
@testable import LoaCore

final class CalendarTests: XCTestCase {
    func testParsesDaysAndRejectsImpossibleOnes() {
        XCTAssertEqual(CalendarDay(iso: "2024-02-29"), CalendarDay(year: 2024, month: 2, day: 29))
        XCTAssertNil(CalendarDay(iso: "2023-02-29"))
        XCTAssertNil(CalendarDay(iso: "2024-13-01"))
        XCTAssertNil(CalendarDay(iso: "15/04/2024"))
    }

    func testDaysSinceEpochRoundTrips() {
        for days in [-1000, 0, 19000, 20000, 25000] {
            XCTAssertEqual(CalendarDay(daysSinceEpoch: days).daysSinceEpoch, days)
        }
        XCTAssertEqual(CalendarDay(year: 1970, month: 1, day: 1).daysSinceEpoch, 0)
    }

    func testMomentsUseTheirOffsetAndVietnamDay() throws {
        let morning = try XCTUnwrap(ContentDate(parsing: "2024-05-01T07:00:00+07:00"))
        XCTAssertEqual(morning.instant.timeIntervalSince1970, 1714521600)
        let utcLate = try XCTUnwrap(ContentDate(parsing: "2024-04-30T20:00:00Z"))
        XCTAssertEqual(utcLate.day, CalendarDay(year: 2024, month: 5, day: 1), "20:00 UTC is 03:00 next day in Vietnam")
        XCTAssertEqual(utcLate.rfc3339, "2024-05-01T03:00:00+07:00")
        let local = try XCTUnwrap(ContentDate(parsing: "2024-05-01 07:00"))
        XCTAssertEqual(local.instant, morning.instant, "a time without offset is Vietnam time")
        XCTAssertNil(ContentDate(parsing: "2024-05-01T25:00"))
        XCTAssertEqual(ContentDate(parsing: "2024-05-01")?.hasTime, false)
    }

    /// Days are stored in 6 bytes: every day a content date can name keeps its fields, ordering and
    /// equality; a day out of any content's range is clamped, not a crash.
    func testCompactDaysKeepTheirFields() {
        XCTAssertLessThanOrEqual(MemoryLayout<CalendarDay>.size, 6)
        for (y, m, d) in [(1, 1, 1), (1975, 4, 30), (2024, 2, 29), (9999, 12, 31), (-44, 3, 15)] {
            let day = CalendarDay(year: y, month: m, day: d)
            XCTAssertEqual([day.year, day.month, day.day], [y, m, d])
            XCTAssertEqual(CalendarDay(daysSinceEpoch: day.daysSinceEpoch), day)
        }
        XCTAssertLessThan(CalendarDay(year: 2024, month: 12, day: 31), CalendarDay(year: 2025, month: 1, day: 1))
        XCTAssertNotEqual(CalendarDay(year: 2024, month: 1, day: 2), CalendarDay(year: 2024, month: 2, day: 1))
        var day = CalendarDay(year: 2024, month: 1, day: 1)
        day.year = 3_000_000_000
        XCTAssertEqual(day.year, Int(Int32.max))
        XCTAssertEqual(CalendarDay(year: 2024, month: 300, day: -1).month, 255)
    }
}
