import Foundation

/// The search index Loa writes at build time, split so that a query downloads a small part of it.
///
/// Files under `tim-kiem/chi-muc/` (all JSON, written byte for byte the same for the same input):
/// - `meta.json`, always loaded: `{"v": version, "n": documents, "chunk": documents per d-file,
///   "kinds": [labels], "shards": [shard keys, sorted]}`.
/// - `s-<key>.json`: the terms whose longest shard-key prefix is `key`:
///   `{"term": [[title doc ids], [text doc ids]], …}`, ids ascending and delta-encoded
///   (first id, then differences). A doc is in the title list when the term is in its title or keywords,
///   otherwise in the text list.
/// - `d-<n>.json`: documents `n*chunk ..< (n+1)*chunk` as `[kind, title, url, date, summary]`, the URL
///   relative to the base path.
///
/// Terms are runs of `[a-z0-9]` in `VietnameseText.fold(text)`, 2 to 40 characters long; the script does the
/// same with NFD + strip combining marks + đ→d + lowercase. Shards start as the terms' first character and are
/// split one character further while their file is over `shardBudget` bytes.
public enum SearchIndex {
    public static let folder = "tim-kiem/chi-muc/"
    public static let chunkSize = 16
    public static let shardBudget = 16 * 1024
    public static let summaryLength = 160
    public static let titleWeight = 10

    public struct Output: Sendable {
        /// Path (relative to the site root) → bytes, sorted by path.
        public var files: [(path: String, bytes: [UInt8])]
        public var version: String
    }

    /// Search terms of a text, in order of first appearance, without repeats.
    public static func terms(_ text: String) -> [String] { terms(of: [text]) }

    /// The terms of the texts joined by spaces, each folded on its own: a body's cached terms (ASCII) then
    /// take fold's fast path even when the text after them does not.
    public static func terms(of texts: [String]) -> [String] {
        var out: [String] = []
        forEachDistinctTerm(of: texts) { out.append(String(decoding: $0, as: UTF8.self)) }
        return out
    }

    /// `terms(of: texts).joined(separator: " ")`, made on the bytes: a body's search terms, without a
    /// String for each term (making them and joining them was a sixth of resolving the bodies).
    public static func termText(of texts: [String]) -> String {
        var out: [UInt8] = []
        forEachDistinctTerm(of: texts) { term in
            if !out.isEmpty { out.append(0x20) }
            out.append(contentsOf: term)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Calls `body` with the bytes of each term of the folded texts, the first time it appears. Runs are
    /// looked up as byte ranges of one buffer (`TermSet`): hashing slices through `Set` was most of the
    /// index's cost.
    static func forEachDistinctTerm(of texts: [String], _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        let bytes = folded(texts)
        bytes.withUnsafeBufferPointer { buffer in
            var seen = TermSet(buffer, capacity: TermSet.capacity(forBytes: buffer.count))
            forEachRun(buffer) { start, length in
                if seen.insertReturningHash(start: start, length: length) != nil {
                    body(UnsafeBufferPointer(rebasing: buffer[start..<start + length]))
                }
            }
        }
    }

    /// The texts folded (`VietnameseText.fold`) one by one and joined by spaces, as bytes.
    static func folded(_ texts: [String]) -> [UInt8] {
        var bytes: [UInt8] = []
        for (index, text) in texts.enumerated() {
            if index > 0 { bytes.append(0x20) }
            bytes += VietnameseText.fold(text).utf8
        }
        return bytes
    }

    /// Calls `body` with each run of `[a-z0-9]` 2 to 40 bytes long: a term, where the text is folded.
    @inline(__always)
    static func forEachRun(_ buffer: UnsafeBufferPointer<UInt8>, _ body: (_ start: Int, _ length: Int) -> Void) {
        var start = -1
        for index in 0...buffer.count {
            let byte = index < buffer.count ? buffer[index] : 0x20
            if (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) {
                if start < 0 { start = index }
            } else if start >= 0 {
                let length = index - start
                if length >= 2 && length <= 40 { body(start, length) }
                start = -1
            }
        }
    }

    /// Orders documents the way ids are given: by kind (procedures first), then as the sources listed them.
    public static func ordered(_ documents: [SearchDocument]) -> [SearchDocument] {
        // As the sources list them (`SearchSources`): the same array, not a second one (15 MB at 100,000
        // articles).
        if zip(documents, documents.dropFirst()).allSatisfy({ $0.kind <= $1.kind }) { return documents }
        // Gathered kind by kind into one array of the right size: sorting (offset, document) pairs made two
        // more copies of 100,000 documents (17 MB each) at the search index's peak.
        var ordered: [SearchDocument] = []
        ordered.reserveCapacity(documents.count)
        for kind in SearchDocument.Kind.allCases {
            for document in documents where document.kind == kind { ordered.append(document) }
        }
        return ordered
    }

    /// `input` is consumed: a caller handing over its last copy holds the documents once, ordered.
    public static func build(_ input: consuming [SearchDocument], basePath: String) -> Output {
        let built = build(input, basePath: basePath) { $0 }
        return Output(files: built.files.map { ($0.path, $0.stored) }, version: built.version)
    }

    /// One file of the index: its path, the xxHash64 of its bytes, and what `store` made of them.
    struct StoredFile<Stored> {
        var path: String
        var hash: UInt64
        var stored: Stored
    }

    /// The index of documents already made (in any order: they are ordered first).
    static func build<Stored>(_ input: consuming [SearchDocument], basePath: String,
                              store: ([UInt8]) -> Stored) -> (files: [StoredFile<Stored>], version: String) {
        build(SearchDocumentSource(held: ordered(input)), basePath: basePath, store: store)
    }

    /// Documents made, filed and tokenised together: a multiple of `chunkSize`.
    static let batchSize = 1024

    /// The index, each file handed to `store` as soon as it is made (on any core), so that a caller
    /// spilling them never holds the whole index: at 100,000 articles its 80 MB of files, the documents and
    /// the postings were all in memory at once, the build's peak. The documents are made a batch at a time
    /// (`source`, in the index's order), filed and added to the postings, then let go; `each` sees every
    /// batch first, in order (a clean build hashes them for `inputKey`). The postings go once the shards
    /// are written. Files sorted by path.
    static func build<Stored>(_ source: SearchDocumentSource, basePath: String, store: ([UInt8]) -> Stored,
                              each: ([SearchDocument]) -> Void = { _ in }) -> (files: [StoredFile<Stored>], version: String) {
        let count = source.count
        var files: [StoredFile<Stored>] = []
        var tables = (0..<TermPostings.partitions).map { TermPostings(part: $0, documents: count) }
        for first in stride(from: 0, to: count, by: batchSize) {
            var documents = source.documents(first..<min(count, first + batchSize))
            each(documents)
            files += documentFiles(documents, first: first, basePath: basePath, store: store)
            // The postings need each document's terms only: its address goes before they are made.
            for index in documents.indices { documents[index].url = "" }
            addPostings(of: documents, first: first, to: &tables)
        }

        // The postings stay in their tables, compact, until their shards are written: the text of every
        // term's postings, made up front to size the shards, was 60 MB at 100,000 articles, the build's
        // peak. Shards are sized from their terms' lengths, and each term's text is made once.
        var shardKeys: [String] = []
        do {
            let terms = placedTerms(tables)
            let shards = ParallelMap.map(firstCharacterRuns(terms)) { run -> [(key: String, range: Range<Int>)] in
                var placed: [(key: String, range: Range<Int>)] = []
                place(terms[run.range], key: run.key, into: &placed)
                return placed
            }.flatMap { $0 }
            files += ParallelMap.map(shards) { shard in
                let bytes = Array(shardJSON(terms[shard.range], postings: { encodedPostings($0, in: tables) }).utf8)
                return StoredFile(path: folder + "s-\(shard.key).json", hash: XXHash64.hash(bytes), stored: store(bytes))
            }
            shardKeys = shards.map(\.key)
        }
        let version = SearchIndex.version(of: files.map { ($0.path, $0.hash) })
        let meta = meta(version: version, documents: count, shards: shardKeys)
        files.append(StoredFile(path: folder + "meta.json", hash: XXHash64.hash(meta), stored: store(meta)))
        files.sort { $0.path.precedesInByteOrder($1.path) }
        return (files, version)
    }

    /// The `d-` files of `documents`, the index's documents from `first` on (a multiple of `chunkSize`).
    static func documentFiles<Stored>(_ documents: [SearchDocument], first: Int, basePath: String,
                                      store: ([UInt8]) -> Stored) -> [StoredFile<Stored>] {
        precondition(first % chunkSize == 0, "a batch of search documents starts a chunk")
        return ParallelMap.map(Array(0..<((documents.count + chunkSize - 1) / chunkSize))) { chunk -> StoredFile<Stored> in
            let slice = documents[(chunk * chunkSize)..<min(documents.count, (chunk + 1) * chunkSize)]
            let rows = slice.map { doc -> String in
                let url = doc.url.hasPrefix(basePath) ? String(doc.url.dropFirst(basePath.count)) : doc.url
                let fields = [json(doc.kind.rawValue), json(doc.title), json(url), json(doc.date),
                              json(cut(doc.summary, summaryLength))]
                return "[" + fields.joined(separator: ",") + "]"
            }
            let bytes = Array(("[" + rows.joined(separator: ",\n") + "]").utf8)
            return StoredFile(path: folder + "d-\(first / chunkSize + chunk).json", hash: XXHash64.hash(bytes), stored: store(bytes))
        }
    }

    /// The version changes whenever any index file does; the script adds it to every request. Made from
    /// each file's path and the xxHash64 of its bytes (`files`: every file but `meta.json`), which the
    /// build cache records for every output file: an edit of a few files (`SearchIndexEdit`) need not
    /// read the others again.
    static func version(of files: [(path: String, hash: UInt64)]) -> String {
        var hash = FNV1a()
        for file in files.sorted(by: { $0.path.precedesInByteOrder($1.path) }) {
            hash.add(Array(file.path.utf8))
            withUnsafeBytes(of: file.hash.littleEndian) { hash.add(Array($0)) }
        }
        return String(hash.value, radix: 16)
    }

    static func meta(version: String, documents: Int, shards: [String]) -> [UInt8] {
        let meta = "{\"v\":\(json(version)),\"n\":\(documents),\"chunk\":\(chunkSize),"
            + "\"kinds\":[" + SearchDocument.Kind.allCases.map { json($0.rawValue) }.joined(separator: ",") + "],"
            + "\"shards\":[" + shards.map { json($0) }.joined(separator: ",") + "]}"
        return Array(meta.utf8)
    }

    /// Terms in byte order, in runs of the same first character: the shards' first keys.
    static func firstCharacterRuns(_ terms: [ShardTerm]) -> [(key: String, range: Range<Int>)] {
        var runs: [(key: String, range: Range<Int>)] = []
        var start = 0
        while start < terms.count {
            let first = terms[start].term.utf8.first
            var end = start + 1
            while end < terms.count, terms[end].term.utf8.first == first { end += 1 }
            runs.append((String(terms[start].term.prefix(1)), start..<end))
            start = end
        }
        return runs
    }

    /// Puts `terms` (distinct, in byte order, all starting with `key`) into one shard, or splits them one
    /// character further. Shards are ranges of `terms`' indices: in byte order, `key` itself comes first
    /// and the terms of each longer key follow one another.
    static func place(_ terms: ArraySlice<ShardTerm>, key: String, into shards: inout [(key: String, range: Range<Int>)]) {
        let length = key.utf8.count
        let exact = terms.first.map { $0.term.utf8.count == length ? 1 : 0 } ?? 0
        if terms.count == exact || shardLength(terms) <= shardBudget {
            shards.append((key, terms.indices))
            return
        }
        if exact == 1 { shards.append((key, terms.startIndex..<terms.startIndex + 1)) }
        var start = terms.startIndex + exact
        while start < terms.endIndex {
            let next = terms[start].term.utf8.dropFirst(length).first
            var end = start + 1
            while end < terms.endIndex, terms[end].term.utf8.dropFirst(length).first == next { end += 1 }
            place(terms[start..<end], key: String(terms[start].term.prefix(length + 1)), into: &shards)
            start = end
        }
    }

    /// `shardJSON(terms).utf8.count`, from the terms' lengths.
    static func shardLength(_ terms: ArraySlice<ShardTerm>) -> Int {
        // `{` and `}`, `"term":` for each, `,\n` between them.
        terms.reduce(2 + 2 * max(0, terms.count - 1)) { $0 + $1.term.utf8.count + 3 + Int($1.postingsLength) }
    }

    static func shardJSON(_ terms: ArraySlice<ShardTerm>, postings: (ShardTerm) -> String) -> String {
        "{" + terms.map { "\"\($0.term)\":\(postings($0))" }.joined(separator: ",\n") + "}"
    }

    /// Ascending ids as JSON: the first, then the differences.
    static func deltas<ID: BinaryInteger>(_ ids: [ID]) -> String {
        var bytes: [UInt8] = [0x5B]
        bytes.reserveCapacity(ids.count * 3 + 2)
        var previous = 0
        for (index, id) in ids.enumerated() {
            if index > 0 { bytes.append(0x2C) }
            appendDecimal(Int(id) - previous, to: &bytes)
            previous = Int(id)
        }
        bytes.append(0x5D)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A non-negative number's decimal digits.
    static func appendDecimal(_ value: Int, to bytes: inout [UInt8]) {
        if value >= 10 { appendDecimal(value / 10, to: &bytes) }
        bytes.append(0x30 + UInt8(value % 10))
    }

    static func cut(_ text: String, _ length: Int) -> String {
        // Walks at most `length` characters (counting the whole text was 3 % of a one-article edit).
        guard text.utf8.count > length else { return text }
        return cutSimple(text, length) ?? cutByCharacters(text, length)
    }

    /// `cut` by grapheme breaking, for any text.
    static func cutByCharacters(_ text: String, _ length: Int) -> String {
        guard let limit = text.index(text.startIndex, offsetBy: length, limitedBy: text.endIndex),
              limit < text.endIndex else { return text }
        let prefix = text[..<limit]
        let end = prefix.lastIndex(of: " ") ?? prefix.endIndex
        return prefix[..<end].trimmingCharacters(in: .whitespaces) + "…"
    }

    /// `cut` for text whose first `length + 1` scalars are each a character of their own (Latin, with
    /// Vietnamese letters precomposed as NFC makes them; no combining mark, no CR): characters are then
    /// scalars, and the cut is found on the scalars instead of by grapheme breaking (a tenth of the
    /// planning stage of a one-article edit). nil for other text, which `cut` handles as characters.
    static func cutSimple(_ text: String, _ length: Int) -> String? {
        func isSimple(_ v: UInt32) -> Bool { (v < 0x300 && v != 0x0D) || (v >= 0x1E00 && v <= 0x1EFF) }
        let scalars = text.unicodeScalars
        var index = scalars.startIndex, count = 0, lastSpace: String.Index? = nil
        while count < length {
            guard index < scalars.endIndex else { return text }
            guard isSimple(scalars[index].value) else { return nil }
            if scalars[index] == " " { lastSpace = index }
            scalars.formIndex(after: &index)
            count += 1
        }
        guard index < scalars.endIndex else { return text }
        guard isSimple(scalars[index].value) else { return nil }   // it could join the last character
        let end = lastSpace ?? index
        // Trimmed as `trimmingCharacters(in: .whitespaces)` does; below U+0300 its whitespace is tab,
        // space and no-break space.
        let kept = scalars[scalars.startIndex..<end]
        let isSpace: (Unicode.Scalar) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\u{A0}" }
        guard let first = kept.firstIndex(where: { !isSpace($0) }) else { return "…" }
        let last = kept.lastIndex(where: { !isSpace($0) })!
        return String(kept[first...last]) + "…"
    }

    /// A JSON string literal.
    public static func json(_ text: String) -> String { JSONText.quote(text) }
}

/// 64-bit FNV-1a, for content versions (not for security).
struct FNV1a {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325
    mutating func add(_ bytes: [UInt8]) {
        for byte in bytes {
            value ^= UInt64(byte)
            value = value &* 0x0000_0100_0000_01b3
        }
    }
}

/// A term as the shards place it: its text, the length of its postings as written (`[[…],[…]]`), and
/// where the postings are, for the caller that made the list.
struct ShardTerm: Sendable {
    var term: String
    var postingsLength: Int32
    var reference: Int32
}
