import Foundation
import XCTest
@testable import LoaCore

/// Inputs the fuzzers (Fuzz/, scripts/fuzz) once failed on, replayed with the harnesses' own checks.
/// CI runs these, not the fuzzers.
final class FuzzRegressionTests: XCTestCase {
    /// The checks of Fuzz/csv/main.swift.
    func checkCSV(_ text: String, file: StaticString = #filePath, line: UInt = #line) {
        let lineCount = text.reduce(1) { $1 == "\n" || $1 == "\r\n" || $1 == "\r" ? $0 + 1 : $0 }
        for separator in [nil, ",", ";"] as [Character?] {
            switch CSVText.parse(text, separator: separator) {
            case .success(let csv):
                var previous = 0
                for row in csv.rows {
                    XCTAssert(row.line >= 1 && row.line <= lineCount + 1 && row.line > previous,
                              "row line \(row.line) after \(previous), \(lineCount) lines", file: file, line: line)
                    previous = row.line
                }
            case .failure(let error):
                XCTAssert(error.line >= 0 && error.line <= lineCount, "error line \(error.line)", file: file, line: line)
            }
        }
    }

    func testCSVRegressions() throws {
        let folder = TestPaths.packageRoot + "/Fuzz/regressions/csv"
        for name in try FileManager.default.contentsOfDirectory(atPath: folder).sorted() {
            checkCSV(String(decoding: FileManager.default.contents(atPath: folder + "/" + name)!, as: UTF8.self))
        }
    }
}
