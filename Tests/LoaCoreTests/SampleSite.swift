import Foundation
import XCTest
@testable import LoaCore

/// The repository's sample portal (`content/`), built into a temporary folder with a fixed "now".
enum SampleSite {
    static let now = ContentDate(parsing: "2025-06-01T12:00:00+07:00")!

    /// While procedure pages are not on this branch, `tthc:` links of the sample cannot resolve: when they
    /// are the only errors, they are turned into plain links so the rest of the site is still checked.
    static func build() throws -> TestSite {
        let repo = TestSite.repoRoot
        guard FileManager.default.fileExists(atPath: repo + "/content/site.yaml") else {
            throw XCTSkip("no sample site in content/ on this branch")
        }
        let site = try TestSite(files: [:])
        try FileManager.default.copyItem(atPath: repo + "/content", toPath: site.root + "/content")
        do {
            try site.build(now: now)
        } catch let failure as BuildFailure where failure.errors.allSatisfy({ $0.message.contains("thủ tục") }) {
            try unlinkProcedures(in: site.root + "/content/articles")
            try site.build(now: now)
        }
        return site
    }

    static func unlinkProcedures(in folder: String) throws {
        let regex = try NSRegularExpression(pattern: "\\(tthc:[^)]*\\)")
        for case let file as String in FileManager.default.enumerator(atPath: folder)! where file.hasSuffix(".md") {
            let path = folder + "/" + file
            let text = try String(contentsOfFile: path, encoding: .utf8)
            let range = NSRange(text.startIndex..., in: text)
            try regex.stringByReplacingMatches(in: text, range: range, withTemplate: "(/)")
                .write(toFile: path, atomically: true, encoding: .utf8)
        }
    }
}
