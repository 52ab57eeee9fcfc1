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

    /// The index, each file handed to `store` as soon as it is made (on any core), so that a caller
    /// spilling them never holds the whole index: at 100,000 articles its 80 MB of files, the documents and
    /// the postings were all in memory at once, the build's peak. The documents go once their rows are
    /// made, the postings once the shards are. Files sorted by path.
    static func build<Stored>(_ input: consuming [SearchDocument], basePath: String,
                              store: ([UInt8]) -> Stored) -> (files: [StoredFile<Stored>], version: String) {
        var documents = input
        documents = ordered(documents)
        let count = documents.count
        var encoded = postings(documents)

        let chunks = Array(0..<((count + chunkSize - 1) / chunkSize))
        var files = ParallelMap.map(chunks) { chunk -> StoredFile<Stored> in
            let slice = documents[(chunk * chunkSize)..<min(count, (chunk + 1) * chunkSize)]
            let rows = slice.map { doc -> String in
                let url = doc.url.hasPrefix(basePath) ? String(doc.url.dropFirst(basePath.count)) : doc.url
                let fields = [json(doc.kind.rawValue), json(doc.title), json(url), json(doc.date),
                              json(cut(doc.summary, summaryLength))]
                return "[" + fields.joined(separator: ",") + "]"
            }
            let bytes = Array(("[" + rows.joined(separator: ",\n") + "]").utf8)
            return StoredFile(path: folder + "d-\(chunk).json", hash: XXHash64.hash(bytes), stored: store(bytes))
        }
        documents = []

        var groups: [String: [String]] = [:]
        for term in encoded.keys.sorted(by: { $0.precedesInByteOrder($1) }) { groups[String(term.prefix(1)), default: []].append(term) }
        let shards = ParallelMap.map(groups.keys.sorted()) { key -> [(key: String, terms: [String])] in
            var placed: [(key: String, terms: [String])] = []
            place(groups[key]!, key: key, encoded: encoded, into: &placed)
            return placed
        }.flatMap { $0 }
        groups = [:]
        files += ParallelMap.map(shards) { shard in
            let bytes = Array(shardJSON(shard.terms, encoded: encoded).utf8)
            return StoredFile(path: folder + "s-\(shard.key).json", hash: XXHash64.hash(bytes), stored: store(bytes))
        }
        encoded = [:]
        let version = SearchIndex.version(of: files.map { ($0.path, $0.hash) })
        let meta = meta(version: version, documents: count, shards: shards.map(\.key))
        files.append(StoredFile(path: folder + "meta.json", hash: XXHash64.hash(meta), stored: store(meta)))
        files.sort { $0.path.precedesInByteOrder($1.path) }
        return (files, version)
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

    /// Each term's postings as written in its shard: `[[title ids], [text ids]]`, delta-encoded.
    ///
    /// Documents are tokenised on all cores a batch at a time, so that only one batch's terms are held
    /// besides the postings (holding every document's terms at once was a third of a build's peak memory).
    /// A document's terms stay byte ranges of its folded text, and each is looked up by the hash its
    /// tokeniser already computed in a table of `partitions` disjoint parts (by the term's first byte),
    /// each filled on its own core: a String is made once per distinct term, not once per document and
    /// term (making and hashing those was most of the index's cost, and a quarter of a one-article edit).
    /// Every term lands in one part with its ids in order, so the index does not depend on the core count.
    static func postings(_ documents: [SearchDocument]) -> [String: String] {
        let partitions = 4
        var tables = (0..<partitions).map { TermPostings(part: $0) }
        let batch = 1024
        for first in stride(from: 0, to: documents.count, by: batch) {
            let ids = Array(first..<min(documents.count, first + batch))
            let tokenised = ParallelMap.map(ids) { DocumentTerms(documents[$0]) }
            _ = ParallelMap.mapInPlace(&tables) { table in
                for (id, doc) in zip(ids, tokenised) { doc.add(to: &table, id: Int32(id), of: partitions) }
            }
        }
        var encoded: [String: String] = [:]
        for part in ParallelMap.map(tables, { $0.encoded() }) {
            encoded.merge(part) { a, _ in a }
        }
        return encoded
    }

    /// Puts `terms` (all starting with `key`) into one shard, or splits them one character further.
    static func place(_ terms: [String], key: String, encoded: [String: String],
                      into shards: inout [(key: String, terms: [String])]) {
        let longer = terms.filter { $0.count > key.count }
        if longer.isEmpty || shardJSON(terms, encoded: encoded).utf8.count <= shardBudget {
            shards.append((key, terms))
            return
        }
        let exact = terms.filter { $0.count == key.count }
        if !exact.isEmpty { shards.append((key, exact)) }
        var groups: [String: [String]] = [:]
        for term in longer { groups[String(term.prefix(key.count + 1)), default: []].append(term) }
        for next in groups.keys.sorted(by: { $0.precedesInByteOrder($1) }) {
            place(groups[next]!, key: next, encoded: encoded, into: &shards)
        }
    }

    static func shardJSON(_ terms: [String], encoded: [String: String]) -> String {
        "{" + terms.map { "\"\($0)\":\(encoded[$0]!)" }.joined(separator: ",\n") + "}"
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

/// A set of byte ranges of one buffer, compared by content (open addressing, FNV-1a).
struct TermSet {
    private let buffer: UnsafeBufferPointer<UInt8>
    private var slots: [(hash: UInt64, start: Int32, length: Int32)]
    private var count = 0

    /// Room for every term a text of `count` bytes can hold (one per three bytes at most) without
    /// growing: growth was 4 % of the search index's cost.
    static func capacity(forBytes count: Int) -> Int {
        var slots = 64
        while slots * 3 < count * 2 { slots *= 2 }
        return slots
    }

    init(_ buffer: UnsafeBufferPointer<UInt8>, capacity: Int) {
        self.buffer = buffer
        slots = Array(repeating: (0, -1, 0), count: capacity)
    }

    /// The range's hash when its bytes were not in the set yet; nil when they were.
    mutating func insertReturningHash(start: Int, length: Int) -> UInt64? {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for i in start..<start + length { hash = (hash ^ UInt64(buffer[i])) &* 0x100_0000_01b3 }
        if (count + 1) * 2 > slots.count { grow() }
        var slot = Int(truncatingIfNeeded: hash) & (slots.count - 1)
        while slots[slot].start >= 0 {
            let other = slots[slot]
            if other.hash == hash && Int(other.length) == length
                && memcmp(buffer.baseAddress! + Int(other.start), buffer.baseAddress! + start, length) == 0 {
                return nil
            }
            slot = (slot + 1) & (slots.count - 1)
        }
        slots[slot] = (hash, Int32(start), Int32(length))
        count += 1
        return hash
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: (0, -1, 0), count: old.count * 2)
        for entry in old where entry.start >= 0 {
            var slot = Int(truncatingIfNeeded: entry.hash) & (slots.count - 1)
            while slots[slot].start >= 0 { slot = (slot + 1) & (slots.count - 1) }
            slots[slot] = entry
        }
    }
}

/// One document's distinct terms, in order of first appearance: byte ranges of its folded title,
/// keywords, text and summary joined by spaces. Those starting before `titleEnd` are its title terms
/// (title and keywords); a term of the text already in the title is not repeated.
struct DocumentTerms {
    private let bytes: [UInt8]
    private var terms: [(hash: UInt64, start: Int32, length: Int32)] = []
    private var titleEnd = 0

    init(_ doc: SearchDocument) {
        var bytes: [UInt8] = []
        for (index, text) in [doc.title, doc.keywords, doc.fullText, doc.summary].enumerated() {
            if index > 0 { bytes.append(0x20) }
            if index == 2 { titleEnd = bytes.count }
            bytes += VietnameseText.fold(text).utf8
        }
        self.bytes = bytes
        terms = bytes.withUnsafeBufferPointer { buffer in
            var seen = TermSet(buffer, capacity: TermSet.capacity(forBytes: buffer.count))
            var found: [(hash: UInt64, start: Int32, length: Int32)] = []
            SearchIndex.forEachRun(buffer) { start, length in
                if let hash = seen.insertReturningHash(start: start, length: length) {
                    found.append((hash, Int32(start), Int32(length)))
                }
            }
            return found
        }
    }

    /// Adds this document's terms of partition `part` to `table`: `~id` for a title term, `id` otherwise.
    func add(to table: inout TermPostings, id: Int32, of partitions: Int) {
        bytes.withUnsafeBufferPointer { buffer in
            for term in terms where Int(buffer[Int(term.start)]) % partitions == table.part {
                let slice = UnsafeBufferPointer(rebasing: buffer[Int(term.start)..<Int(term.start + term.length)])
                table.append(Int(term.start) < titleEnd ? ~id : id, to: slice, hash: term.hash)
            }
        }
    }
}

/// Postings by term, terms kept as bytes in one arena (open addressing on the tokeniser's FNV-1a hash).
struct TermPostings {
    /// The partition: terms whose first byte is `part` modulo the number of partitions.
    let part: Int
    private var arena: [UInt8] = []
    private var starts: [Int32] = [], lengths: [Int32] = [], hashes: [UInt64] = []
    /// Each term's documents as they came (in id order): the id's difference from the term's previous id,
    /// shifted left by one with the low bit set for a title term, in LEB128 bytes. At 10,000 articles
    /// `[Int32]` lists were 15 MB, the peak of a one-article edit that builds the index again.
    private var lists: [[UInt8]] = []
    private var lastIDs: [Int32] = []
    private var slots = [Int32](repeating: -1, count: 1024)

    init(part: Int) { self.part = part }

    mutating func append(_ id: Int32, to term: UnsafeBufferPointer<UInt8>, hash: UInt64) {
        if (lists.count + 1) * 2 > slots.count { grow() }
        var slot = Int(truncatingIfNeeded: hash) & (slots.count - 1)
        while slots[slot] >= 0 {
            let index = Int(slots[slot])
            if hashes[index] == hash, Int(lengths[index]) == term.count,
               arena.withUnsafeBufferPointer({ memcmp($0.baseAddress! + Int(starts[index]), term.baseAddress!, term.count) }) == 0 {
                let plain = id < 0 ? ~id : id
                TermPostings.appendVarint(UInt32(plain - lastIDs[index]) << 1 | (id < 0 ? 1 : 0), to: &lists[index])
                lastIDs[index] = plain
                return
            }
            slot = (slot + 1) & (slots.count - 1)
        }
        slots[slot] = Int32(lists.count)
        starts.append(Int32(arena.count)); lengths.append(Int32(term.count)); hashes.append(hash)
        arena.append(contentsOf: term)
        let plain = id < 0 ? ~id : id
        var list: [UInt8] = []
        TermPostings.appendVarint(UInt32(plain) << 1 | (id < 0 ? 1 : 0), to: &list)
        lists.append(list)
        lastIDs.append(plain)
    }

    static func appendVarint(_ value: UInt32, to bytes: inout [UInt8]) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    /// A term's title ids and text ids, each ascending.
    static func decode(_ list: [UInt8]) -> (title: [Int32], text: [Int32]) {
        var title: [Int32] = [], text: [Int32] = []
        var id: Int32 = 0, value: UInt32 = 0, shift: UInt32 = 0
        for byte in list {
            value |= UInt32(byte & 0x7F) << shift
            if byte & 0x80 != 0 { shift += 7; continue }
            id += Int32(value >> 1)
            if value & 1 == 1 { title.append(id) } else { text.append(id) }
            value = 0; shift = 0
        }
        return (title, text)
    }

    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        for index in lists.indices {
            var slot = Int(truncatingIfNeeded: hashes[index]) & (slots.count - 1)
            while slots[slot] >= 0 { slot = (slot + 1) & (slots.count - 1) }
            slots[slot] = Int32(index)
        }
    }

    /// Term → `[[title ids], [text ids]]`, delta-encoded.
    func encoded() -> [String: String] {
        var out: [String: String] = [:]
        out.reserveCapacity(lists.count)
        arena.withUnsafeBufferPointer { buffer in
            for (index, ids) in lists.enumerated() {
                let term = String(decoding: UnsafeBufferPointer(rebasing: buffer[Int(starts[index])..<Int(starts[index] + lengths[index])]), as: UTF8.self)
                let (title, text) = TermPostings.decode(ids)
                out[term] = "[" + SearchIndex.deltas(title) + "," + SearchIndex.deltas(text) + "]"
            }
        }
        return out
    }
}
