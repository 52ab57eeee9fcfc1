import XCTest
@testable import LoaCore

/// The search index built from documents made a batch at a time (`SearchDocumentSource`), as a clean build
/// makes them: the same documents, files and input key as from documents made all at once.
final class SearchDocumentSourceTests: XCTestCase {
    /// Documents `0..<count`, each with a title word of its own (`tu<n>`).
    static func documents(_ count: Int, kind: SearchDocument.Kind = .article) -> [SearchDocument] {
        (0..<count).map { n in
            SearchDocument(kind: kind, title: "Bài tu\(n) về thủ tục", url: "/bai-\(n)/", text: "khai sinh số \(n)",
                           summary: n % 2 == 0 ? "Tóm tắt \(n)" : "", date: "0\(n % 9 + 1)/05/2024")
        }
    }

    /// Ranges across parts, empty parts and part boundaries give the parts' documents in order.
    func testRangesAcrossPartsAreThePartsInOrder() {
        let procedures = Self.documents(3, kind: .procedure), articles = Self.documents(40)
        var asked: [Range<Int>] = []
        let source = SearchDocumentSource([
            .held(procedures), .held([]),
            .init(count: articles.count) { range in asked.append(range); return Array(articles[range]) },
        ])
        XCTAssertEqual(source.count, 43)
        XCTAssertEqual(source.all(), procedures + articles)
        XCTAssertEqual(source.documents(2..<5), [procedures[2], articles[0], articles[1]])
        XCTAssertEqual(source.documents(0..<3), procedures)
        XCTAssertEqual(source.documents(10..<10), [])
        XCTAssertEqual(asked.last, 0..<2, "only the range asked for is made")
    }

    /// Over several batches, document ids and `d-` files continue across them: the document of each
    /// title word is found, and its row is in the file its id names; the streamed input key is the
    /// array's. Parts split the documents off the batches' boundaries.
    func testAnIndexBuiltABatchAtATimeFindsEveryDocument() throws {
        let count = SearchIndex.batchSize * 2 + 300
        let all = Self.documents(count)
        var made = 0
        let cut = SearchIndex.batchSize - 7
        let source = SearchDocumentSource([
            .held(Array(all[..<cut])),
            .init(count: count - cut) { range in made += range.count; return Array(all[cut...][(cut + range.lowerBound)..<(cut + range.upperBound)]) },
        ])
        var key = SearchIndex.InputKey(documents: source.count, basePath: "/")
        var batches: [Int] = []
        let built = SearchIndex.build(source, basePath: "/", store: { $0 }) { batch in
            batches.append(batch.count)
            key.add(batch)
        }
        XCTAssertEqual(batches, [SearchIndex.batchSize, SearchIndex.batchSize, 300])
        XCTAssertEqual(made, count - cut, "each document made once")
        XCTAssertEqual(key.value, SearchIndex.inputKey(all, basePath: "/"))
        XCTAssertNotEqual(key.value, SearchIndex.inputKey(Array(all.dropLast()), basePath: "/"))

        let files = Dictionary(uniqueKeysWithValues: built.files.map { ($0.path, $0.stored) })
        XCTAssertEqual(files.keys.filter { $0.hasPrefix(SearchIndex.folder + "d-") }.count,
                       (count + SearchIndex.chunkSize - 1) / SearchIndex.chunkSize)
        let query = SearchQuery { files[SearchIndex.folder + $0] }
        for n in [0, cut - 1, cut, SearchIndex.batchSize - 1, SearchIndex.batchSize, SearchIndex.batchSize * 2 + 17, count - 1] {
            XCTAssertEqual(query.run("tu\(n) ").results.map(\.title), ["Bài tu\(n) về thủ tục"], "document \(n)")
            let rows = try XCTUnwrap(files[SearchIndex.folder + "d-\(n / SearchIndex.chunkSize).json"])
            XCTAssertTrue(String(decoding: rows, as: UTF8.self).contains("\"Bài tu\(n) về thủ tục\""), "document \(n)'s row")
        }
        // The same files as the documents given all at once.
        let held = SearchIndex.build(all, basePath: "/")
        XCTAssertEqual(held.files.map(\.path), built.files.map(\.path))
        XCTAssertEqual(held.files.map(\.bytes), built.files.map(\.stored))
        XCTAssertEqual(held.version, built.version)
    }

    /// A first build's index, made from documents a batch at a time, records the key of the documents an
    /// incremental build makes all at once (else the next build would not reuse it), and has their files.
    func testAFirstBuildRecordsTheKeyOfItsDocuments() throws {
        var files: [String: String] = [:]
        for n in 1...6 {
            files["content/articles/a\(n).md"] = TestSite.article(
                title: "Bài số \(n) về thủ tục khai sinh", date: "2024-05-0\(n)",
                extra: "tags: [\"Khai sinh\", \"Hộ tịch\"]", body: "Nội dung số \(n): đăng ký khai sinh.")
        }
        files["content/pages/gioi-thieu.md"] = "---\ntitle: \"Giới thiệu\"\ndate: 2024-01-01\n---\nTrang giới thiệu.\n"
        let site = try TestSite(files)
        defer { site.remove() }
        let log = DiagnosticLog(), sources = SourceFiles(root: site.root)
        let content = try XCTUnwrap(ContentLoader.load(sources, log: log))
        let resolved = SiteResolver.resolve(content, options: ResolveOptions(includeDrafts: false, now: TestSite.fixedNow), log: log)
        let theme = try XCTUnwrap(Theme.load(name: "default", sources: sources, log: log))
        let input = RenderInput(site: resolved, theme: theme, context: PageContext(site: resolved), sources: sources)
        let documents = SearchSources.documents(input)
        XCTAssertEqual(documents.map(\.kind), [.page] + Array(repeating: .article, count: 6))
        XCTAssertTrue(documents.contains { $0.keywords == "Khai sinh Hộ tịch" })

        let (made, record, reused) = SearchPage.files(input, previous: nil, log: log)
        XCTAssertFalse(reused)
        XCTAssertEqual(record.inputKey, SearchIndex.inputKey(documents, basePath: resolved.config.basePath))
        let index = SearchPage.index(input)
        XCTAssertEqual(made.paths, index.files.map(\.path))
        XCTAssertEqual(made.paths.indices.map { made.bytes($0) }, index.files.map(\.bytes))
        XCTAssertTrue(log.all.isEmpty, "\(log.all)")
    }
}
