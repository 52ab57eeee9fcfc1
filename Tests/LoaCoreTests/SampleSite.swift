import Foundation
import XCTest
@testable import LoaCore

/// The repository's sample portal (`content/`), built into a temporary folder with a fixed "now".
enum SampleSite {
    static let now = ContentDate(parsing: "2025-06-01T12:00:00+07:00")!

    static func build() throws -> FeedTestSite {
        let repo = FeedTestSite.repoRoot
        guard FileManager.default.fileExists(atPath: repo + "/content/site.yaml") else {
            throw XCTSkip("no sample site in content/ on this branch")
        }
        let site = try FeedTestSite(files: [:])
        try FileManager.default.copyItem(atPath: repo + "/content", toPath: site.root + "/content")
        try site.build(now: now)
        return site
    }
}
