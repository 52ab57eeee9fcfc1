import Foundation
import XCTest
@testable import LoaCore

final class IncrementalUnitTests: XCTestCase {
    func testXXHash64MatchesReferenceVectors() {
        XCTAssertEqual(XXHash64.hash([UInt8]()), 0xEF46_DB37_51D8_E999)
        XCTAssertEqual(XXHash64.hash("a"), 0xD24E_C4F1_A98C_6E5B)
        XCTAssertEqual(XXHash64.hash("abc"), 0x44BC_2CF5_AD77_0999)
        XCTAssertEqual(XXHash64.hash("Nobody inspects the spammish repetition"), 0xFBCE_A83C_8A37_8BF1)
        let long = (0..<3).flatMap { _ in (0...255).map { UInt8($0) } }
        XCTAssertEqual(XXHash64.hash(long), 0x8E03_C838_C596_036F)
        XCTAssertEqual(XXHash64.hash("abc", seed: 0x1A), 0x992F_F82D_6286_752E)
        // Streaming in uneven pieces gives the same hash.
        var h = XXHash64()
        for chunk in stride(from: 0, to: long.count, by: 7) { h.update(Array(long[chunk..<min(chunk + 7, long.count)])) }
        XCTAssertEqual(h.finish(), 0x8E03_C838_C596_036F)
    }

    /// The document cache stores these types field by field: a new field must be added to DocumentCodec
    /// (and here), or a cached build would silently drop it.
    func testCodecsCoverEveryField() {
        let doc = DocumentLoader.parse("---\ntitle: \"A\"\ndate: 2024-01-01\n---\nB\n", file: "a.md", kind: .article, log: DiagnosticLog())!
        XCTAssertEqual(Mirror(reflecting: doc).children.map { $0.label! }, [
            "kind", "file", "title", "date", "updated", "summary", "units", "category", "tags", "image", "imageAlt",
            "author", "sourceDocument", "draft", "publishAt", "expires", "slug", "aliases", "body", "bodyFirstLine",
            "bodyHash", "hasBody"])
        let markdown = RenderedMarkdown(html: "", firstParagraph: "", searchTerms: "", headings: [], procedureLinks: [])
        XCTAssertEqual(Mirror(reflecting: markdown).children.map { $0.label! },
                       ["html", "firstParagraph", "searchTerms", "headings", "procedureLinks", "sourceHash"])
        // The Markdown cache key covers the base path and records procedure look-ups: nothing else may feed a body.
        XCTAssertEqual(Mirror(reflecting: MarkdownLinkContext(basePath: "/")).children.map { $0.label! }, ["basePath", "procedurePath"])

        // Every build option is in the fast path's options key (BuildCache.optionsKey) or cannot change the output.
        XCTAssertEqual(Mirror(reflecting: BuildOptions(root: "/x")).children.map { $0.label! }, [
            "root", "output", "includeDrafts", "now", "baseURLOverride", "dryRun", "gzip", "maxFileBytes", "useCache", "trustStamps",
            "exitsAfterBuild", "defersFinishing"])
        // Pages are kept by input keys built from these fields (ArticlePages.inputKey, InputKey.addItem, FeedPages.key):
        // a new field that a page shows must be added there too (the property test's key audit catches a miss it meets).
        let article = Article(source: doc, path: "a/", body: markdown, summary: "", unitIDs: [], category: nil, tags: [], isExpired: false)
        // An article keeps its fields in one box (copied on write): the box's fields are the ones pinned.
        XCTAssertEqual(Mirror(reflecting: article).children.map { $0.label! }, ["box"])
        XCTAssertEqual(Mirror(reflecting: Mirror(reflecting: article).children.first!.value).children.map { $0.label! },
                       ["source", "pathOverride", "held", "spilledHTML", "spilledTerms", "spilledSummary", "extracts",
                        "sourceHash", "unitIDs", "category", "tags"])
        // `held` (the body's HTML and search terms, and the summary), `extracts` (its table of contents and
        // procedure links) and `sourceHash` are `body` and `summary` (the body's first paragraph is read for
        // the summary, never kept).
        // `spilledHTML` is where the body's HTML went (`TextSpill`): keys cover it through `body.sourceHash`.
        // `spilledTerms`, where its search terms went: only the index reads them, and its key hashes them
        // read back (`SearchDocument.fullText`). `spilledSummary` (in the spill `held` points to), where its
        // summary went: `summary` reads it back.
        // What the article keeps of its front matter (`ArticleSource`), pinned the same way.
        XCTAssertEqual(Mirror(reflecting: article.source).children.map { $0.label! },
                       ["kind", "draft", "isExpired", "storedFirstLine", "file", "packedTitle", "date", "sharedAuthor", "slug", "rare"])
        // `storedFirstLine` is `bodyFirstLine`; `packedTitle` is `title` (`PackedText`); `sharedAuthor` is
        // `author`; `rare` holds the fields
        // few documents write, `updated` among them. `isExpired` is the article's (set by the resolver).
        XCTAssertEqual(article.title, doc.title)

        var w = CacheWriter()
        var full = doc
        full.updated = ContentDate(parsing: "2024-02-01T08:30:00+07:00")
        full.summary = "Tóm tắt"; full.units = [.init(value: "an-son", line: 4)]; full.category = .init(value: "c", line: 5)
        full.sourceDocument = .init(number: "1/QĐ", date: CalendarDay(year: 2024, month: 1, day: 2), issuer: nil)
        full.publishAt = ContentDate(parsing: "2024-03-01T07:00:00+07:00"); full.expires = CalendarDay(year: 2025, month: 1, day: 1)
        DocumentCodec.encode(full, &w)
        var r = CacheReader(w.bytes)
        let back = try! DocumentCodec.decodeDocument(&r)
        XCTAssertTrue(r.atEnd)
        // Every field but the body, which the cache does not keep (`ContentDocument.hasBody`).
        var withoutBody = full
        withoutBody.body = ""
        withoutBody.hasBody = false
        XCTAssertEqual(String(describing: back), String(describing: withoutBody))
        XCTAssertEqual(back.bodyHash, ArticleBodies.hash("B\n"))
    }

    /// Typed collections take fast paths; they must hash as the same values held as `Any` do.
    func testContextFingerprintOfTypedAndUntypedCollectionsAgree() {
        let typed: [String: Any] = ["d": ["a": "1", "b": "2"] as [String: String], "l": ["x", "y"],
                                    "ld": [["k": "v"]] as [[String: String]]]
        let untyped: [String: Any] = ["d": ["a": "1", "b": "2"] as [String: Any], "l": ["x", "y"] as [Any],
                                      "ld": [["k": "v"] as [String: Any]] as [Any]]
        XCTAssertEqual(ContextFingerprint.hash(typed, template: "t", templates: 0), ContextFingerprint.hash(untyped, template: "t", templates: 0))
        XCTAssertNotEqual(ContextFingerprint.hash(typed, template: "t", templates: 0),
                          ContextFingerprint.hash(["d": ["a": "1"] as [String: String]], template: "t", templates: 0))
    }

    func testContextFingerprintIsStableAndSensitive() {
        let a: [String: Any] = ["page": ["title": "Tin", "n": 3, "flag": true] as [String: Any], "items": [["a": "1"]]]
        let b: [String: Any] = ["items": [["a": "1"]], "page": ["flag": true, "n": 3, "title": "Tin"] as [String: Any]]
        XCTAssertEqual(ContextFingerprint.hash(a, template: "list", templates: 1), ContextFingerprint.hash(b, template: "list", templates: 1))
        XCTAssertNotEqual(ContextFingerprint.hash(a, template: "list", templates: 1), ContextFingerprint.hash(a, template: "list", templates: 2))
        XCTAssertNotEqual(ContextFingerprint.hash(a, template: "list", templates: 1), ContextFingerprint.hash(a, template: "home", templates: 1))
        var c = a
        c["items"] = [["a": "2"]]
        XCTAssertNotEqual(ContextFingerprint.hash(a, template: "list", templates: 1), ContextFingerprint.hash(c, template: "list", templates: 1))
        // A value that cannot be fingerprinted makes the page uncacheable, never wrongly cached.
        XCTAssertNil(ContextFingerprint.hash(["f": { (s: String) in s }], template: "x", templates: 0))
    }

    func testChangeManifestJSONAndNextChange() {
        var changes = OutputChanges()
        changes.added = ["b.html", "a \"q\".html"]
        changes.removed = ["x/index.html"]
        let next = ContentDate(parsing: "2024-06-02T00:00:00+07:00")
        XCTAssertEqual(ChangeManifest.json(changes, nextChange: next), """
        {
          "added": [
            "a \\"q\\".html",
            "b.html"
          ],
          "modified": [],
          "removed": [
            "x/index.html"
          ],
          "next_change": "2024-06-02T00:00:00+07:00"
        }

        """)
        XCTAssertTrue(ChangeManifest.json(OutputChanges(), nextChange: nil).contains("\"next_change\": null"))
        let day = CalendarDay(year: 2024, month: 6, day: 1)
        XCTAssertEqual(Schedule.next(after: ContentDate(day: day), in: [day.start.timeIntervalSince1970, day.adding(days: 1).start.timeIntervalSince1970])?.rfc3339,
                       "2024-06-02T00:00:00+07:00")
    }

    /// The stamps of pages the writer left untouched are recorded without reading them again; those of
    /// pages it linked again (which moves their ctime) are read. Were either wrong, the no-op after two
    /// edits would not find the output folder as recorded.
    func testStampsRecordedAfterEditsLetTheNextBuildBeANoOp() throws {
        let (site, options) = try ScratchSite.withArticles(name: "stamps", 6)
        defer { site.remove() }
        _ = try SiteBuilder.build(options)
        for edit in ["một", "hai"] {
            site.write("content/articles/b3.md", "---\ntitle: \"Bài 3\"\ndate: 2024-05-03\n---\nNội dung sửa \(edit).\n")
            let edited = try SiteBuilder.build(options)
            XCTAssertFalse(edited.upToDate)
            XCTAssertGreaterThan(edited.statistics!.pagesReused, 0)
        }
        XCTAssertTrue(try SiteBuilder.build(options).upToDate)
    }

    /// The spill of a clean build becomes documents.bin as it is: it reads back like a file written whole,
    /// and a byte changed in it is caught by the header's checksum.
    func testSpilledEntriesBecomeAnEntryFile() throws {
        let site = try ScratchSite(name: "spill")
        defer { site.remove() }
        let folder = site.root + "/.loa-cache", path = site.root + "/.loa-cache/documents.bin"
        let header = { (length: Int, hash: UInt64) in CacheWriter.header(magic: BuildCache.documentsMagic, length: length, hash: hash) }
        let spill = try XCTUnwrap(PendingEntries(folder: folder, headerLength: header(0, 0).count))
        guard spill.unnamed else { throw XCTSkip("no unnamed files (O_TMPFILE) on this file system: documents.bin is written whole") }
        // Over the 1 MB write buffer, so entries are read back from the file as well as from the buffer.
        let entries: [(UInt64, [UInt8])] = (0..<300).map { n in
            (UInt64(n + 1) &* 0x9E37_79B9_7F4A_7C15, Array("mục \(n) ".utf8) + [UInt8](repeating: UInt8(n % 251), count: n * 37))
        }
        for (key, bytes) in entries { XCTAssertTrue(spill.append(key, bytes)) }
        XCTAssertEqual(spill.read(entries[5].0), entries[5].1)
        XCTAssertEqual(spill.read(entries[299].0), entries[299].1)
        XCTAssertEqual(spill.length(of: entries[299].0), entries[299].1.count)
        // An entry of 16 MB or more does not fit the index's length field: refused, kept in memory by the cache.
        XCTAssertFalse(spill.append(1, [UInt8](repeating: 7, count: 1 << 24)))
        XCTAssertNil(spill.read(1))
        XCTAssertTrue(spill.keep(as: path, header: header))
        let file = try XCTUnwrap(try EntryFile(path, magic: BuildCache.documentsMagic))
        XCTAssertEqual(file.index.count, entries.count)
        for (key, bytes) in entries { XCTAssertEqual(file.read(key), bytes) }
        var raw = try XCTUnwrap(OutputWriter.readBytes(path))
        raw[raw.count / 2] ^= 1
        try OutputWriter.writeBytes(raw, to: path)
        XCTAssertThrowsError(try EntryFile(path, magic: BuildCache.documentsMagic))
    }

    /// A cache file written as it is encoded is, across the pieces it goes out in, the file `CacheWriter.file`
    /// makes of the whole payload, and reads back.
    func testAStreamedCacheFileIsTheWholeFile() throws {
        let folder = NSTemporaryDirectory() + "loa-stream-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let items = (0..<60_000).map { "tin-tuc/bài-\($0)/index.html" }
        func encode(_ w: inout CacheWriter) {
            w.u64(7)
            w.array(items) { $0.string($1) }
            w.string("cuối")
        }
        var whole = CacheWriter()
        encode(&whole)
        XCTAssertGreaterThan(whole.bytes.count, 2 * CacheFileSink.pieceSize, "sent in three pieces or more")
        try CacheFiles.writeStreaming(magic: "LOA-TEST-1", to: folder + "/a.bin") { encode(&$0) }
        let bytes = try XCTUnwrap(CacheFiles.read(folder + "/a.bin"))
        XCTAssertEqual(bytes, CacheWriter.file(magic: "LOA-TEST-1", payload: whole.bytes))
        var r = try CacheReader.open(bytes, magic: "LOA-TEST-1")
        XCTAssertEqual(try r.u64(), 7)
        XCTAssertEqual(try r.array { try $0.string() }, items)
        XCTAssertEqual(try r.string(), "cuối")
        XCTAssertTrue(r.atEnd)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder), ["a.bin"], "no temporary file left")
    }

    /// A cache file of an older format (its magic's number) is named as such, not as a foreign file.
    func testACacheFileOfAnotherFormatSaysSo() {
        var older = CacheReader(CacheWriter.file(magic: "LOA-DOCUMENTS-4", payload: []))
        XCTAssertThrowsError(try older.header(magic: "LOA-DOCUMENTS-5")) { XCTAssertTrue("\($0)".contains("phiên bản Loa khác"), "\($0)") }
        var foreign = CacheReader(CacheWriter.file(magic: "LOA-INPUTS-1", payload: []))
        XCTAssertThrowsError(try foreign.header(magic: "LOA-DOCUMENTS-5")) { XCTAssertTrue("\($0)".contains("không phải"), "\($0)") }
    }

    /// A no-op whose scan hashed files again (rewritten with the same bytes, or racy) saves their new
    /// stamps: the next no-op hashes nothing. It used to keep the old ones, so every later no-op paid again.
    func testANoOpSavesTheStampsOfFilesItHashedAgain() throws {
        let (site, options) = try ScratchSite.withArticles(name: "rehash", 3)
        defer { site.remove() }
        _ = try SiteBuilder.build(options)
        Thread.sleep(forTimeInterval: 1.1)
        let path = site.root + "/content/articles/b1.md"
        let bytes = try XCTUnwrap(FileManager.default.contents(atPath: path))
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: bytes))
        Thread.sleep(forTimeInterval: 1.1)
        let rehashed = try SiteBuilder.build(options)
        XCTAssertTrue(rehashed.upToDate)
        XCTAssertGreaterThan(rehashed.statistics!.inputsHashed, 0)
        let next = try SiteBuilder.build(options)
        XCTAssertTrue(next.upToDate)
        XCTAssertEqual(next.statistics!.inputsHashed, 0)
    }

    /// A large one-shot build lets the articles' part of the input table go once loaded: it is saved to
    /// inputs.bin first, whole, and read back to tell whether an input moved during the build. Media keep
    /// their entries (their copies are keyed by their hashes).
    func testTheInputTableReleasedAfterLoadingIsSavedAndReadBack() throws {
        let (site, _) = try ScratchSite.withArticles(name: "release-inputs", 3)
        defer { site.remove() }
        site.write("content/media/logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>")
        let cache = BuildCache(root: site.root, keepsDecodedValues: false)
        let scanned = cache.scanInputs(root: site.root)
        XCTAssertNotNil(scanned.files["content/articles/b1.md"])
        cache.releaseInputTable(loaded: SiteBuilder.isDocument)
        XCTAssertNil(cache.scan?.files["content/articles/b1.md"], "the articles' entries let go")
        XCTAssertEqual(cache.scan?.files["content/media/logo.svg"]?.hash, scanned.files["content/media/logo.svg"]?.hash)
        XCTAssertEqual(cache.scan?.digest, scanned.digest)
        func savedPaths() throws -> [String] {
            var reader = try CacheReader.open(try XCTUnwrap(CacheFiles.read(cache.folder + "/inputs.bin")), magic: BuildCache.inputsMagic)
            return try InputScan.decode(&reader).files.map(\.path)
        }
        XCTAssertEqual(try savedPaths(), scanned.files.map(\.path), "saved whole")
        cache.saveInputsAndDocuments()
        XCTAssertEqual(try savedPaths(), scanned.files.map(\.path), "not saved again without the articles")
        XCTAssertFalse(cache.inputsChanged(root: site.root))
        Thread.sleep(forTimeInterval: 0.05)
        site.write("content/articles/b2.md", "---\ntitle: \"Bài 2 sửa\"\ndate: 2024-05-02\n---\nNội dung khác.\n")
        XCTAssertTrue(cache.inputsChanged(root: site.root), "an article edited after the scan")
    }

    /// Builds the site once, then checks the manifest against a real tree diff, the fast path, the
    /// next_change moment, --base-url, and that a corrupt cache is ignored with a notice.
    func testChangesNextChangeBaseURLAndCorruptCache() throws {
        let site = try ScratchSite(name: "changes")
        defer { site.remove() }
        site.write("content/site.yaml", ScratchSite.siteYAML())
        site.write("content/units.yaml", ScratchSite.unitsYAML([("an-son", "Xã An Sơn")]))
        site.write("content/articles/a.md", "---\ntitle: \"Bài A\"\ndate: 2024-05-01\nexpires: 2024-06-10\n---\nNội dung A.\n")
        site.write("content/articles/b.md", "---\ntitle: \"Bài B\"\ndate: 2024-05-02\npublish_at: 2024-06-05T08:00:00+07:00\n---\nNội dung B.\n")
        let now = ContentDate(parsing: "2024-06-01T09:00:00+07:00")!
        let options = BuildOptions(root: site.root, now: now, useCache: true)
        let first = try SiteBuilder.build(options)
        XCTAssertEqual(first.nextChange?.rfc3339, "2024-06-05T08:00:00+07:00")
        let before = Tree(site.root + "/public")

        let again = try SiteBuilder.build(options)
        XCTAssertTrue(again.upToDate)
        XCTAssertEqual(again.changes.added + again.changes.modified + again.changes.removed, [])

        site.write("content/articles/a.md", "---\ntitle: \"Bài A mới\"\ndate: 2024-05-01\nexpires: 2024-06-10\n---\nNội dung A.\n")
        let edited = try SiteBuilder.build(options)
        let after = Tree(site.root + "/public")
        let diff = after.changes(from: before)
        XCTAssertEqual(edited.changes.added.sorted(), diff.added)
        XCTAssertEqual(edited.changes.modified.sorted(), diff.modified)
        XCTAssertEqual(edited.changes.removed.sorted(), diff.removed)
        XCTAssertFalse(diff.modified.isEmpty)
        XCTAssertGreaterThan(edited.statistics!.pagesReused, 0)

        // After publish_at: B appears although no file changed, and next_change moves to the day after expires.
        let later = try SiteBuilder.build(BuildOptions(root: site.root, now: ContentDate(parsing: "2024-06-05T09:00:00+07:00")!, useCache: true))
        XCTAssertFalse(later.upToDate)
        XCTAssertTrue(later.changes.added.contains("tin-tuc/bai-b/index.html"))
        XCTAssertEqual(later.nextChange?.rfc3339, "2024-06-11T00:00:00+07:00")

        // --base-url: every absolute URL uses it.
        let preview = site.root + "/preview"
        _ = try SiteBuilder.build(BuildOptions(root: site.root, output: preview, now: now,
                                               baseURLOverride: "http://127.0.0.1:9999/xem/", useCache: true))
        let home = String(decoding: Tree(preview).files["index.html"]!, as: UTF8.self)
        XCTAssertTrue(home.contains("http://127.0.0.1:9999/xem/"))
        XCTAssertFalse(home.contains("https://cchc.example.gov.vn/"))

        // A corrupt cache: a notice, a full build, the same output as a clean build.
        for file in OutputWriter.listFiles(site.root + "/.loa-cache") {
            try OutputWriter.writeBytes(Array("rác".utf8), to: site.root + "/.loa-cache/" + file)
        }
        let recovered = try SiteBuilder.build(options)
        XCTAssertFalse(recovered.notices.isEmpty)
        XCTAssertTrue(recovered.notices.allSatisfy { $0.contains("không dùng được") })
        _ = try SiteBuilder.build(BuildOptions(root: site.root, output: site.root + "/clean", now: now))
        XCTAssertEqual(Tree(site.root + "/public"), Tree(site.root + "/clean"))
    }

    /// A small edit appends to documents-journal.bin and leaves documents.bin as it was; once the journal
    /// outgrows a quarter of it, everything is compacted back into documents.bin. Every build matches a clean one.
    func testSmallEditsGoToTheJournalUntilCompaction() throws {
        let site = try ScratchSite(name: "journal")
        defer { site.remove() }
        site.write("content/site.yaml", ScratchSite.siteYAML())
        site.write("content/units.yaml", ScratchSite.unitsYAML([("an-son", "Xã An Sơn")]))
        for n in 0..<12 {
            site.write("content/articles/b\(n).md", "---\ntitle: \"Bài \(n)\"\ndate: 2024-05-\(10 + n)\n---\nNội dung \(n).\n")
        }
        let now = ContentDate(parsing: "2024-06-01T09:00:00+07:00")!
        let options = BuildOptions(root: site.root, now: now, useCache: true)
        let cache = site.root + "/.loa-cache/"
        _ = try SiteBuilder.build(options)
        let base = try XCTUnwrap(OutputWriter.readBytes(cache + "documents.bin"))
        XCTAssertNil(OutputWriter.readBytes(cache + "documents-journal.bin"))

        site.write("content/articles/b3.md", "---\ntitle: \"Bài 3\"\ndate: 2024-05-13\n---\nNội dung mới.\n")
        let edited = try SiteBuilder.build(options)
        XCTAssertEqual(edited.statistics?.documentsParsed, 1)
        XCTAssertEqual(OutputWriter.readBytes(cache + "documents.bin"), base, "a small edit leaves documents.bin alone")
        XCTAssertNotNil(OutputWriter.readBytes(cache + "documents-journal.bin"))

        // A new cache object (a new `loa build`) reads both files: nothing is parsed again.
        site.write("content/articles/b4.md", "---\ntitle: \"Bài 4\"\ndate: 2024-05-14\n---\nNội dung khác.\n")
        let next = try SiteBuilder.build(options)
        XCTAssertEqual(next.statistics?.documentsParsed, 1)
        XCTAssertEqual(next.statistics?.markdownRendered, 1)

        // Editing most articles outgrows the journal: compacted, journal gone.
        for n in 0..<12 {
            site.write("content/articles/b\(n).md", "---\ntitle: \"Bài \(n)\"\ndate: 2024-05-\(10 + n)\n---\nBản \(n) đã sửa.\n")
        }
        _ = try SiteBuilder.build(options)
        XCTAssertNotEqual(OutputWriter.readBytes(cache + "documents.bin"), base)
        XCTAssertNil(OutputWriter.readBytes(cache + "documents-journal.bin"))
        let cached = try SiteBuilder.build(BuildOptions(root: site.root, output: site.root + "/again", now: now, useCache: true))
        XCTAssertEqual(cached.statistics?.documentsParsed, 0)
        _ = try SiteBuilder.build(BuildOptions(root: site.root, output: site.root + "/clean", now: now))
        XCTAssertEqual(Tree(site.root + "/public"), Tree(site.root + "/clean"))
    }

    /// A first build in a new folder makes no spare (a CI runner would never use it); a build of an output
    /// built here before links every file it writes into the spare (the next build's staging folder) as
    /// it goes; a failed one leaves neither output nor spare; one without the cache makes none; `watch`
    /// readies it right after its first build.
    func testSpareIsReadiedOnlyWhereTheOutputWasBuiltBefore() throws {
        let site = try ScratchSite(name: "spare")
        defer { site.remove() }
        site.write("content/site.yaml", ScratchSite.siteYAML())
        site.write("content/units.yaml", ScratchSite.unitsYAML([("an-son", "Xã An Sơn")]))
        site.write("content/articles/a.md", "---\ntitle: \"Bài\"\ndate: 2024-05-10\nunits: [khong-co]\n---\nNội dung.\n")
        let now = ContentDate(parsing: "2024-06-01T09:00:00+07:00")!
        let options = BuildOptions(root: site.root, now: now, useCache: true)
        let spare = site.root + "/.public.spare"
        func assertSpareMirrorsOutput(_ line: UInt = #line) {
            let files = OutputWriter.listFiles(site.root + "/public")
            XCTAssertGreaterThan(files.count, 10, line: line)
            XCTAssertEqual(OutputWriter.listFiles(spare), files, line: line)
            for file in files {
                var a = stat(), b = stat()
                XCTAssertEqual(lstat(site.root + "/public/" + file, &a), 0, line: line)
                XCTAssertEqual(lstat(spare + "/" + file, &b), 0, line: line)
                XCTAssertEqual(a.st_ino, b.st_ino, file, line: line)
            }
        }
        XCTAssertThrowsError(try SiteBuilder.build(options))
        XCTAssertFalse(FileManager.default.fileExists(atPath: spare))
        XCTAssertFalse(FileManager.default.fileExists(atPath: site.root + "/public"))

        site.write("content/articles/a.md", "---\ntitle: \"Bài\"\ndate: 2024-05-10\nunits: [an-son]\n---\nNội dung.\n")
        _ = try SiteBuilder.build(options)
        XCTAssertGreaterThan(OutputWriter.listFiles(site.root + "/public").count, 10)
        XCTAssertFalse(FileManager.default.fileExists(atPath: spare))

        // The output deleted, the cache kept: this output was built here before.
        try FileManager.default.removeItem(atPath: site.root + "/public")
        let report = try SiteBuilder.build(options)
        XCTAssertTrue(report.stages.contains { $0.name == "save documents" }, "\(report.stages.map(\.name))")
        assertSpareMirrorsOutput()

        _ = try SiteBuilder.build(BuildOptions(root: site.root, output: site.root + "/plain", now: now))
        XCTAssertFalse(FileManager.default.fileExists(atPath: site.root + "/.plain.spare"))

        // A resident process's first build in a new folder readies the spare once the site is in place.
        for leftover in ["public", ".public.spare", ".loa-cache"] { try FileManager.default.removeItem(atPath: site.root + "/" + leftover) }
        let watcher = try SiteWatcher(options: options)
        guard case .success = watcher.build(fixedNow: true) else { return XCTFail("watch build failed") }
        assertSpareMirrorsOutput()
        XCTAssertTrue(try SiteBuilder.build(options).upToDate)
    }

    /// Stamps spare re-hashing only outside the racy window; an edit of the same size is still seen.
    func testInputScanTrustsOnlyOldStamps() throws {
        let site = try ScratchSite(name: "scan")
        defer { site.remove() }
        site.write("content/site.yaml", "a: 1\n")
        let first = InputScan.scan(root: site.root, previous: nil)
        XCTAssertEqual(InputScan.scan(root: site.root, previous: first).hashed, first.files.count, "racy: everything re-hashed")
        Thread.sleep(forTimeInterval: 1.1)
        let settled = InputScan.scan(root: site.root, previous: nil)
        Thread.sleep(forTimeInterval: 0.05)
        let trusted = InputScan.scan(root: site.root, previous: settled)
        XCTAssertEqual(trusted.hashed, 0)
        XCTAssertEqual(trusted.digest, settled.digest)
        site.write("content/site.yaml", "a: 2\n")
        let edited = InputScan.scan(root: site.root, previous: trusted)
        XCTAssertEqual(edited.hashed, 1)
        XCTAssertNotEqual(edited.digest, trusted.digest)
    }

    /// The scan's table of inputs (`InputFiles`): found by path, listed in byte order, written and read
    /// back; an older cache's entries in no particular order (a path twice: the last wins) are sorted.
    func testInputFilesFindPathsInByteOrder() throws {
        func entry(_ n: Int) -> InputScan.Entry {
            InputScan.Entry(stamp: FileStamp(device: 1, inode: UInt64(n), size: n, mtimeNs: 0, ctimeNs: 0), hash: UInt64(n))
        }
        let paths = ["content/z.md", "content/articles/đ.md", "content/articles/a.md", "content/articles/b.md", "themes/t/x.mustache",
                     "content/articles/a.md.bak", "content/Ä.md", "content"]
        let sorted = paths.sorted { $0.precedesInByteOrder($1) }
        let files = InputFiles(sorted: sorted.enumerated().map { ($1, entry($0)) })
        XCTAssertEqual(files.count, paths.count)
        XCTAssertEqual(files.map(\.path), sorted)
        for (n, path) in sorted.enumerated() { XCTAssertEqual(files[path]?.hash, UInt64(n), path) }
        for missing in ["", "content/", "content/articles/a", "content/articles/a.mdx", "zzz", "content/articles/c.md"] {
            XCTAssertNil(files[missing], missing)
        }
        XCTAssertNil(InputFiles()["a"])
        let unordered = InputFiles(unordered: [("b", entry(1)), ("a", entry(2)), ("b", entry(3))])
        XCTAssertEqual(unordered.map(\.path), ["a", "b"])
        XCTAssertEqual(unordered["b"]?.hash, 3)

        let site = try ScratchSite(name: "inputs")
        defer { site.remove() }
        site.write("content/site.yaml", "a: 1\n")
        site.write("content/articles/bài.md", "x\n")
        site.write("themes/default/page.mustache", "{{x}}\n")
        let scan = InputScan.scan(root: site.root, previous: nil)
        var w = CacheWriter()
        scan.encode(&w)
        var r = CacheReader(w.bytes)
        let back = try InputScan.decode(&r)
        XCTAssertEqual(back.files.map(\.path).filter { !$0.hasPrefix("themes/default/") || $0 == "themes/default/page.mustache" },
                       ["content/articles/bài.md", "content/site.yaml", "themes/default/page.mustache"])
        XCTAssertEqual(back.files.map(\.path), scan.files.map(\.path).sorted { $0.precedesInByteOrder($1) })
        XCTAssertEqual(back.files.map(\.entry.hash), scan.files.map(\.entry.hash))
        XCTAssertEqual(back.digest, scan.digest)
        XCTAssertEqual(back.digest(under: "themes/default"), scan.digest(under: "themes/default"))
        XCTAssertNotEqual(scan.digest(under: "themes/default"), scan.digest(under: "content"))
    }

    /// The build's records (`RecordedOutputs`) give back what was recorded, stamps included, and become
    /// the manifest's with the stamps given.
    func testRecordedOutputsKeepEveryField() {
        var records = RecordedOutputs()
        XCTAssertTrue(records.isEmpty)
        let stamp = FileStamp(device: 2, inode: 3, size: 4, mtimeNs: 5, ctimeNs: 6)
        records["a.html"] = .init(key: 1, contentHash: 2, stamp: nil, inputKey: 3)
        records["b.html"] = .init(key: 4, contentHash: 5, stamp: stamp, inputKey: 0)
        XCTAssertEqual(records["a.html"].map { [$0.key, $0.contentHash, $0.inputKey] }, [1, 2, 3])
        XCTAssertNil(records["a.html"]?.stamp)
        XCTAssertEqual(records["b.html"]?.stamp, stamp)
        XCTAssertNil(records["c.html"])
        records["a.html"] = .init(key: 7, contentHash: 8, stamp: stamp, inputKey: 9)
        XCTAssertEqual(records["a.html"]?.key, 7)
        XCTAssertEqual(records["a.html"]?.stamp, stamp)
        let later = FileStamp(device: 9, inode: 9, size: 9, mtimeNs: 9, ctimeNs: 9)
        var seen: [String: FileStamp?] = [:]
        let lock = NSLock()
        let manifest = records.table { path, record in
            lock.lock(); seen[path] = record.stamp; lock.unlock()
            return path == "a.html" ? later : nil
        }
        XCTAssertEqual(seen, ["a.html": stamp, "b.html": stamp], "each path's record as recorded")
        XCTAssertEqual(manifest.paths, ["a.html", "b.html"])
        XCTAssertEqual(manifest["a.html"]?.stamp, later)
        XCTAssertNil(manifest["b.html"]?.stamp)
        XCTAssertEqual(manifest["b.html"].map { [$0.key, $0.contentHash, $0.inputKey] }, [4, 5, 0])
    }

    /// Paths given ahead (`expect`, in any order) and others are recorded alike; removing a record and
    /// recording a path twice keep the count; `paths` lists each recorded path once, aligned with the
    /// manifest's stamps.
    func testRecordedOutputsOfPathsGivenAheadAndOthers() {
        var records = RecordedOutputs()
        let expected = (0..<300).map { "tin-tuc/bai-\($0)/index.html" }.shuffled()
        records.expect(expected)
        XCTAssertTrue(records.isEmpty)
        XCTAssertNil(records["tin-tuc/bai-7/index.html"], "given ahead, not recorded yet")
        for (n, path) in expected.enumerated() { records[path] = .init(key: UInt64(n), contentHash: 1, stamp: nil, inputKey: 2) }
        records["tin-tuc/bai-7/index.html.gz"] = .init(key: 900, contentHash: 1, stamp: nil, inputKey: 0)
        records["sitemap.xml"] = .init(key: 901, contentHash: 1, stamp: nil, inputKey: 0)
        records[expected[5]] = .init(key: 5, contentHash: 9, stamp: nil, inputKey: 2)
        XCTAssertEqual(records.count, 302)
        records[expected[6]] = nil
        records["sitemap.xml"] = nil
        XCTAssertEqual(records.count, 300)
        XCTAssertNil(records[expected[6]])
        XCTAssertNil(records["sitemap.xml"])
        XCTAssertEqual(records[expected[5]]?.contentHash, 9)
        XCTAssertEqual(records[expected[42]]?.key, 42)
        XCTAssertEqual(records["tin-tuc/bai-7/index.html.gz"]?.key, 900)
        let stamp = FileStamp(device: 1, inode: 2, size: 3, mtimeNs: 4, ctimeNs: 5)
        let manifest = records.table { path, _ in path.hasSuffix(".gz") ? stamp : nil }
        XCTAssertEqual(manifest.count, 300)
        XCTAssertEqual(manifest.paths, Set(expected).subtracting([expected[6]]).union(["tin-tuc/bai-7/index.html.gz"])
            .sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }, "each recorded path once, in byte order")
        XCTAssertEqual(manifest["tin-tuc/bai-7/index.html.gz"]?.stamp, stamp)
        XCTAssertNil(manifest[expected[42]]?.stamp)
        XCTAssertEqual(manifest[expected[42]]?.key, 42)
    }

    func testWatcherDebouncesBurstsAndSeesNewFolders() throws {
        let site = try ScratchSite(name: "watch")
        defer { site.remove() }
        site.write("content/site.yaml", "a: 1\n")
        let watcher = try DirectoryWatcher(root: site.root)
        XCTAssertNil(watcher.next(timeout: 0.2), "no change, no batch")

        // An editor's save: temporary file, write, rename over the original — and a swap file.
        for i in 0..<5 {
            site.write("content/.site.yaml.swp", "x\(i)")
            site.write("content/site.yaml.tmp~", "a: \(i)\n")
            rename(site.root + "/content/site.yaml.tmp~", site.root + "/content/site.yaml")
            Thread.sleep(forTimeInterval: 0.02)
        }
        let batch = watcher.next(quiet: 0.2, timeout: 5)
        XCTAssertEqual(batch, ["content/site.yaml"])
        XCTAssertNil(watcher.next(timeout: 0.3), "one burst, one batch")

        // A new folder and a file in it, and a file in a folder created right after.
        try FileManager.default.createDirectory(atPath: site.root + "/content/articles/2026/thang-1", withIntermediateDirectories: true)
        site.write("content/articles/2026/thang-1/moi.md", "x")
        let created = watcher.next(quiet: 0.2, timeout: 5) ?? []
        XCTAssertTrue(created.contains("content/articles/2026/thang-1/moi.md"), "\(created)")
        site.write("content/articles/2026/thang-1/sau.md", "y")
        XCTAssertEqual(watcher.next(quiet: 0.2, timeout: 5), ["content/articles/2026/thang-1/sau.md"])
        site.write("themes/default/templates/home.mustache", "{{site.title}}")
        XCTAssertEqual(watcher.next(quiet: 0.2, timeout: 5), ["themes/default/templates/home.mustache"])
    }
}

extension IncrementalUnitTests {
    /// Articles share their box until one is changed: a change never shows through another copy.
    func testArticleCopiesAreIndependent() {
        var doc = DocumentLoader.parse("---\ntitle: \"Bài A\"\ndate: 2024-01-02\n---\nA\n", file: "a.md", kind: .article, log: DiagnosticLog())!
        doc.author = "Tác giả"
        doc.bodyFirstLine = 5
        let markdown = RenderedMarkdown(html: "<p>A</p>", firstParagraph: "A", searchTerms: "a", headings: [],
                                        procedureLinks: ["1.001"], sourceHash: 9)
        let original = Article(source: doc, path: "a/", body: markdown, summary: "Tóm tắt", unitIDs: ["an-son"], category: nil,
                               tags: [], isExpired: false)
        var copy = original
        copy.body.searchTerms = ""
        copy.path = "b/"
        copy.tags.append(Term(slug: "t", name: "T"))
        copy.source.author = nil
        XCTAssertEqual(original.body.searchTerms, "a")
        XCTAssertEqual(original.path, "a/")
        XCTAssertTrue(original.tags.isEmpty)
        XCTAssertEqual(original.source.author, "Tác giả")
        XCTAssertEqual(copy.path, "b/")
        XCTAssertEqual(copy.body.searchTerms, "")
        XCTAssertEqual(copy.tags.map(\.slug), ["t"])
        XCTAssertNil(copy.source.author)
        XCTAssertEqual(copy.title, "Bài A")
        // What an article holds of its body: all but the first paragraph, read for the summary before.
        XCTAssertEqual(original.body, RenderedMarkdown(html: "<p>A</p>", firstParagraph: "", searchTerms: "a", headings: [],
                                                       procedureLinks: ["1.001"], sourceHash: 9))
        XCTAssertEqual(original.source.bodyFirstLine, 5)
        XCTAssertNil(original.source.updated)
        // Texts held in memory, the table of contents and the procedure links are in boxes of their own,
        // let go once empty (a large site spills the texts).
        func box(_ article: Article, _ label: String) -> Any? {
            let child = Mirror(reflecting: Mirror(reflecting: article).children.first!.value).children.first { $0.label == label }!.value
            return Mirror(reflecting: child).children.first?.value
        }
        var emptied = original
        emptied.bodyHTML = ""
        emptied.bodySearchTerms = ""
        XCTAssertNotNil(box(emptied, "held"), "the summary is still held")
        XCTAssertEqual(emptied.summary, "Tóm tắt")
        emptied.summary = ""
        XCTAssertNil(box(emptied, "held"))
        XCTAssertNotNil(box(emptied, "extracts"))
        emptied.body.procedureLinks = []
        XCTAssertNil(box(emptied, "extracts"))
        XCTAssertEqual(original.body.html, "<p>A</p>")
        XCTAssertEqual(original.summary, "Tóm tắt")
        XCTAssertEqual(original.body.procedureLinks, ["1.001"])
        var tagged = original
        tagged.category = Term(slug: "c", name: "Chuyên mục")
        XCTAssertEqual(tagged.category, Term(slug: "c", name: "Chuyên mục"), "terms compare by their strings")
        XCTAssertNil(original.category)
        doc.updated = ContentDate(parsing: "2024-03-04")
        let updated = Article(source: doc, path: "a/", body: markdown, summary: "", unitIDs: [], category: nil, tags: [], isExpired: true)
        XCTAssertEqual(updated.source.updated, doc.updated, "kept with the fields few articles have")
        XCTAssertTrue(updated.isExpired)
        // The path the slug gives is made when asked for, not held; another is held.
        var standard = Article(source: doc, path: "tin-tuc/bai-a/", body: markdown, summary: "", unitIDs: [], category: nil,
                               tags: [], isExpired: false)
        XCTAssertEqual(doc.slug.value, "bai-a")
        XCTAssertEqual(standard.path, "tin-tuc/bai-a/")
        XCTAssertNotNil(Mirror(reflecting: Mirror(reflecting: standard).children.first!.value).children
                        .first { $0.label == "pathOverride" }, "the field is there")
        XCTAssertNil(Mirror(reflecting: Mirror(reflecting: standard).children.first!.value).children
                        .first { $0.label == "pathOverride" }?.value as? SharedText)
        var moved = standard
        moved.path = "tin-tuc/khac/"
        XCTAssertEqual(moved.path, "tin-tuc/khac/")
        XCTAssertEqual(standard.path, "tin-tuc/bai-a/")
        standard.path = "tin-tuc/bai-a/"
        XCTAssertEqual(standard.path, "tin-tuc/bai-a/")
        if let bytes = original.boxBytes {
            XCTAssertLessThanOrEqual(bytes, 184, "every article is held from resolve to the end of a build")
        }
    }
}

extension IncrementalUnitTests {
    /// A job's rare fields (input key, `decided`) live in a box shared by copies: setting one on a copy
    /// leaves the other as it was.
    func testJobCopiesKeepTheirOwnInputKeys() {
        var job = RenderJob(path: "a.xml") { .bytes([1]) }
        XCTAssertNil(job.inputKey)
        XCTAssertNil(job.decided)
        job.inputKey = { 7 }
        var copy = job
        copy.inputKey = { 8 }
        let told = Countdown()
        told.add(1)
        copy.decided = { _ = told.countDown() }
        XCTAssertEqual(job.inputKey?(), 7)
        XCTAssertNil(job.decided)
        XCTAssertEqual(copy.inputKey?(), 8, "setting decided keeps the input key")
        copy.decided?()
        XCTAssertFalse(told.countDown(), "decided ran once before")
        XCTAssertLessThanOrEqual(MemoryLayout<RenderJob>.stride, 56, "a job per output file: 140,000 at 100,000 articles")
    }
}

extension IncrementalUnitTests {
    /// The parallel listing finds what the depth-first walk finds, links and other entries set apart.
    func testFolderListingEqualsTheWalk() throws {
        let site = try ScratchSite(name: "listing")
        defer { site.remove() }
        for n in 0..<40 { site.write("out/tin-tuc/bai-\(n)/index.html", "x") }
        site.write("out/index.html", "x")
        site.write("out/a/b/c/d.txt", "x")
        try FileManager.default.createDirectory(atPath: site.root + "/out/rong/trong", withIntermediateDirectories: true)
        symlink(site.root + "/out/index.html", site.root + "/out/a/lien-ket")
        var walked: [FolderWalk.Kind: [String]] = [:]
        FolderWalk.walk(site.root + "/out") { path, kind in walked[kind, default: []].append(path); return true }
        let listing = FolderWalk.list(site.root + "/out")
        XCTAssertEqual(listing.files.sorted(), walked[.file]!.sorted())
        XCTAssertEqual(listing.folders.sorted(), walked[.folder]!.sorted())
        XCTAssertEqual(listing.others, ["a/lien-ket"])
        XCTAssertEqual(listing.files.count, 42)
        XCTAssertFalse(listing.unreadable)
        XCTAssertNil(OutputTree.list(site.root + "/out"), "a link is not something a build writes")
        XCTAssertTrue(FolderWalk.list(site.root + "/khong-co").unreadable)
    }
}

extension IncrementalUnitTests {
    /// Inputs are the regular files under content/ and themes/, links to files included as the files they
    /// name; a link to a folder is not followed, as the loaders do not follow it.
    func testInputStampsFollowFileLinksOnly() throws {
        let site = try ScratchSite(name: "inputs")
        defer { site.remove() }
        site.write("content/site.yaml", "a: 1\n")
        site.write("content/articles/2024/a.md", "x")
        site.write("themes/default/templates/home.mustache", "x")
        site.write("ngoai/b.md", "y")
        symlink(site.root + "/ngoai/b.md", site.root + "/content/articles/b.md")
        symlink(site.root + "/ngoai", site.root + "/content/thu-muc-lien-ket")
        let paths = InputScan.stamps(root: site.root).map(\.0).sorted()
        XCTAssertEqual(paths.filter { $0.hasPrefix("content/") }, ["content/articles/2024/a.md", "content/articles/b.md", "content/site.yaml"])
        XCTAssertTrue(paths.contains("themes/default/templates/home.mustache"))
        XCTAssertFalse(paths.contains { $0.hasPrefix("ngoai/") })
        let scan = InputScan.scan(root: site.root, previous: nil)
        XCTAssertFalse(scan.changedSince(root: site.root), "the link to a folder is passed over, as the scan passes it")
        site.write("content/articles/2024/c.md", "z")
        XCTAssertTrue(scan.changedSince(root: site.root), "a file added")
        unlink(site.root + "/content/articles/2024/c.md")
        XCTAssertFalse(scan.changedSince(root: site.root))
        site.write("themes/default/templates/home.mustache", "đã sửa")
        XCTAssertTrue(scan.changedSince(root: site.root), "a file changed")
        let edited = InputScan.scan(root: site.root, previous: nil)
        XCTAssertFalse(edited.changedSince(root: site.root))
        unlink(site.root + "/content/site.yaml")
        XCTAssertTrue(edited.changedSince(root: site.root), "a file removed")
        // A folder the scan passes over (missing, or one it cannot read) is passed over here too.
        XCTAssertTrue(FileManager.default.fileExists(atPath: site.root + "/themes"))
        try FileManager.default.removeItem(atPath: site.root + "/themes")
        let themeless = InputScan.scan(root: site.root, previous: nil)
        XCTAssertFalse(themeless.changedSince(root: site.root), "a missing folder is passed over, as the scan passes it")
    }

    /// The sitemaps (XML and the "Bản đồ trang" page) are kept by input keys: kept when an edit changes
    /// neither a listed path nor a date or title they show, made again (as a clean build makes them)
    /// otherwise. The key audit renders every kept file and compares.
    func testSitemapsAreKeptOnlyWhileWhatTheyShowIsTheSame() throws {
        let (site, options) = try ScratchSite.withArticles(name: "sitemap-keys", 4)
        defer { site.remove() }
        let output = site.root + "/public"
        let sitemaps = ["sitemap.xml", "ban-do-trang/index.html"]
        func build(_ name: String, modifies expected: Set<String>) throws {
            BuildCache.keyAudit.start()
            let report = try SiteBuilder.build(options)
            let audit = BuildCache.keyAudit.stop()
            XCTAssertEqual(audit.mismatches, [], name)
            XCTAssertEqual(Set(report.changes.modified).intersection(sitemaps), expected, name)
            let clean = site.root + "/clean-" + name
            _ = try SiteBuilder.build(BuildOptions(root: site.root, output: clean, now: options.now))
            let (built, wanted) = (Tree(output), Tree(clean))
            XCTAssertTrue(built == wanted, "\(name): \(built.firstDifference(wanted))")
        }
        _ = try SiteBuilder.build(options)
        func article(_ front: String, body: String = "Nội dung 2.") {
            site.write("content/articles/b2.md", "---\ntitle: \"Bài 2\"\n\(front)\n---\n\(body)\n")
        }
        article("date: 2024-05-02", body: "Nội dung 2, sửa lại.")
        try build("body", modifies: [])
        article("date: 2024-05-02\nupdated: 2024-05-20")
        // The site's newest date, which every page's sharing tags show, moves too.
        try build("updated", modifies: Set(sitemaps))
        article("date: 2024-05-02T10:00:00+07:00\nupdated: 2024-05-20")
        try build("time", modifies: [])   // the lastmod shown is still the updated day
        article("date: 2024-05-02T10:00:00+07:00\nupdated: 2024-05-20T08:30:00+07:00")
        try build("updated time", modifies: Set(sitemaps))
        site.write("content/articles/b3.md", "---\ntitle: \"Bài ba\"\nslug: bai-3\ndate: 2024-05-03\n---\nNội dung 3.\n")
        try build("title", modifies: ["ban-do-trang/index.html"])
        site.write("content/articles/b3.md", "---\ntitle: \"Bài ba\"\nslug: bai-3\ndate: 2024-05-03\ntags: [\"Hộ tịch\"]\n---\nNội dung 3.\n")
        try build("tag", modifies: ["sitemap.xml"])
    }

    /// `loa watch` and `serve` return from a build once the site is swapped in; the cache is saved by
    /// `finish`, after the browser has been told to reload. Until then no manifest describes the output,
    /// and afterwards the next build is a no-op.
    func testResidentBuildsSaveTheCacheWhenFinished() throws {
        let (site, options) = try ScratchSite.withArticles(name: "deferred-finish", 3)
        defer { site.remove() }
        let watcher = try SiteWatcher(options: options)
        let manifests = { site.files(under: ".loa-cache").filter { $0.contains("/output-") } }
        let report = try watcher.buildUnfinished(fixedNow: true).get()
        XCTAssertGreaterThan(report.changes.added.count, 10)
        XCTAssertTrue(FileManager.default.fileExists(atPath: site.root + "/public/index.html"))
        XCTAssertEqual(manifests(), [])
        let finish = try XCTUnwrap(report.finish)
        finish()
        XCTAssertEqual(manifests().count, 1)
        XCTAssertTrue(try watcher.build(fixedNow: true).get().upToDate)
        site.write("content/articles/b2.md", "---\ntitle: \"Bài 2\"\ndate: 2024-05-02\n---\nNội dung mới.\n")
        let edit = try watcher.build(fixedNow: true).get()
        XCTAssertFalse(edit.upToDate)
        XCTAssertTrue(try watcher.build(fixedNow: true).get().upToDate)
    }
}

extension IncrementalUnitTests {
    private final class MakerProbe: @unchecked Sendable {
        weak var held: AnyObject?
        var sawReleased = false
        let made = DispatchSemaphore(value: 0)
    }

    /// The writer lets a job's maker go, with what only it holds, once its file is written: a page made
    /// later finds it gone, not at the end of the build.
    func testWriterLetsAJobsMakerGoOnceItsFileIsWritten() throws {
        let dir = TempDir("released-makers")
        let probe = MakerProbe()
        func first() -> RenderJob {
            let object = NSObject()
            probe.held = object
            var job = RenderJob(path: "a.txt") {
                withExtendedLifetime(object) {}
                probe.made.signal()
                return .bytes(Array("a".utf8))
            }
            job.group = .wholeSite
            return job
        }
        let second = RenderJob(path: "b.txt") {
            probe.made.wait()
            let deadline = Date().addingTimeInterval(10)
            while probe.held != nil && Date() < deadline { usleep(1000) }
            probe.sawReleased = probe.held == nil
            return .bytes(Array("b".utf8))
        }
        let jobs = [first(), second]
        let changes = try OutputWriter.write(consume jobs, to: dir.path + "/public", readyingSpare: false).changes
        XCTAssertEqual(changes.added, ["a.txt", "b.txt"])
        XCTAssertTrue(probe.sawReleased, "the first job's maker was let go before the second was made")
        XCTAssertEqual(try String(contentsOfFile: dir.path + "/public/b.txt", encoding: .utf8), "b")
    }
}
