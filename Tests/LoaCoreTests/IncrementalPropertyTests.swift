import Foundation
import XCTest
@testable import LoaCore

/// Correctness is the contract: after every random edit, the incremental build's output folder must be
/// byte-identical to a clean build's (same file list, same bytes), report the same diagnostics, list in its
/// changes exactly the files that differ from the previous output, and keep unchanged files' inodes.
final class IncrementalPropertyTests: XCTestCase {
    struct Article {
        var file: String
        var title: String
        var day: Int
        var units: [String]
        var category: String?
        var tags: [String]
        var body: String
        var draft = false
        var publishAtHours: Int?
        var expiresDays: Int?
        var slug: String?
        var image = false

        func text() -> String {
            var lines = ["---", "title: \"\(title)\"", "date: \(CalendarDay(year: 2024, month: 1, day: 1).adding(days: day).iso)"]
            lines.append("units: [ \(units.joined(separator: ", ")) ]")
            if let category { lines.append("category: \(category)") }
            lines.append("tags: [ \(tags.map { "\"\($0)\"" }.joined(separator: ", ")) ]")
            if draft { lines.append("draft: true") }
            if let h = publishAtHours { lines.append("publish_at: \(ContentDate(instant: base.addingTimeInterval(Double(h) * 3600)).rfc3339)") }
            if let d = expiresDays { lines.append("expires: \(CalendarDay(instant: base).adding(days: d).iso)") }
            if let slug { lines.append("slug: \(slug)") }
            if image { lines += ["image: media/anh.png", "image_alt: \"Ảnh minh họa\""] }
            return (lines + ["---", body, ""]).joined(separator: "\n")
        }
    }

    static let base = Date(timeIntervalSince1970: 1_717_200_000)   // 2024-06-01 07:00 +07:00
    var base: Date { IncrementalPropertyTests.base }

    func testIncrementalEqualsCleanOverRandomEdits() throws {
        let steps = Int(ProcessInfo.processInfo.environment["LOA_PROPERTY_STEPS"] ?? "") ?? 200
        let seed = UInt64(ProcessInfo.processInfo.environment["LOA_PROPERTY_SEED"] ?? "") ?? 20240601
        try run(seed: seed, steps: steps)
    }

    func run(seed: UInt64, steps: Int) throws {
        var rng = SeededRandom(seed: seed)
        let site = try ScratchSite(name: "prop")
        defer { site.remove() }
        let incremental = site.root + "/public", clean = site.root + "/clean"
        var units = [("an-son", "Xã An Sơn"), ("binh-phuc", "Xã Bình Phúc"), ("diem-he", "Xã Điềm He"), ("huu-le", "Xã Hữu Lễ")]
        var articles: [Article] = []
        var counter = 0
        let words = ["cải cách", "hành chính", "một cửa", "dịch vụ công", "hồ sơ", "người dân", "xã", "kế hoạch", "chỉ số"]
        func sentence() -> String { (0..<Int.random(in: 3...8, using: &rng)).map { _ in words.randomElement(using: &rng)! }.joined(separator: " ") }
        func body() -> String {
            var parts: [String] = []
            for i in 0..<Int.random(in: 1...4, using: &rng) {
                if Bool.random(using: &rng) { parts.append("## \(sentence()) \(i)") }
                parts.append(sentence().capitalized + ".")
            }
            if Int.random(in: 0..<6, using: &rng) == 0 { parts.append("```csv\nCột A,Cột B\n1,\(sentence())\n```") }
            if Int.random(in: 0..<4, using: &rng) == 0 { parts.append("Xem [thủ tục](tthc:1.00000\(Int.random(in: 1...3, using: &rng))).") }
            return parts.joined(separator: "\n\n")
        }
        func newArticle() -> Article {
            counter += 1
            let folder = ["2023", "2024", "2024/thang-6"].randomElement(using: &rng)!
            return Article(file: "content/articles/\(folder)/bai-\(counter).md", title: "Bài \(counter) \(sentence())",
                           day: Int.random(in: 0...200, using: &rng),
                           units: Array(units.map(\.0).shuffled(using: &rng).prefix(Int.random(in: 0...2, using: &rng))),
                           category: [nil, "tuyen-truyen", "kinh-nghiem", "ke-hoach"].randomElement(using: &rng)!,
                           tags: Array(["SIPAS", "PAR INDEX", "Một cửa", "một cửa"].shuffled(using: &rng).prefix(Int.random(in: 0...2, using: &rng))),
                           body: body())
        }
        func save(_ a: Article) { site.write(a.file, a.text()) }

        site.write("content/site.yaml", ScratchSite.siteYAML())
        site.write("content/units.yaml", ScratchSite.unitsYAML(units))
        site.write("content/pages/gioi-thieu.md", "---\ntitle: \"Giới thiệu\"\ndate: 2024-01-01\n---\nTrang giới thiệu.\n")
        site.write("content/media/anh.png", "PNG-1")
        func procedures(_ codes: [Int], name: String) -> String {
            "Mã thủ tục,Tên thủ tục,Lĩnh vực,Cấp thực hiện,Đơn vị\n"
                + codes.map { "1.00000\($0),Thủ tục \(name) \($0),Hộ tịch,xã,\(units.first!.0)\n" }.joined()
        }
        site.write("content/procedures/cap-xa.csv", procedures([1, 2, 3], name: "đăng ký"))
        for _ in 0..<Int.random(in: 10...14, using: &rng) { articles.append(newArticle()); save(articles.last!) }

        var now = base
        var drafts = false
        var baseURL: String? = nil
        var memoryCache: BuildCache? = nil
        var previous = Tree(incremental)
        var previousError = false
        var upToDateCount = 0, successes = 0, keyedPages = 0, inPlace = 0, indexInPlace = 0
        var log: [String] = []

        for step in 0..<steps {
            // One random edit.
            let choice = Int.random(in: 0..<100, using: &rng)
            var what = ""
            switch choice {
            case 0..<14 where articles.count < 20:
                articles.append(newArticle()); save(articles.last!); what = "add \(articles.last!.file)"
            case 0..<40 where !articles.isEmpty:
                let i = Int.random(in: 0..<articles.count, using: &rng)
                switch Int.random(in: 0..<17, using: &rng) {
                case 0: articles[i].title = "Bài sửa \(sentence())"
                case 1: articles[i].day = Int.random(in: 0...200, using: &rng)
                case 2: articles[i].body = body()
                case 3: articles[i].units = Array(units.map(\.0).shuffled(using: &rng).prefix(Int.random(in: 0...3, using: &rng)))
                case 4: articles[i].category = [nil, "tuyen-truyen", "kinh-nghiem"].randomElement(using: &rng)!
                case 5: articles[i].tags = Array(["SIPAS", "Hộ tịch", "PAR INDEX"].shuffled(using: &rng).prefix(Int.random(in: 0...3, using: &rng)))
                case 6: articles[i].draft.toggle()
                case 7: articles[i].publishAtHours = Bool.random(using: &rng) ? Int.random(in: -48...400, using: &rng) : nil
                case 8: articles[i].expiresDays = Bool.random(using: &rng) ? Int.random(in: -5...30, using: &rng) : nil
                case 9: articles[i].slug = Bool.random(using: &rng) ? "duong-dan-\(Int.random(in: 0...40, using: &rng))" : nil
                case 10, 11:
                    // Nothing but the body's HTML changes (the words are the body's own): written in place.
                    let own = words.filter { articles[i].body.contains($0) }.shuffled(using: &rng)
                    articles[i].body += "\n\n*\(own.joined(separator: " "))* — **\(own.first ?? "")** & <\(own.count)>."
                case 12:
                    // The same words, without a tone mark: their search terms are the same.
                    articles[i].body = articles[i].body.replacingOccurrences(of: "cải cách", with: "cai cách")
                case 13: articles[i].body = articles[i].body.replacingOccurrences(of: "## ", with: "### ")
                case 14, 15:
                    // A paragraph with a word new to the article, or to the site, or one taken out: the search
                    // index's files change too.
                    let word = ["hộ tịch", "thủ tục", "từ\(Int.random(in: 0...3, using: &rng))"].randomElement(using: &rng)!
                    if Bool.random(using: &rng), let cut = articles[i].body.range(of: "\n\nThêm ") {
                        articles[i].body = String(articles[i].body[..<cut.lowerBound])
                    } else {
                        articles[i].body += "\n\nThêm \(word)."
                    }
                default: articles[i].image.toggle()
                }
                save(articles[i]); what = "change \(articles[i].file)"
            case 40..<48 where !articles.isEmpty:
                let i = Int.random(in: 0..<articles.count, using: &rng)
                site.remove(articles[i].file)
                counter += 1
                articles[i].file = "content/articles/2025/doi-ten-\(counter).md"
                save(articles[i]); what = "rename to \(articles[i].file)"
            case 48..<54 where articles.count > 10:
                let a = articles.remove(at: Int.random(in: 0..<articles.count, using: &rng))
                site.remove(a.file); what = "delete \(a.file)"
            case 54..<57:
                // Procedures: renamed, or one of the linked codes dropped (an error in both builds while linked).
                let codes = Int.random(in: 0..<3, using: &rng) == 0 ? [1, 2, 3].filter { _ in Int.random(in: 0..<4, using: &rng) > 0 } : [1, 2, 3]
                site.write("content/procedures/cap-xa.csv", procedures(codes, name: sentence()))
                what = "procedures \(codes)"
            case 57..<60:
                if Bool.random(using: &rng), units.count < 6 {
                    units.append(("don-vi-\(step)", "Xã Mới \(step)"))
                } else {
                    let i = Int.random(in: 0..<units.count, using: &rng)
                    units[i].1 = "Xã \(sentence())"
                }
                site.write("content/units.yaml", ScratchSite.unitsYAML(units)); what = "units"
            case 60..<66:
                let template = ["article", "list", "layout", "unit", "partials/article-item", "home"].randomElement(using: &rng)!
                let path = "themes/default/templates/\(template).mustache"
                var text = site.read(path)!
                if text.hasSuffix("\n") { text.removeLast() }
                site.write(path, text + "<!-- \(step) -->\n"); what = "template \(template)"
            case 66..<71:
                let notice = Bool.random(using: &rng) ? "notice: { text: \"Lịch nghỉ \(step)\", from: \(CalendarDay(instant: base).iso), until: \(CalendarDay(instant: base).adding(days: Int.random(in: 0...5, using: &rng)).iso) }" : nil
                site.write("content/site.yaml", ScratchSite.siteYAML(title: "Cổng \(Int.random(in: 0...3, using: &rng))", perPage: Int.random(in: 4...8, using: &rng), notice: notice))
                what = "site.yaml"
            case 71..<75:
                site.write("content/pages/trang-\(Int.random(in: 0...2, using: &rng)).md", "---\ntitle: \"Trang \(sentence())\"\ndate: 2024-02-01\n---\n\(body())\n")
                what = "page"
            case 75..<79:
                if Bool.random(using: &rng) { site.write("content/media/anh.png", "PNG-\(step)") } else { site.write("themes/default/assets/site.js", "// \(step)\n") }
                what = "media/asset"
            case 79..<87:
                now = now.addingTimeInterval(Double(Int.random(in: 1...60, using: &rng)) * 3600); what = "time → \(ContentDate(instant: now).rfc3339)"
            case 87..<90:
                let i = articles.isEmpty ? 0 : Int.random(in: 0..<articles.count, using: &rng)
                if !articles.isEmpty { site.write(articles[i].file, "---\ntitle: [hỏng\n---\n") ; what = "break \(articles[i].file)" }
            case 90..<93:
                let files = OutputWriter.listFiles(incremental)
                if let victim = files.randomElement(using: &rng) {
                    if Bool.random(using: &rng) { try? FileManager.default.removeItem(atPath: incremental + "/" + victim) } else { try? OutputWriter.writeBytes(Array("sửa tay".utf8), to: incremental + "/" + victim) }
                    what = "tamper public/\(victim)"
                }
                if Bool.random(using: &rng) { try? OutputWriter.writeBytes([1], to: incremental + "/la.html"); what += " +stray" }
                // The spare site the next build stages in: a rewritten file (through a shared hard link too),
                // a stray file, a folder where a file was.
                let spare = site.root + "/.public.spare"
                if let victim = OutputWriter.listFiles(spare).randomElement(using: &rng) {
                    switch Int.random(in: 0..<3, using: &rng) {
                    case 0: try? OutputWriter.writeBytes(Array("hỏng".utf8), to: spare + "/" + victim)
                    case 1: try? OutputWriter.writeBytes([2], to: spare + "/" + victim + ".la")
                    default:
                        unlink(spare + "/" + victim)
                        try? FileManager.default.createDirectory(atPath: spare + "/" + victim + "/x", withIntermediateDirectories: true)
                    }
                    what += " +spare \(victim)"
                }
                previous = Tree(incremental)
            case 93..<96:
                let caches = OutputWriter.listFiles(site.root + "/.loa-cache")
                if let victim = caches.randomElement(using: &rng) {
                    let path = site.root + "/.loa-cache/" + victim
                    var bytes = [UInt8](FileManager.default.contents(atPath: path) ?? Data())
                    if !bytes.isEmpty { bytes[Int.random(in: 0..<bytes.count, using: &rng)] ^= 0x5A }
                    if Bool.random(using: &rng) { bytes = Array(bytes.prefix(bytes.count / 2)) }
                    try? OutputWriter.writeBytes(bytes, to: path)
                    memoryCache = nil
                    what = "corrupt cache \(victim)"
                }
            case 96..<98:
                drafts.toggle(); what = "drafts \(drafts)"
            default:
                baseURL = baseURL == nil ? "http://127.0.0.1:8080/xem-thu/" : nil; what = "base-url \(baseURL ?? "nil")"
            }
            // Re-fix a broken article now and then so the site does not stay broken.
            if previousError, Bool.random(using: &rng), what.hasPrefix("break") == false {
                for a in articles { save(a) }
                what += " +fix"
            }
            log.append("\(step): \(what)")

            // Incremental: a cache from disk (like `loa build`) or kept in memory (like `loa watch`).
            let moment = ContentDate(instant: now)
            var options = BuildOptions(root: site.root, output: incremental, includeDrafts: drafts, now: moment,
                                       baseURLOverride: baseURL, useCache: true)
            if Int.random(in: 0..<3, using: &rng) == 0 { memoryCache = nil }
            if memoryCache == nil || Bool.random(using: &rng) { memoryCache = BuildCache(root: site.root) }
            let t0 = Date()
            BuildCache.keyAudit.start()
            let incResult = Result { try SiteBuilder.build(options, cache: memoryCache) }
            let audit = BuildCache.keyAudit.stop()
            keyedPages += audit.checked
            XCTAssertEqual(audit.mismatches, [], "step \(step): pages kept by an input key whose bytes changed\n\(log.suffix(6).joined(separator: "\n"))")
            let t1 = Date()
            try? FileManager.default.removeItem(atPath: clean)
            options.output = clean
            options.useCache = false
            let cleanResult = Result { try SiteBuilder.build(options) }
            if ProcessInfo.processInfo.environment["LOA_PROPERTY_TIMES"] != nil {
                print(String(format: "%d %.3f %.3f %@", step, t1.timeIntervalSince(t0), Date().timeIntervalSince(t1), what))
            }

            let context = log.suffix(6).joined(separator: "\n")
            switch (incResult, cleanResult) {
            case (.failure(let a as BuildFailure), .failure(let b as BuildFailure)):
                XCTAssertEqual(a.diagnostics, b.diagnostics, "step \(step) diagnostics\n\(context)")
                previousError = true
                XCTAssertEqual(Tree(incremental), previous, "a failed build changed the output\n\(context)")
            case (.success(let report), .success(let cleanReport)):
                previousError = false
                successes += 1
                if report.upToDate { upToDateCount += 1 }
                if report.statistics?.editedInPlace == true { inPlace += 1 }
                if report.statistics?.editedInPlace == true, report.statistics?.searchIndexReused == false { indexInPlace += 1 }
                let tree = Tree(incremental), expected = Tree(clean)
                XCTAssertEqual(Set(tree.files.keys), Set(expected.files.keys), "step \(step) file lists\n\(context)")
                if tree != expected {
                    XCTFail("step \(step) differs: \(tree.firstDifference(expected))\n\(context)")
                    return
                }
                XCTAssertEqual(report.warnings, cleanReport.warnings, "step \(step) warnings\n\(context)")
                XCTAssertEqual(report.nextChange, cleanReport.nextChange, "step \(step) next_change\n\(context)")
                let diff = tree.changes(from: previous)
                XCTAssertEqual(report.changes.added.sorted(), diff.added, "step \(step) added\n\(context)")
                XCTAssertEqual(report.changes.modified.sorted(), diff.modified, "step \(step) modified\n\(context)")
                XCTAssertEqual(report.changes.removed.sorted(), diff.removed, "step \(step) removed\n\(context)")
                for (path, inode) in tree.inodes where previous.files[path] == tree.files[path] {
                    XCTAssertEqual(inode, previous.inodes[path], "step \(step): unchanged \(path) was rewritten\n\(context)")
                }
                previous = tree
            default:
                XCTFail("step \(step): incremental \(incResult) but clean \(cleanResult)\n\(context)")
                return
            }
        }
        print("property test: \(steps) steps, \(successes) successful builds, \(upToDateCount) no-op fast paths, \(inPlace) edits in place (\(indexInPlace) with the search index), \(keyedPages) pages kept by input key")
        XCTAssertGreaterThan(successes, steps / 2)
        if steps >= 100 {
            XCTAssertGreaterThan(inPlace, 0, "no edit was written in place: the body-only edits checked nothing")
            XCTAssertGreaterThan(indexInPlace, 0, "no edit in place changed the search index")
        }
        XCTAssertGreaterThan(keyedPages, 0, "no page was kept by its input key: the audit checked nothing")
    }
}
