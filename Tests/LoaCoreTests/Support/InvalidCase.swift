import Foundation
import XCTest
@testable import LoaCore

/// One broken site of `Tests/Fixtures/invalid/<name>/`: the base site with the case's files laid over it.
///
/// Files of a case folder besides the overlay:
/// - `expected.txt`: one `path:line: message part` (or `path: message part` for a file without lines) per error;
/// - `remove.txt`: paths (relative to the site root) deleted from the base site;
/// - `symlinks.txt`: `link -> target` lines, target under `$OUTSIDE/` (a folder beside the site, holding `secret.txt`);
/// - `options.txt`: `maxFileBytes=N`.
struct InvalidCase {
    static let controlFiles: Set<String> = ["expected.txt", "remove.txt", "symlinks.txt", "options.txt"]

    struct Expectation: CustomStringConvertible {
        var file: String
        var line: Int?
        var fragment: String
        var description: String { "\(file)\(line.map { ":\($0)" } ?? ""): \(fragment)" }

        func matches(_ d: Diagnostic) -> Bool {
            d.severity == .error && d.file == file && d.line == line && d.message.contains(fragment)
        }
    }

    let name: String
    var folder: String { TestPaths.fixtures + "/invalid/" + name }

    static var all: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: TestPaths.fixtures + "/invalid")) ?? []).sorted()
    }

    func expectations() throws -> [Expectation] {
        let text = try String(contentsOfFile: folder + "/expected.txt", encoding: .utf8)
        return text.split(separator: "\n").map(String.init).filter { !$0.isEmpty && !$0.hasPrefix("#") }.map { line in
            let separator = line.range(of: ": ")!
            let place = line[..<separator.lowerBound]
            let fragment = String(line[separator.upperBound...])
            if let colon = place.lastIndex(of: ":"), let number = Int(place[place.index(after: colon)...]) {
                return Expectation(file: String(place[..<colon]), line: number, fragment: fragment)
            }
            return Expectation(file: String(place), line: nil, fragment: fragment)
        }
    }

    private func lines(_ file: String) -> [String] {
        guard let text = try? String(contentsOfFile: folder + "/" + file, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    var maxFileBytes: Int? {
        lines("options.txt").first { $0.hasPrefix("maxFileBytes=") }.flatMap { Int($0.dropFirst("maxFileBytes=".count)) }
    }

    /// Lays the case over a copy of the base site in `dir/site` (a built `public/` from the base site
    /// already there), with `dir/outside` as the place symlinks escape to.
    func apply(to site: String, outside: String) throws {
        let fm = FileManager.default
        for path in lines("remove.txt") { try fm.removeItem(atPath: site + "/" + path) }
        try SiteFiles.overlay(folder, onto: site, skipping: InvalidCase.controlFiles)
        for entry in lines("symlinks.txt") {
            let parts = entry.components(separatedBy: " -> ")
            let link = site + "/" + parts[0]
            let target = parts[1].replacingOccurrences(of: "$OUTSIDE", with: outside)
            try fm.createDirectory(atPath: (link as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            if fm.fileExists(atPath: link) { try fm.removeItem(atPath: link) }
            try fm.createSymbolicLink(atPath: link, withDestinationPath: target)
        }
    }

    /// Makes `dir/site` (base site, built once), `dir/outside/secret.txt`, then applies the case.
    func prepare(in dir: TempDir) throws -> (site: String, previous: [String: String]) {
        let site = dir.path + "/site", outside = dir.path + "/outside"
        try FileManager.default.copyItem(atPath: TestPaths.baseSite, toPath: site)
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        try Data("mật khẩu bí mật\n".utf8).write(to: URL(fileURLWithPath: outside + "/secret.txt"))
        try Data("---\ntitle: \"Bài ngoài\"\ndate: 2024-01-01\n---\nx\n".utf8).write(to: URL(fileURLWithPath: outside + "/bai.md"))
        _ = try SiteBuilder.build(.fixed(site))
        let previous = SiteFiles.snapshot(site + "/public")
        try apply(to: site, outside: outside)
        return (site, previous)
    }
}

/// What every message shown to an editor must look like: Vietnamese words, no programmer's debris.
enum MessageStyle {
    static let vietnameseLetters = Set("ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ")
    static let debris = ["Optional(", "nil", "Error(", "Swift.", "Foundation.", "NSError", "\\(", "fatal", "0x"]

    static func problems(_ message: String) -> [String] {
        var found: [String] = []
        if !message.lowercased().contains(where: vietnameseLetters.contains) { found.append("no Vietnamese letter") }
        for word in debris where message.contains(word) { found.append("contains \(word)") }
        return found
    }
}
