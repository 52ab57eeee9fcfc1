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

    /// Files of `Fuzz/regressions/<name>/` and `Fuzz/corpus/<name>/`.
    func inputs(_ name: String) throws -> [(String, Data)] {
        var found: [(String, Data)] = []
        for kind in ["regressions", "corpus"] {
            let folder = TestPaths.packageRoot + "/Fuzz/\(kind)/\(name)"
            for file in ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted() {
                found.append((file, FileManager.default.contents(atPath: folder + "/" + file)!))
            }
        }
        return found
    }

    /// 2024-11: the harness counted lines with `filter`, which merged a kept CR and LF into one Character
    /// and reported a valid error line as out of range (Fuzz/regressions/csv/crlf-quote-line.csv).
    func testCSVInputs() throws {
        let all = try inputs("csv")
        XCTAssertTrue(all.contains { $0.0 == "crlf-quote-line.csv" })
        for (_, data) in all { checkCSV(String(decoding: data, as: UTF8.self)) }
    }

    func testFrontMatterInputs() throws {
        for (name, data) in try inputs("front-matter") {
            let log = DiagnosticLog()
            guard let text = SourceFiles.decode([UInt8](data), file: "content/articles/fuzz.md", maxBytes: 1 << 20, log: log) else { continue }
            _ = DocumentLoader.parse(text, file: "content/articles/fuzz.md", kind: .article, log: log)
            for d in log.all { XCTAssert(d.line.map { $0 >= 1 } ?? true, "\(name): \(d)") }
        }
    }

    func testUnitsInputs() throws {
        for (name, data) in try inputs("units-yaml") {
            let log = DiagnosticLog()
            guard let text = SourceFiles.decode([UInt8](data), file: UnitsLoader.file, maxBytes: 1 << 20, log: log) else { continue }
            let lines = text.utf8.filter { $0 == 0x0A }.count + 1
            for unit in UnitsLoader.parse(text, log: log) { XCTAssert(UnitsLoader.isValidID(unit.id), name) }
            for d in log.all { XCTAssert(d.line.map { $0 >= 1 && $0 <= lines + 1 } ?? true, "\(name): \(d)") }
        }
    }

    func testMarkdownInputs() throws {
        let scanner = MarkupScanner(allowedScriptSources: [])
        for (name, data) in try inputs("markdown") {
            let links = MarkdownLinkContext(basePath: "/") { code in code.hasPrefix("1.") ? "/thu-tuc/\(code)/" : nil }
            let html = MarkdownRenderer.render(String(decoding: data, as: UTF8.self), file: "a.md", firstLine: 5,
                                               links: links, log: DiagnosticLog()).html
            XCTAssertEqual(scanner.problems(html), [], name)
        }
    }

    /// 2024-11: lone CR characters (old Mac line ends) count as line breaks for the loader (VietnameseText.clean)
    /// and for editors; the harness counted LF only (Fuzz/regressions/rankings-yaml/lone-cr-lines.yaml).
    func testRankingInputs() throws {
        let all = try inputs("rankings-yaml")
        XCTAssertTrue(all.contains { $0.0 == "lone-cr-lines.yaml" })
        let dir = TempDir("fuzz-rankings")
        for (name, data) in all {
            try dir.write("content/rankings/par-index.yaml", [UInt8](data))
            let log = DiagnosticLog()
            _ = RankingLoader.load(SourceFiles(root: dir.path), unitIDs: ["hoang-viet", "thi-tran-mau"], log: log)
            let text = VietnameseText.clean(String(decoding: data, as: UTF8.self))
            let lines = text.utf8.filter { $0 == 0x0A }.count + 1
            for d in log.all { XCTAssert(d.line.map { $0 >= 1 && $0 <= lines + 1 } ?? true, "\(name): \(d)") }
        }
    }

    /// 2024-11: the same lone-CR line count in the hotline harness (Fuzz/regressions/hotlines-yaml/lone-cr-lines.yaml).
    func testHotlineInputs() throws {
        let dir = TempDir("fuzz-hotlines")
        let all = try inputs("hotlines-yaml")
        XCTAssertTrue(all.contains { $0.0 == "lone-cr-lines.yaml" })
        for (name, data) in all {
            try dir.write(HotlineLoader.file, [UInt8](data))
            let log = DiagnosticLog()
            _ = HotlineLoader.load(SourceFiles(root: dir.path), unitIDs: ["hoang-viet"], log: log)
            let text = VietnameseText.clean(String(decoding: data, as: UTF8.self))
            let lines = text.utf8.filter { $0 == 0x0A }.count + 1
            for d in log.all { XCTAssert(d.line.map { $0 >= 1 && $0 <= lines + 1 } ?? true, "\(name): \(d)") }
        }
    }
}
