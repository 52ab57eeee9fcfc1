import XCTest
@testable import LoaCore

/// What a large build holds from stage to stage, kept compact: the cache entries' index (`WordTable`),
/// the spill files' buffer (`SpillFile`) and the record of where pages show bodies (`BodyEmbedRecorder`).
final class CompactStoresTests: XCTestCase {
    /// Every key finds its value past the table's growth, a value replaced stays replaced, and the keys
    /// are each listed once; keys that differ only in their high bits (not the hashes the table expects)
    /// are found too.
    func testWordTableFindsEveryKeyPastItsGrowth() {
        var table = WordTable()
        XCTAssertNil(table[42])
        var expected: [UInt64: UInt64] = [:]
        var rng = SeededRandom(seed: 5)
        for n in 0..<20_000 {
            let key = n % 2 == 0 ? UInt64.random(in: 0...UInt64.max, using: &rng) : UInt64(n) << 40
            let value = UInt64(n + 1)
            table[key] = value
            expected[key] = value
        }
        for (key, value) in expected.prefix(500) {
            table[key] = value + 1_000_000
            expected[key] = value + 1_000_000
        }
        XCTAssertEqual(table.count, expected.count)
        XCTAssertEqual(Set(table.keys), Set(expected.keys))
        XCTAssertEqual(table.keys.count, expected.count)
        for (key, value) in expected where table[key] != value { XCTFail("\(key): \(String(describing: table[key])) for \(value)") }
        XCTAssertNil(table[7], "a key never set")
    }

    /// Appends of every size, small ones buffered and large ones written at once, read back where they
    /// were put, before and after the buffer is let go.
    func testSpillFileReadsBackSmallAndLargeAppendsInPlace() throws {
        let temporary = try TemporaryFolder("spill-file"), folder = temporary.path
        defer { temporary.remove() }
        let file = try XCTUnwrap(SpillFile(folder: folder, reserving: 10))
        var rng = SeededRandom(seed: 9)
        var written: [(offset: Int, bytes: [UInt8])] = []
        for n in 0..<60 {
            // Sizes around the buffer's: 100 bytes, 300 KB, 600 KB (written at once), 1.2 MB.
            let size = [100, 300 << 10, 600 << 10, 1_200 << 10][n % 4]
            var bytes = [UInt8](repeating: UInt8(n), count: size)
            for _ in 0..<16 { bytes[Int.random(in: 0..<size, using: &rng)] = UInt8.random(in: 0...255, using: &rng) }
            written.append((try XCTUnwrap(file.append(bytes)), bytes))
            if n == 30 { file.finishWriting() }
        }
        XCTAssertEqual(written.first?.offset, 10, "after the owner's room")
        for (previous, next) in zip(written, written.dropFirst()) {
            XCTAssertEqual(next.offset, previous.offset + previous.bytes.count, "appended one after another")
        }
        for (offset, bytes) in written.reversed() { XCTAssertEqual(file.read(at: offset, count: bytes.count), bytes) }
        XCTAssertEqual(file.end, 10 + written.reduce(0) { $0 + $1.bytes.count })
    }

    /// Texts packed side by side read back as written: across blocks, empty, and longer than a block.
    func testPackedTextsReadBackAsWritten() {
        let texts = (0..<20_000).map { "Thông báo số \($0) về cải cách thủ tục hành chính – đợt \($0 % 7)" }
        XCTAssertGreaterThan(texts.reduce(0) { $0 + $1.utf8.count }, TextBlock.size, "the texts fill more than one block")
        var packed = texts.map(PackedText.init)
        let long = String(repeating: "đường dây nóng ", count: TextBlock.size / 10)
        packed += [PackedText(""), PackedText(long), PackedText("sau")]
        XCTAssertEqual(packed.map(\.string), texts + ["", long, "sau"])
    }

    /// Records across the recorder's chunks come back by file in byte order, a file recorded twice with
    /// its last record, and only the files asked for.
    func testBodyEmbedRecordsAcrossChunksComeBackByFile() {
        let recorder = BodyEmbedRecorder()
        let files = (0..<5_000).map { "tin-tuc/bai-\($0)/index.html" }
        func shown(_ n: Int, _ k: Int) -> BodyEmbedRecorder.Shown {
            .init(file: "content/articles/a\(n)-\(k).md", text: "<p>Bài \(n)</p>", form: .html, pageURL: "https://x.vn/\(n)/")
        }
        for (n, path) in files.enumerated() {
            let bytes = Array("<main><p>Bài \(n)</p></main>".utf8)
            recorder.record(path, contents: .bytes(bytes), bodies: n % 3 == 0 ? [shown(n, 0), shown(n, 1)] : [shown(n, 0)])
        }
        recorder.record(files[7], contents: .bytes(Array("xx<p>Bài 7</p>".utf8)), bodies: [shown(7, 9)])
        let list = recorder.take { $0 != files[11] }
        XCTAssertTrue(zip(list, list.dropFirst()).allSatisfy { $0.output.byteOrder(to: $1.output) <= 0 }, "in byte order of files")
        let taken = Dictionary(grouping: list, by: \.output)
        XCTAssertEqual(taken.count, 4_999)
        XCTAssertNil(taken[files[11]], "a file not kept")
        XCTAssertGreaterThan(list.count, BodyEmbedRecorder.chunkSize, "the records fill more than one chunk")
        XCTAssertEqual(taken[files[4_999]]?.map(\.file), ["content/articles/a4999-0.md"])
        XCTAssertEqual(taken[files[4_998]]?.map(\.file), ["content/articles/a4998-0.md", "content/articles/a4998-1.md"])
        XCTAssertEqual(taken[files[4_998]]?.map(\.offset), [6, 6])
        XCTAssertEqual(taken[files[7]]?.map(\.file), ["content/articles/a7-9.md"], "the last record of a file made twice")
        XCTAssertEqual(taken[files[7]]?.first?.offset, 2)
        XCTAssertTrue(recorder.take().isEmpty, "taken once")
    }

    /// Every path finds its position (the last one for a path listed twice), others none, whatever the
    /// list's order.
    func testPathIndexFindsEveryPosition() {
        var list = (0..<2_000).map { "tin-tuc/bai-\($0)/" }.shuffled()
        list += ["tin-tuc/bai-5/", "đơn-vị/", ""]
        let index = PathIndex(list)
        for n in [0, 7, 1_999] { XCTAssertEqual(index["tin-tuc/bai-\(n)/"], list.lastIndex(of: "tin-tuc/bai-\(n)/")) }
        XCTAssertEqual(index["tin-tuc/bai-5/"], 2_000, "the last of a path listed twice")
        XCTAssertEqual(index["đơn-vị/"], 2_001)
        XCTAssertEqual(index[""], 2_002)
        XCTAssertNil(index["tin-tuc/bai-2000/"])
        XCTAssertNil(index["tin-tuc/bai-1"])
        XCTAssertNil(PathIndex([])["a"])
    }

    /// Paths kept in one byte buffer read back whole, and each is found, prefixes of one another included;
    /// a prefix of a path that is not itself listed is not found.
    func testSortedPathsFindEachPath() {
        let sorted = ["", "a", "a/b", "ab", "đơn-vị/", "đơn-vị/a"].sorted { $0.precedesInByteOrder($1) }
        let paths = SortedPaths(sorted: sorted)
        XCTAssertEqual(paths.count, sorted.count)
        XCTAssertEqual((0..<paths.count).map { paths.path(at: $0) }, sorted)
        for (index, path) in sorted.enumerated() { XCTAssertEqual(paths.lastIndex(of: path), index, path) }
        XCTAssertNil(paths.lastIndex(of: "a/"))
        XCTAssertNil(paths.lastIndex(of: "đơn"))
        XCTAssertNil(paths.lastIndex(of: "b"))
        XCTAssertNil(SortedPaths().lastIndex(of: ""))
    }

    /// Reordered in place, elements land where `order.map` puts them, for any permutation (cycles of
    /// every length, fixed points, the empty one).
    func testPermuteInPlaceIsOrderMap() {
        var rng = SeededRandom(seed: 3)
        for count in [0, 1, 2, 7, 1_000] {
            let original = (0..<count).map { "job-\($0)" }
            for _ in 0..<5 {
                let order = Array(0..<count).shuffled(using: &rng)
                var permuted = original
                permuted.permute(by: order)
                XCTAssertEqual(permuted, order.map { original[$0] })
            }
            var same = original
            same.permute(by: Array(0..<count))
            XCTAssertEqual(same, original)
        }
    }

    /// A table of contents packed into bytes gives back its headings: levels, ids and texts of any length
    /// and script, in order; none gives none and holds nothing.
    func testPackedHeadingsGiveBackTheirHeadings() {
        let long = String(repeating: "Thủ tục đăng ký khai sinh ", count: 12)
        let headings: [RenderedMarkdown.Heading] = [
            .init(level: 2, id: "thu-tuc", text: "Thủ tục"), .init(level: 2, id: "", text: ""),
            .init(level: 3, id: VietnameseText.slug(long), text: long), .init(level: 200, id: "d", text: "Đ"),
        ]
        XCTAssertEqual(PackedHeadings(headings).headings, headings)
        XCTAssertGreaterThan(long.utf8.count, 300, "a length past one byte of its varint")
        XCTAssertEqual(PackedHeadings([]).headings, [])
        XCTAssertEqual(PackedHeadings([]).bytes.capacity, 0)
        // Held by an article, given back through its body.
        let doc = DocumentLoader.parse("---\ntitle: \"Bài\"\ndate: 2024-01-02\n---\nA\n", file: "a.md", kind: .article, log: DiagnosticLog())!
        var article = Article(source: doc, path: "a/", body: RenderedMarkdown(html: "<p>A</p>", firstParagraph: "", searchTerms: "",
                              headings: headings, procedureLinks: []), summary: "", unitIDs: [], category: nil, tags: [], isExpired: false)
        XCTAssertEqual(article.body.headings, headings)
        article.bodyHTML = ""
        XCTAssertEqual(article.body.headings, headings)
        XCTAssertEqual(article.body.html, "")
    }

    /// The interner gives back an equal text, the first copy it was given of a long one, from any number of
    /// threads; texts of at most 15 UTF-8 bytes (inside the `String` already) are not kept.
    func testTextInternerKeepsOneCopyOfEachLongText() {
        let shared = TextInterner()
        let texts = (0..<400).map { "Văn phòng HĐND và UBND xã số \($0 % 40)" } + ["ngắn", "Một cửa"]
        let results = ParallelMap.map(texts) { shared(String(decoding: Array($0.utf8), as: UTF8.self)) }
        XCTAssertEqual(results, texts)
        XCTAssertEqual(shared.count, 40, "the 40 long texts, not the two short ones")
        for (index, text) in results.enumerated() where index >= 40 && index < 400 {
            XCTAssertEqual(storageAddress(of: text), storageAddress(of: results[index % 40]))
        }
    }

    /// A memo per article keeps each value once; once let go, a value asked for is made every time and
    /// not kept.
    func testIndexedMemoLetsItsSlotsGo() {
        let memo = IndexedMemo<String>(count: 3)
        var made = 0
        func value(_ index: Int) -> String { memo.value(for: index) { made += 1; return "v\(index)" } }
        XCTAssertEqual([value(0), value(2), value(0)], ["v0", "v2", "v0"])
        XCTAssertEqual([made, memo.count], [2, 2])
        memo.removeAll()
        XCTAssertEqual(memo.count, 0)
        XCTAssertEqual([value(1), value(1)], ["v1", "v1"])
        XCTAssertEqual([made, memo.count], [4, 0], "made again, not kept")
    }

    /// The manifest's records (`OutputRecords`) keep their paths in byte order through insertions,
    /// replacements and removals, and find each one.
    func testOutputRecordsStayInByteOrder() {
        func record(_ key: UInt64) -> OutputManifest.Record { .init(key: key, contentHash: key, stamp: nil, inputKey: 0) }
        var rng = SeededRandom(seed: 9)
        let names = (0..<400).map { "tin-tuc/bài-\($0)/index.html" }.shuffled(using: &rng)
        var table = OutputRecords()
        for (n, name) in names.enumerated() { table[name] = record(UInt64(n)) }
        table[names[3]] = record(999)
        XCTAssertEqual(table.count, 400)
        XCTAssertEqual(table[names[3]]?.key, 999, "replaced")
        XCTAssertEqual(table[names[7]]?.key, 7)
        XCTAssertTrue(table.paths.isInByteOrder)
        table["a.html"] = record(1000)
        table["zz.html"] = record(1001)
        table[names[7]] = nil
        table[names[8]] = record(8008)
        XCTAssertEqual(table.count, 401)
        XCTAssertEqual(table.paths.first, "a.html")
        XCTAssertEqual(table.paths.last, "zz.html")
        XCTAssertNil(table[names[7]])
        XCTAssertEqual(table[names[8]]?.key, 8008)
        XCTAssertEqual(table.paths, table.paths.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
        XCTAssertEqual(Array(table).map(\.0), table.paths)
        XCTAssertTrue(table.holdsExactly(table.paths.reversed()), "any order")
        XCTAssertFalse(table.holdsExactly(Array(table.paths.dropLast()) + ["khac.html"]))
        XCTAssertFalse(table.holdsExactly(Array(table.paths.dropLast())))
    }
}
