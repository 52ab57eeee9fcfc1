import Foundation
import XCTest
@testable import LoaCore

/// Runs `Tests/feeds/validate_feeds.py` (feedparser, in the project's `.venv`) on every feed of the
/// fixture site and of the sample site. Create the venv with `scripts/python-env`.
final class FeedValidationTests: XCTestCase {
    static let python = FeedTestSite.repoRoot + "/.venv/bin/python"
    static let script = FeedTestSite.repoRoot + "/Tests/feeds/validate_feeds.py"

    func validate(_ public_: String) throws {
        guard FileManager.default.isExecutableFile(atPath: FeedValidationTests.python) else {
            throw XCTSkip("feedparser venv missing: run scripts/python-env to create .venv (CI runs it before swift test)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: FeedValidationTests.python)
        process.arguments = [FeedValidationTests.script, public_]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, output)
        XCTAssertTrue(output.contains(" passed, 0 failed"), output)
    }

    func testFixtureFeedsValidate() throws {
        let site = try FeedTestSite.standard()
        defer { site.remove() }
        try site.build()
        try validate(site.output)
    }

    func testSampleSiteFeedsValidate() throws {
        let site = try SampleSite.build()
        defer { site.remove() }
        try validate(site.output)
    }
}
