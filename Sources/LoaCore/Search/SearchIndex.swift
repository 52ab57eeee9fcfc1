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
        // Runs are looked up as byte ranges of one buffer (`TermSet`): a String is made only for a term not
        // seen before. Hashing slices through `Set` was most of the index's cost.
        var bytes: [UInt8] = []
        for (index, text) in texts.enumerated() {
            if index > 0 { bytes.append(0x20) }
            bytes += VietnameseText.fold(text).utf8
        }
        var out: [String] = []
        bytes.withUnsafeBufferPointer { buffer in
            var seen = TermSet(buffer, capacity: 256)
            var start = -1
            for index in 0...buffer.count {
                let byte = index < buffer.count ? buffer[index] : 0x20
                if (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) {
                    if start < 0 { start = index }
                } else if start >= 0 {
                    let length = index - start
                    if length >= 2 && length <= 40, seen.insert(start: start, length: length) {
                        out.append(String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<index]), as: UTF8.self))
                    }
                    start = -1
                }
            }
        }
        return out
    }

    /// Orders documents the way ids are given: by kind (procedures first), then as the sources listed them.
    public static func ordered(_ documents: [SearchDocument]) -> [SearchDocument] {
        documents.enumerated().sorted { a, b in
            a.element.kind != b.element.kind ? a.element.kind < b.element.kind : a.offset < b.offset
        }.map(\.element)
    }

    public static func build(_ input: [SearchDocument], basePath: String) -> Output {
        let documents = ordered(input)
        // Per document: its title terms and its other terms, tokenised on all cores, a batch at a time so
        // that only one batch's terms are held besides the postings (about a third of a build's peak
        // memory went to holding every document's terms at once).
        // Postings are gathered in `partitions` disjoint parts (by a term's first byte), each on its own core;
        // every term lands in one part with its ids in order, so the index does not depend on the core count.
        let partitions = 4
        var postings = [[String: Postings]](repeating: [:], count: partitions)
        let batch = 1024
        for first in stride(from: 0, to: documents.count, by: batch) {
            let ids = Array(first..<min(documents.count, first + batch))
            let tokenised = ParallelMap.map(ids) { id -> (title: [String], text: [String]) in
                let doc = documents[id]
                let title = terms(of: [doc.title, doc.keywords])
                let titleSet = Set(title)
                let text = terms(of: [doc.text, doc.summary]).filter { !titleSet.contains($0) }
                return (title, text)
            }
            let parts = ParallelMap.map(Array(0..<partitions)) { part -> [String: Postings] in
                var found: [String: Postings] = [:]
                for (id, doc) in zip(ids.map(Int32.init), tokenised) {
                    for term in doc.title where Int(term.utf8.first!) % partitions == part { found[term, default: []].append(~id) }
                    for term in doc.text where Int(term.utf8.first!) % partitions == part { found[term, default: []].append(id) }
                }
                return found
            }
            for part in 0..<partitions {
                postings[part].merge(parts[part]) { old, new in old + new }
            }
        }
        var encoded: [String: String] = [:]
        for part in ParallelMap.map(postings, { $0.mapValues { ids in
            "[" + deltas(ids.filter { $0 < 0 }.map { ~$0 }) + "," + deltas(ids.filter { $0 >= 0 }) + "]"
        } }) {
            encoded.merge(part) { a, _ in a }
        }
        let sortedTerms = encoded.keys.sorted { $0.precedesInByteOrder($1) }

        var groups: [String: [String]] = [:]
        for term in sortedTerms { groups[String(term.prefix(1)), default: []].append(term) }
        let shards = ParallelMap.map(groups.keys.sorted()) { key -> [(key: String, terms: [String])] in
            var placed: [(key: String, terms: [String])] = []
            place(groups[key]!, key: key, encoded: encoded, into: &placed)
            return placed
        }.flatMap { $0 }

        var files: [(path: String, bytes: [UInt8])] = ParallelMap.map(shards) { shard in
            (folder + "s-\(shard.key).json", Array(shardJSON(shard.terms, encoded: encoded).utf8))
        }
        let chunks = Array(0..<((documents.count + chunkSize - 1) / chunkSize))
        files += ParallelMap.map(chunks) { chunk -> (path: String, bytes: [UInt8]) in
            let slice = documents[(chunk * chunkSize)..<min(documents.count, (chunk + 1) * chunkSize)]
            let rows = slice.map { doc -> String in
                let url = doc.url.hasPrefix(basePath) ? String(doc.url.dropFirst(basePath.count)) : doc.url
                let fields = [json(doc.kind.rawValue), json(doc.title), json(url), json(doc.date),
                              json(cut(doc.summary, summaryLength))]
                return "[" + fields.joined(separator: ",") + "]"
            }
            return (folder + "d-\(chunk).json", Array(("[" + rows.joined(separator: ",\n") + "]").utf8))
        }
        // The version changes whenever any index file does; the script adds it to every request.
        var hash = FNV1a()
        for file in files.sorted(by: { $0.path.precedesInByteOrder($1.path) }) {
            hash.add(Array(file.path.utf8)); hash.add(file.bytes)
        }
        let version = String(hash.value, radix: 16)
        let meta = "{\"v\":\(json(version)),\"n\":\(documents.count),\"chunk\":\(chunkSize),"
            + "\"kinds\":[" + SearchDocument.Kind.allCases.map { json($0.rawValue) }.joined(separator: ",") + "],"
            + "\"shards\":[" + shards.map { json($0.key) }.joined(separator: ",") + "]}"
        files.append((folder + "meta.json", Array(meta.utf8)))
        files.sort { $0.path.precedesInByteOrder($1.path) }
        return Output(files: files, version: version)
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

    /// A term's documents in id order, each once: `~id` where the term is in the title or keywords, `id`
    /// where it is only in the text. One 32-bit array per term: the postings were a sixth of a clean
    /// build's peak memory as two arrays of `Int`.
    typealias Postings = [Int32]

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
        guard text.utf8.count > length, let limit = text.index(text.startIndex, offsetBy: length, limitedBy: text.endIndex),
              limit < text.endIndex else { return text }
        let prefix = text[..<limit]
        let end = prefix.lastIndex(of: " ") ?? prefix.endIndex
        return prefix[..<end].trimmingCharacters(in: .whitespaces) + "…"
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

    init(_ buffer: UnsafeBufferPointer<UInt8>, capacity: Int) {
        self.buffer = buffer
        slots = Array(repeating: (0, -1, 0), count: capacity)
    }

    /// True when the range's bytes were not in the set yet.
    mutating func insert(start: Int, length: Int) -> Bool {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for i in start..<start + length { hash = (hash ^ UInt64(buffer[i])) &* 0x100_0000_01b3 }
        if (count + 1) * 2 > slots.count { grow() }
        var slot = Int(truncatingIfNeeded: hash) & (slots.count - 1)
        while slots[slot].start >= 0 {
            let other = slots[slot]
            if other.hash == hash && Int(other.length) == length
                && memcmp(buffer.baseAddress! + Int(other.start), buffer.baseAddress! + start, length) == 0 {
                return false
            }
            slot = (slot + 1) & (slots.count - 1)
        }
        slots[slot] = (hash, Int32(start), Int32(length))
        count += 1
        return true
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
