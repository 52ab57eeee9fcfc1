import Foundation
import XCTest
@testable import LoaCore

/// A small site written from in-memory files into a temporary folder, with the repository's default theme,
/// built with a fixed `now` so tests never depend on the clock.
struct TestSite {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path
    static let fixedNow = ContentDate(parsing: "2026-11-22T08:00:00+07:00")!

    let root: String

    static let siteYAML = """
    title: "Cổng thông tin cải cách hành chính huyện Thử Nghiệm"
    base_url: "https://cchc.example.gov.vn/"
    theme: default
    jurisdiction: { name: "Ủy ban nhân dân huyện Thử Nghiệm", level: district, parent: "Tỉnh Lạng Sơn" }
    responsible: { name: "Nguyễn Văn A", title: "Trưởng phòng Nội vụ", phone: "0205 3 830 123", email: "a@example.gov.vn", address: "Thị trấn Thử Nghiệm" }
    per_page: 2
    categories: { tuyen-truyen: "Tuyên truyền" }
    """

    static let unitsYAML = """
    units:
      - id: hoang-viet
        name: "Xã Hoàng Việt"
        kind: xa
        formerly: [ "Xã Tân Mỹ" ]
      - id: dong-dang
        name: "Thị trấn Đồng Đăng"
        kind: thi-tran
      - id: an-son
        name: "Xã An Sơn"
        kind: xa
    """

    static func article(title: String, date: String, extra: String = "", body: String = "Nội dung bài viết.") -> String {
        "---\ntitle: \"\(title)\"\ndate: \(date)\n\(extra)\(extra.isEmpty || extra.hasSuffix("\n") ? "" : "\n")---\n\(body)\n"
    }

    /// `files` maps paths relative to the site root to their text; site.yaml, units.yaml and the theme are
    /// added unless given.
    init(_ files: [String: String], withTheme: Bool = true) throws {
        root = NSTemporaryDirectory() + "loa-test-" + UUID().uuidString
        var all = files
        if all["content/site.yaml"] == nil { all["content/site.yaml"] = TestSite.siteYAML }
        if all["content/units.yaml"] == nil { all["content/units.yaml"] = TestSite.unitsYAML }
        for (path, text) in all { try write(path, text) }
        if withTheme {
            try FileManager.default.copyItem(atPath: TestSite.repositoryRoot + "/themes", toPath: root + "/themes")
        }
    }

    func write(_ path: String, _ text: String) throws {
        let full = root + "/" + path
        try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: full))
    }

    var output: String { root + "/public" }

    @discardableResult
    func build(drafts: Bool = false, now: ContentDate = TestSite.fixedNow, output: String? = nil) throws -> BuildReport {
        try SiteBuilder.build(BuildOptions(root: root, output: output ?? self.output, includeDrafts: drafts, now: now))
    }

    /// The diagnostics of a build that must fail.
    func failures(drafts: Bool = false) -> [Diagnostic] {
        do {
            try build(drafts: drafts)
            XCTFail("build should have failed")
            return []
        } catch let failure as BuildFailure {
            return failure.diagnostics
        } catch {
            XCTFail("unexpected error \(error)")
            return []
        }
    }

    func page(_ path: String) -> String? {
        try? String(contentsOfFile: output + "/" + path, encoding: .utf8)
    }

    func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: output + "/" + path) }

    /// Every file below a folder with its bytes, for byte-identical comparisons.
    static func snapshot(_ folder: String) -> [String: Data] {
        var result: [String: Data] = [:]
        for file in OutputWriter.listFiles(folder) {
            result[file] = FileManager.default.contents(atPath: folder + "/" + file)
        }
        return result
    }

    func remove() { try? FileManager.default.removeItem(atPath: root) }
}

/// An empty folder of its own under the temporary directory, for tests of files below the site level.
struct TemporaryFolder {
    let path: String

    init(_ name: String) throws {
        path = NSTemporaryDirectory() + "loa-\(name)-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}
