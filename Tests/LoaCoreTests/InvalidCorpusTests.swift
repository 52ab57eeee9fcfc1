import Foundation
import XCTest
@testable import LoaCore

/// Every broken site of the corpus fails with exactly the expected `path:line: message` errors,
/// in plain Vietnamese, and leaves the previously built `public/` byte for byte as it was.
final class InvalidCorpusTests: XCTestCase {
    func check(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let testCase = InvalidCase(name: name)
        let expected = try testCase.expectations()
        XCTAssertFalse(expected.isEmpty, "\(name): expected.txt is empty", file: file, line: line)
        let dir = TempDir(name)
        let (site, previous) = try testCase.prepare(in: dir)
        var options = BuildOptions.fixed(site)
        if let limit = testCase.maxFileBytes { options.maxFileBytes = limit }

        var errors: [Diagnostic] = []
        do {
            _ = try SiteBuilder.build(options)
            XCTFail("\(name): the build succeeded", file: file, line: line)
        } catch let failure as BuildFailure {
            errors = failure.errors
        }
        let report = errors.map(\.description).joined(separator: "\n")
        var unmatched = errors
        for expectation in expected {
            if let index = unmatched.firstIndex(where: expectation.matches) {
                unmatched.remove(at: index)
            } else {
                XCTFail("\(name): no error `\(expectation)`; got:\n\(report)", file: file, line: line)
            }
        }
        XCTAssert(unmatched.isEmpty, "\(name): unexpected errors:\n\(unmatched.map(\.description).joined(separator: "\n"))",
                  file: file, line: line)
        for error in errors {
            let problems = MessageStyle.problems(error.message)
            XCTAssert(problems.isEmpty, "\(name): message not for editors (\(problems)): \(error)", file: file, line: line)
        }
        XCTAssertEqual(SiteFiles.snapshot(site + "/public"), previous, "\(name): public/ changed", file: file, line: line)
    }

    func testCorpusIsLargeAndEveryCaseHasATest() {
        XCTAssertGreaterThanOrEqual(InvalidCase.all.count, 40)
        XCTAssertEqual(Set(InvalidCase.all), Set(InvalidCorpusTests.caseNames), "regenerate InvalidCorpusCases.swift")
        for name in InvalidCase.all {
            XCTAssert(FileManager.default.fileExists(atPath: InvalidCase(name: name).folder + "/expected.txt"), "\(name): no expected.txt")
        }
    }
}
