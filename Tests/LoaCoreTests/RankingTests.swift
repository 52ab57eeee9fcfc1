import XCTest
@testable import LoaCore

final class RankingTests: XCTestCase {
    func result(_ unit: String, _ score: Double, _ rank: Int, of: Int = 17) -> RankingIndex.Result {
        RankingIndex.Result(unitID: unit, score: score, rank: rank, of: of, areas: [], line: 1)
    }

    func testChangesAreComputedAgainstThePreviousRankedYear() {
        let index = RankingIndex(
            id: "par-index", name: "PAR INDEX", scale: .percent, higherIsBetter: true, scope: nil, areas: [:],
            results: [2021: [result("jurisdiction", 80.12, 9, of: 11)],
                      2022: [result("hoang-viet", 86.50, 8), result("an-son", 80, 9), result("jurisdiction", 79.35, 10, of: 11)],
                      2023: [result("an-son", 79, 10), result("hoang-viet", 92.00, 3), result("jurisdiction", 81.04, 10, of: 11)]],
            file: "content/rankings/par-index.yaml")
        let ranking = RankingChanges.resolve(index)
        XCTAssertEqual(ranking.years.map(\.year), [2021, 2022, 2023])
        XCTAssertEqual(ranking.years[2].rows.map(\.result.unitID), ["hoang-viet", "an-son", "jurisdiction"], "sorted by rank")

        let hoangViet = ranking.history(of: "hoang-viet")
        XCTAssertNil(hoangViet[0].change, "first ranked year has nothing to compare with")
        XCTAssertEqual(hoangViet[1].change?.rankText, "tăng 5 bậc")
        XCTAssertEqual(hoangViet[1].change?.previousYear, 2022)
        XCTAssertEqual(index.scale.formatDifference(hoangViet[1].change!.scoreDelta), "+5,50")
        XCTAssertEqual(ranking.history(of: "an-son")[1].change?.rankText, "giảm 1 bậc")
        XCTAssertEqual(index.scale.formatDifference(ranking.history(of: "an-son")[1].change!.scoreDelta), "-1,00")
        let district = ranking.history(of: "jurisdiction")
        XCTAssertEqual(district.map { $0.change?.rankText }, [nil, "giảm 1 bậc", "giữ nguyên"])
    }

    func testScoresAreFormattedByScale() {
        XCTAssertEqual(RankingIndex.Scale.percent.format(83.155), "83,16%")
        XCTAssertEqual(RankingIndex.Scale.percent.format(92), "92,00%")
        XCTAssertEqual(RankingIndex.Scale.ratio.format(0.6077), "0,6077")
        XCTAssertEqual(RankingIndex.Scale.points.format(45.5), "45,5 điểm")
        XCTAssertEqual(RankingIndex.Scale.points.formatDifference(-1.25), "-1,25 điểm")
    }

    func testEveryBadResultIsAnErrorAtItsLine() throws {
        let yaml = """
        id: dti
        name: "Chỉ số DTI"
        scale: points
        areas:
          2023: { "Hạ tầng số": 30, "Nhân lực số": 20 }
        results:
          2023:
            - { unit: hoang-viet, score: 45.5, rank: 1, of: 3, areas: { "Hạ tầng số": 28 } }
            - { unit: an-son, score: 40, rank: 4, of: 3 }
            - { unit: dong-dang, score: 30, rank: 1, of: 3 }
            - { unit: jurisdiction, score: 51, rank: 2, of: 3 }
            - { unit: khong-co, score: 20, rank: 3, of: 3 }
          2024:
            - { unit: hoang-viet, score: 10, rank: 1, of: 3, areas: { "Hạ tầng số": 5 } }
        """
        let ratio = """
        id: sipas
        name: "SIPAS"
        scale: ratio
        results:
          2023: [ { unit: hoang-viet, score: 83.2, rank: 1, of: 2 } ]
        """
        let percent = """
        id: par-index
        name: "PAR INDEX"
        scale: percent
        results:
          2023: [ { unit: hoang-viet, score: 100.5, rank: 1, of: 2 } ]
        """
        let site = try TestSite(["content/rankings/dti.yaml": yaml, "content/rankings/sipas.yaml": ratio,
                                 "content/rankings/par-index.yaml": percent])
        defer { site.remove() }
        let errors = site.failures().filter { $0.severity == .error }.map(\.description)
        let expected: [(String, String)] = [
            ("content/rankings/dti.yaml:9:", "thứ hạng 4 lớn hơn số đơn vị được xếp hạng (of: 3)"),
            ("content/rankings/dti.yaml:10:", "cùng xếp thứ 1 trong năm 2023"),
            ("content/rankings/dti.yaml:11:", "lớn hơn tổng điểm tối đa của các lĩnh vực (50)"),
            ("content/rankings/dti.yaml:12:", "đơn vị \"khong-co\" không có trong content/units.yaml"),
            ("content/rankings/dti.yaml:14:", "lĩnh vực \"Hạ tầng số\" không được khai báo cho năm 2024"),
            ("content/rankings/sipas.yaml:5:", "nằm ngoài thang tỉ lệ (0–1)"),
            ("content/rankings/par-index.yaml:5:", "nằm ngoài thang phần trăm (0–100)"),
        ]
        for (place, text) in expected {
            XCTAssertTrue(errors.contains { $0.hasPrefix(place) && $0.contains(text) }, "\(place) \(text)\n\(errors.joined(separator: "\n"))")
        }
        XCTAssertEqual(errors.count, expected.count, errors.joined(separator: "\n"))
    }
}
