import Foundation
import XCTest
@testable import LoaCore

/// SplitMix64: a seeded generator, so a failing step can be replayed.
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    mutating func fraction() -> Double { Double(next() >> 11) / Double(1 << 53) }
}

/// A small generated site in a temporary folder, with the repository's default theme.
struct ScratchSite {
    let root: String
    static var repository: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }

    init(name: String) throws {
        root = NSTemporaryDirectory() + "loa-\(name)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fm = FileManager.default
        try fm.createDirectory(atPath: root + "/content/articles", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: root + "/themes", withIntermediateDirectories: true)
        try fm.copyItem(atPath: ScratchSite.repository + "/themes/default", toPath: root + "/themes/default")
    }

    /// A site of one commune and `articles` short articles (b1.md…, dated May 2024), and cached build
    /// options on 2024-06-01.
    static func withArticles(name: String, _ articles: Int) throws -> (site: ScratchSite, options: BuildOptions) {
        let site = try ScratchSite(name: name)
        site.write("content/site.yaml", ScratchSite.siteYAML())
        site.write("content/units.yaml", ScratchSite.unitsYAML([("an-son", "Xã An Sơn")]))
        for n in 1...articles { site.write("content/articles/b\(n).md", "---\ntitle: \"Bài \(n)\"\ndate: 2024-05-0\(n)\n---\nNội dung \(n).\n") }
        return (site, BuildOptions(root: site.root, now: ContentDate(parsing: "2024-06-01T09:00:00+07:00")!, useCache: true))
    }

    func write(_ relative: String, _ text: String) {
        let path = root + "/" + relative
        try! FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try! OutputWriter.writeBytes(Array(text.utf8), to: path)
    }

    func read(_ relative: String) -> String? {
        (try? String(contentsOfFile: root + "/" + relative, encoding: .utf8))
    }

    func remove(_ relative: String) { try? FileManager.default.removeItem(atPath: root + "/" + relative) }

    func files(under folder: String) -> [String] {
        OutputWriter.listFiles(root + "/" + folder).map { folder + "/" + $0 }
    }

    static func siteYAML(title: String = "Cổng thử nghiệm", perPage: Int = 5, notice: String? = nil) -> String {
        var text = """
        title: "\(title)"
        base_url: "https://cchc.example.gov.vn/"
        theme: default
        jurisdiction:
          name: "Ủy ban nhân dân huyện Thử"
          level: district
          parent: "Tỉnh Lạng Sơn"
        responsible: { name: "Nguyễn Văn A", phone: "0205 3 830 126" }
        per_page: \(perPage)
        categories: { tuyen-truyen: "Tuyên truyền", kinh-nghiem: "Kinh nghiệm" }

        """
        if let notice { text += notice + "\n" }
        return text
    }

    static func unitsYAML(_ units: [(String, String)]) -> String {
        "units:\n" + units.map { "  - id: \($0.0)\n    name: \"\($0.1)\"\n    kind: xa\n" }.joined()
    }

    func remove() { try? FileManager.default.removeItem(atPath: root) }
}

/// Every regular file of a folder with its bytes and inode.
struct Tree: Equatable {
    var files: [String: [UInt8]]
    var inodes: [String: UInt64]

    init(_ folder: String) {
        files = [:]; inodes = [:]
        for path in OutputWriter.listFiles(folder) {
            files[path] = [UInt8](FileManager.default.contents(atPath: folder + "/" + path) ?? Data())
            inodes[path] = FileStamp(path: folder + "/" + path)?.inode ?? 0
        }
    }

    static func == (a: Tree, b: Tree) -> Bool { a.files == b.files }

    /// What a deploy would need to do to go from `old` to `self`.
    func changes(from old: Tree) -> (added: [String], modified: [String], removed: [String]) {
        let added = files.keys.filter { old.files[$0] == nil }.sorted()
        let modified = files.keys.filter { old.files[$0] != nil && old.files[$0] != files[$0] }.sorted()
        let removed = old.files.keys.filter { files[$0] == nil }.sorted()
        return (added, modified, removed)
    }

    func firstDifference(_ other: Tree) -> String {
        let paths = Set(files.keys).union(other.files.keys).sorted()
        for path in paths where files[path] != other.files[path] {
            let a = files[path].map { String(decoding: $0, as: UTF8.self) } ?? "<missing>"
            let b = other.files[path].map { String(decoding: $0, as: UTF8.self) } ?? "<missing>"
            return "\(path):\n--- incremental\n\(a.prefix(3000))\n--- clean\n\(b.prefix(3000))"
        }
        return "no difference"
    }
}
