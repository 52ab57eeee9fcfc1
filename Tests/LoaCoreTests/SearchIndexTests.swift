import XCTest
@testable import LoaCore

final class SearchIndexTests: XCTestCase {
    static let documents: [SearchDocument] = [
        SearchDocument(kind: .article, title: "Tuyên truyền cải cách hành chính năm 2024", url: "/tin-tuc/a/",
                       text: "Người dân có thể đăng ký khai sinh trực tuyến; thủ tục đơn giản hơn.", date: "01/05/2024"),
        SearchDocument(kind: .page, title: "Liên hệ", url: "/lien-he/", text: "Điện thoại của Ủy ban nhân dân huyện."),
        SearchDocument(kind: .procedure, title: "Đăng ký khai sinh", url: "/thu-tuc/1.001193/",
                       text: "Thủ tục hộ tịch cấp xã.", keywords: "1.001193 Hộ tịch"),
        SearchDocument(kind: .procedure, title: "Hòa giải tranh chấp đất đai", url: "/thu-tuc/1.012812/",
                       text: "Lĩnh vực Đất đai.", keywords: "1.012812"),
        SearchDocument(kind: .hotline, title: "UBND xã Hoàng Việt", url: "/duong-day-nong/#hoang-viet",
                       text: "Tiếp nhận phản ánh về thủ tục hành chính", summary: "0205 3 830 123"),
    ]

    func query(_ output: SearchIndex.Output) -> SearchQuery {
        let files = Dictionary(uniqueKeysWithValues: output.files.map { ($0.path, $0.bytes) })
        return SearchQuery { files[SearchIndex.folder + $0] }
    }

    func titles(_ answer: SearchQuery.Answer) -> [String] { answer.results.map(\.title) }

    /// The byte-range set must give what a plain dedupe of the runs gives, past its first growth too.
    func testTermsEqualANaiveDedupeOnLongText() {
        var rng = SeededRandom(seed: 7)
        let syllables = ["thủ", "tục", "hành", "chính", "Đăng", "ký", "khai", "sinh", "xã", "phường", "1.001", "a", "bb"]
        let text = (0..<3000).map { _ in syllables.randomElement(using: &rng)! + String(Int.random(in: 0..<400, using: &rng)) }
            .joined(separator: Bool.random(using: &rng) ? " " : ", ")
        var seen = Set<String>()
        var naive: [String] = []
        for run in VietnameseText.fold(text).split(whereSeparator: { !(("a"..."z").contains($0) || ("0"..."9").contains($0)) })
        where run.count >= 2 && run.count <= 40 && seen.insert(String(run)).inserted {
            naive.append(String(run))
        }
        XCTAssertGreaterThan(naive.count, 1000)
        XCTAssertEqual(SearchIndex.terms(text), naive)
        XCTAssertEqual(SearchIndex.termText(of: [text]), naive.joined(separator: " "))
        let pieces = text.split(separator: ",").map(String.init)
        XCTAssertEqual(SearchIndex.termText(of: pieces), SearchIndex.terms(pieces.joined(separator: " ")).joined(separator: " "))
    }

    /// Bodies keep their text only as search terms (`RenderedMarkdown.searchTerms`): an index built from
    /// them must be the index built from the text, byte for byte.
    func testIndexFromCachedTermsEqualsIndexFromText() {
        var rng = SeededRandom(seed: 11)
        let words = ["Thủ", "tục", "ĐĂNG", "ký", "khai-sinh", "xã", "Phường", "1.001193", "a", "đất", "đai", "(2024)", "x"]
        func text() -> String { (0..<200).map { _ in words.randomElement(using: &rng)! }.joined(separator: " ") }
        var documents = Self.documents
        for i in documents.indices { documents[i].text += " " + text() }
        let cached = documents.map { doc -> SearchDocument in
            var copy = doc
            copy.text = SearchIndex.terms(doc.text).joined(separator: " ")
            return copy
        }
        let a = SearchIndex.build(documents, basePath: "/"), b = SearchIndex.build(cached, basePath: "/")
        XCTAssertEqual(a.files.map(\.path), b.files.map(\.path))
        XCTAssertEqual(a.files.map(\.bytes), b.files.map(\.bytes))
        XCTAssertEqual(VietnameseText.fold("Ab-Z 09 đ"), "ab-z 09 d")
        XCTAssertEqual(VietnameseText.fold("AB-z_09"), "ab-z_09")
    }

    /// The postings built from byte ranges (`DocumentTerms`, `TermPostings`) must be those of the plain
    /// definition: title terms from the title and keywords, text terms from the text and summary that are
    /// not title terms, ids in order — over several batches and past the tables' growth.
    func testPostingsEqualThePlainDefinition() {
        var rng = SeededRandom(seed: 23)
        let words = ["Thủ", "tục", "ĐĂNG", "ký", "khai-sinh", "xã", "Phường", "1.001193", "a", "đất", "đai", "Đắk", "x"]
        func text(_ n: Int) -> String {
            (0..<n).map { _ in words.randomElement(using: &rng)! + (Bool.random(using: &rng) ? String(Int.random(in: 0..<3000, using: &rng)) : "") }
                .joined(separator: " ")
        }
        let documents = (0..<2500).map { n in
            SearchDocument(kind: .article, title: text(5), url: "/\(n)/", text: text(40), keywords: n % 3 == 0 ? text(2) : "",
                           summary: n % 2 == 0 ? text(6) : "")
        }
        var titles: [String: [Int]] = [:], texts: [String: [Int]] = [:]
        for (id, doc) in documents.enumerated() {
            let title = SearchIndex.terms(of: [doc.title, doc.keywords])
            for term in title { titles[term, default: []].append(id) }
            for term in SearchIndex.terms(of: [doc.text, doc.summary]) where !title.contains(term) { texts[term, default: []].append(id) }
        }
        var expected: [String: String] = [:]
        for term in Set(titles.keys).union(texts.keys) {
            expected[term] = "[" + SearchIndex.deltas(titles[term] ?? []) + "," + SearchIndex.deltas(texts[term] ?? []) + "]"
        }
        XCTAssertGreaterThan(expected.count, 5000)
        XCTAssertEqual(SearchIndex.postings(documents), expected)
        // Shards are sized from the lengths counted on the tables: each must be its text's.
        let tables = SearchIndex.postingsTables(documents)
        // The common words' ids are kept as bits, the others' as lists: both give the postings expected.
        XCTAssertGreaterThan(tables.reduce(0) { $0 + $1.denseCount }, 0)
        XCTAssertGreaterThan(tables.reduce(0) { $0 + $1.count - $1.denseCount }, 5000)
        for table in tables {
            for index in 0..<table.count where table.encodedLength(at: index) != table.encoded(at: index).utf8.count {
                XCTFail("\(table.term(at: index)): \(table.encodedLength(at: index)) for \(table.encoded(at: index))")
            }
        }
        let placed = SearchIndex.placedTerms(tables)
        XCTAssertEqual(placed.map(\.term), expected.keys.sorted { $0.precedesInByteOrder($1) })
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: placed.map { ($0.term, SearchIndex.encodedPostings($0, in: tables)) }), expected)
    }

    /// A shard over the budget is split one character further; the term equal to its key stays in a shard
    /// of its own key, and each shard's size is the one counted.
    func testShardsSplitByTheNextCharacter() {
        let postings = "[[1],[]]"
        let terms = (["ab"] + (0..<3000).map { "ab" + String($0, radix: 36) }).sorted { $0.precedesInByteOrder($1) }
            .map { ShardTerm(term: $0, postingsLength: Int32(postings.utf8.count), reference: 0) }
        var shards: [(key: String, range: Range<Int>)] = []
        SearchIndex.place(terms[...], key: "a", into: &shards)
        XCTAssertGreaterThan(shards.count, 2)
        XCTAssertEqual(shards.first?.key, "ab")
        XCTAssertEqual(shards.first.map { terms[$0.range].map(\.term) }, ["ab"])
        XCTAssertEqual(shards.flatMap { terms[$0.range].map(\.term) }, terms.map(\.term), "every term once, in order")
        for shard in shards {
            let json = SearchIndex.shardJSON(terms[shard.range]) { _ in postings }
            XCTAssertEqual(json.utf8.count, SearchIndex.shardLength(terms[shard.range]))
            XCTAssertTrue(terms[shard.range].allSatisfy { $0.term.hasPrefix(shard.key) })
            XCTAssertTrue(shard.range.count == 1 || json.utf8.count <= SearchIndex.shardBudget, shard.key)
        }
    }

    /// The scalar path of `cut` must give what cutting by characters gives, and leave to it what it cannot
    /// cut alone (combining marks, CR LF, emoji sequences).
    func testCutOnScalarsEqualsCutByCharacters() {
        var rng = SeededRandom(seed: 31)
        let pieces = ["Thủ", "tục", "đăng", "ký", " ", " ", "  ", "\t", "\u{A0}", "Nghi\u{0323}", "\r\n", "\n", "👩‍👩‍👧", "🇻🇳",
                      "e\u{0301}", "x", "Ấp", "1.001193", ",", "…", "ĐẮK", "\u{00AD}", "ʰ"]
        var simple = 0
        for _ in 0..<4000 {
            let text = (0..<Int.random(in: 0..<60, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            let length = Int.random(in: 1..<40, using: &rng)
            if text.utf8.count > length, SearchIndex.cutSimple(text, length) != nil { simple += 1 }
            XCTAssertEqual(SearchIndex.cut(text, length), text.utf8.count > length ? SearchIndex.cutByCharacters(text, length) : text,
                           "\(text.unicodeScalars.map { String($0.value, radix: 16) }) \(length)")
        }
        XCTAssertGreaterThan(simple, 300)
    }

    func testDeltasAreDecimalDifferences() {
        XCTAssertEqual(SearchIndex.deltas([Int]()), "[]")
        XCTAssertEqual(SearchIndex.deltas([0, 3, 10, 10, 1234567]), "[0,3,7,0,1234557]")
        var rng = SeededRandom(seed: 5)
        var ids: [Int] = [], next = 0
        for _ in 0..<500 { next += Int.random(in: 0..<5000, using: &rng); ids.append(next) }
        let expected = "[" + zip(ids, [0] + ids).map { String($0 - $1) }.joined(separator: ",") + "]"
        XCTAssertEqual(SearchIndex.deltas(ids), expected)
        XCTAssertEqual(SearchIndex.terms(of: ["thu tuc", "Thủ tục Đăng-ký"]), SearchIndex.terms("thu tuc Thủ tục Đăng-ký"))
    }

    func testTermsFoldCaseDiacriticsAndD() {
        XCTAssertEqual(SearchIndex.terms("THỦ TỤC Đăng ký, đăng KÝ!"), ["thu", "tuc", "dang", "ky"])
        XCTAssertEqual(SearchIndex.terms("Mã 1.001193 – Đắk Lắk"), ["ma", "001193", "dak", "lak"])
        // Composed and decomposed input give the same terms.
        XCTAssertEqual(SearchIndex.terms("Nghi\u{0323} đi\u{0323}nh"), SearchIndex.terms("Nghị định"))
    }

    func testQueriesFindTheSameWithOrWithoutMarks() {
        let q = query(SearchIndex.build(Self.documents, basePath: "/"))
        let plain = q.run("thu tuc khai sinh")
        XCTAssertFalse(plain.results.isEmpty)
        XCTAssertEqual(plain.results, q.run("THỦ TỤC khai sinh").results)
        XCTAssertEqual(q.run("đăng ký").results, q.run("dang ky").results)
        XCTAssertEqual(titles(q.run("dat dai")), ["Hòa giải tranh chấp đất đai"])
        XCTAssertEqual(titles(q.run("ĐẤT ĐAI")), ["Hòa giải tranh chấp đất đai"])
    }

    func testTitleAndProcedureNameMatchesRankFirst() {
        let q = query(SearchIndex.build(Self.documents, basePath: "/"))
        let answer = q.run("dang ky khai sinh")
        XCTAssertEqual(titles(answer), ["Đăng ký khai sinh", "Tuyên truyền cải cách hành chính năm 2024"])
        XCTAssertEqual(answer.results.map(\.kind), ["Thủ tục", "Bài viết"])
        XCTAssertEqual(answer.results[0].url, "thu-tuc/1.001193/")
        // Keywords rank like the title: the code finds the procedure.
        XCTAssertEqual(titles(q.run("1.001193")), ["Đăng ký khai sinh"])
        // A body match of a later document does not beat a title match.
        XCTAssertEqual(titles(q.run("hanh chinh")).first, "Tuyên truyền cải cách hành chính năm 2024")
    }

    func testPartialMatchesAndUnfinishedLastWord() {
        let q = query(SearchIndex.build(Self.documents, basePath: "/"))
        let partial = q.run("khai sinh xyzzy")
        XCTAssertTrue(partial.partial)
        XCTAssertEqual(partial.results.first?.title, "Đăng ký khai sinh")
        XCTAssertEqual(titles(q.run("khai sin")), titles(q.run("khai sinh")))
        XCTAssertTrue(q.run("khai sin ").results.isEmpty == false)  // "sin " is finished: partial results only
        XCTAssertTrue(q.run("xyzzy").results.isEmpty)
    }

    func testOutputIsDeterministicAndSharded() {
        // Enough distinct terms to split the first-letter shards.
        var docs = Self.documents
        for n in 0..<3000 {
            docs.append(SearchDocument(kind: .article, title: "Bài \(n) thông tin số \(n * 7919 % 100_000)",
                                       url: "/tin-tuc/\(n)/", text: "từ\(n)khóa thủ tục tra\(n % 97)cứu"))
        }
        let first = SearchIndex.build(docs, basePath: "/")
        let second = SearchIndex.build(docs, basePath: "/")
        XCTAssertEqual(first.files.map(\.path), second.files.map(\.path))
        XCTAssertEqual(first.files.map(\.bytes), second.files.map(\.bytes))
        XCTAssertEqual(first.version, second.version)

        let meta = try! JSONSerialization.jsonObject(with: Data(first.files.first { $0.path.hasSuffix("meta.json") }!.bytes)) as! [String: Any]
        let keys = meta["shards"] as! [String]
        XCTAssertTrue(keys.contains { $0.count > 1 }, "large shards are split")
        XCTAssertEqual(keys, keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        for file in first.files where file.path.contains("/s-") {
            XCTAssertLessThanOrEqual(file.bytes.count, SearchIndex.shardBudget + 4096, file.path)
        }
        let q = query(first)
        XCTAssertEqual(q.run("tra42cuu").results.count, 31)
        XCTAssertEqual(titles(q.run("tu2999khoa")), ["Bài 2999 thông tin số \(2999 * 7919 % 100_000)"])
        // A change of content changes the version the script adds to its requests.
        docs[0].title += " mới"
        XCTAssertNotEqual(SearchIndex.build(docs, basePath: "/").version, first.version)
    }

    func testURLsAreStoredRelativeToTheBasePath() {
        let output = SearchIndex.build([SearchDocument(kind: .page, title: "Giới thiệu", url: "/cchc/gioi-thieu/", text: "")],
                                       basePath: "/cchc/")
        let chunk = String(decoding: output.files.first { $0.path.hasSuffix("d-0.json") }!.bytes, as: UTF8.self)
        XCTAssertEqual(chunk, #"[["Trang","Giới thiệu","gioi-thieu/","",""]]"#)
    }

    func testTheSiteIndexesArticlesAndPages() throws {
        let site = try TestSite(files: [
            "content/articles/dat-dai.md": TestSite.article(title: "Hướng dẫn hòa giải tranh chấp đất đai", date: "2024-05-01", body: "Nội dung."),
            "content/pages/lien-he.md": TestSite.article(title: "Liên hệ", date: "2024-05-01", body: "Số điện thoại đường dây nóng."),
        ])
        defer { site.remove() }
        let built = try site.render()
        XCTAssertNotNil(built.files["tim-kiem/index.html"])
        let q = SearchQuery { built.files[SearchIndex.folder + $0] }
        XCTAssertEqual(q.run("dat dai").results.map(\.kind), ["Bài viết"])
        XCTAssertEqual(q.run("đường dây nóng").results.map(\.title), ["Liên hệ"])
        let page = built.files.text("tim-kiem/index.html")!
        XCTAssertTrue(page.contains(#"<label for="q">"#))
        XCTAssertTrue(page.contains(#"action="/tim-kiem/" method="get""#))
        XCTAssertTrue(page.contains("search.js"))
    }

    func testAbolishedProceduresRankAfterThoseInForce() throws {
        let csv = "Mã thủ tục,Tên thủ tục,Lĩnh vực,Cấp thực hiện,Trạng thái\n"
            + "1.000001,Cấp lại đăng ký hộ kinh doanh,Kinh doanh,xã,đã bãi bỏ\n"
            + "1.000002,Thay đổi đăng ký hộ kinh doanh,Kinh doanh,xã,còn hiệu lực\n"
        let site = try TestSite(files: ["content/procedures/a.csv": csv])
        defer { site.remove() }
        let built = try site.render()
        let q = SearchQuery { built.files[SearchIndex.folder + $0] }
        XCTAssertEqual(q.run("dang ky ho kinh doanh").results.map(\.title),
                       ["Thay đổi đăng ký hộ kinh doanh", "Cấp lại đăng ký hộ kinh doanh"])
    }

    func testSearchScriptIsSmall() throws {
        let size = try FileManager.default.attributesOfItem(atPath: TestSite.repositoryRoot + "/themes/default/assets/search.js")[.size] as! Int
        XCTAssertLessThan(size, 10 * 1024)
    }

    /// `cut` walks at most `length` characters; it must cut where counting every character did.
    func testCutAgreesWithCountingCharacters() {
        func reference(_ text: String, _ length: Int) -> String {
            guard text.count > length else { return text }
            let prefix = text.prefix(length)
            let end = prefix.lastIndex(of: " ") ?? prefix.endIndex
            return prefix[..<end].trimmingCharacters(in: .whitespaces) + "…"
        }
        let decomposed = "Thủ tục đăng ký khai sinh".decomposedStringWithCanonicalMapping
        let texts = ["", "ab", "Thủ tục đăng ký khai sinh", decomposed, "Hồ sơ  gồm: tờ khai", String(repeating: "ạ", count: 12),
                     "abcdefghij", "abcdefghijk", "xin chào 👨‍👩‍👧 bà con"]
        for text in texts {
            for length in [0, 1, 5, 9, 10, 11, 24, 40] {
                XCTAssertEqual(SearchIndex.cut(text, length), reference(text, length), "\(text) / \(length)")
            }
        }
    }
}

extension SearchIndexTests {
    /// Folding through the table gives what folding by scalars gives, on Vietnamese text and on text the
    /// table must leave to the full path (combining marks, emoji, other scripts).
    func testFoldThroughTableEqualsFoldByScalars() {
        var rng = SeededRandom(seed: 41)
        let pieces = ["Thủ", "TỤC", "Đăng", "ký", "Nghị", "định", "ĐẮK", "lắk", "Ưu", "ơn", " ", ", ", "“", "”", "–", "—", "…",
                      "\u{A0}", "«", "»", "°C", "½", "Æ", "ß", "ǅ", "ſ", "Ⅳ", "İ", "ı", "e\u{0301}", "😀", "中文", "Ω", "\u{200B}",
                      "\u{2028}", "1.001193", "ĐƯỜNG", "Ỹ", "ỹ", "ǰ", "ẞ", "\u{1E9E}", "ﬁ", "ŉ"]
        var tabled = 0
        for _ in 0..<5000 {
            let text = (0..<Int.random(in: 1..<12, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            if VietnameseText.foldThroughTable(text) != nil { tabled += 1 }
            XCTAssertEqual(VietnameseText.fold(text), VietnameseText.foldByScalars(text), text.debugDescription)
        }
        XCTAssertGreaterThan(tabled, 500)
        XCTAssertEqual(VietnameseText.fold("Đường Hồ Chí Minh – “Ủy ban”"), "duong ho chi minh – “uy ban”")
        XCTAssertNil(VietnameseText.foldThroughTable("e\u{0301}"), "a combining mark is left to the full path")
    }

    /// An edit to a field the index does not hold keeps the index without building it (a file lost from
    /// the output is made again from it); a word added to the body (after the summary) builds it again.
    /// Each output equals a clean build's.
    func testIndexIsReusedOnlyWhenItsDocumentsAreTheSame() throws {
        let (site, options) = try ScratchSite.withArticles(name: "search-reuse", 4)
        defer { site.remove() }
        let output = site.root + "/public"
        func matchesCleanBuild(_ name: String) throws {
            let clean = site.root + "/clean-" + name
            _ = try SiteBuilder.build(BuildOptions(root: site.root, output: clean, now: options.now))
            let (built, expected) = (Tree(output), Tree(clean))
            XCTAssertTrue(built == expected, built.firstDifference(expected))
        }
        XCTAssertEqual(try SiteBuilder.build(options).statistics?.searchIndexReused, false)
        let shards = OutputWriter.listFiles(output).filter { $0.hasPrefix(SearchIndex.folder + "s-") }
        XCTAssertGreaterThan(shards.count, 1)
        let lost = shards[shards.count / 2]

        site.write("content/articles/b2.md", "---\ntitle: \"Bài 2\"\ndate: 2024-05-02\nauthor: \"Phòng Văn hóa\"\n---\nNội dung 2.\n")
        unlink(output + "/" + lost)
        let kept = try SiteBuilder.build(options)
        XCTAssertEqual(kept.statistics?.searchIndexReused, true)
        XCTAssertEqual(kept.changes.added, [lost])
        XCTAssertTrue(kept.changes.modified.contains { $0.hasPrefix("bai-2") || $0.contains("/bai-2") }, "\(kept.changes.modified)")
        XCTAssertFalse(kept.changes.modified.contains { $0.hasPrefix(SearchIndex.folder) })
        try matchesCleanBuild("author")

        site.write("content/articles/b2.md", "---\ntitle: \"Bài 2\"\ndate: 2024-05-02\nauthor: \"Phòng Văn hóa\"\n---\nNội dung 2.\n\nThêm khaisinh.\n")
        let rebuilt = try SiteBuilder.build(options)
        XCTAssertEqual(rebuilt.statistics?.searchIndexReused, false)
        XCTAssertTrue(rebuilt.changes.modified.contains { $0.hasPrefix(SearchIndex.folder) }, "\(rebuilt.changes.modified)")
        try matchesCleanBuild("word")
    }
}
