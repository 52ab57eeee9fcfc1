import Foundation

/// How the search index's postings are made: each document's terms found (`DocumentTerms`), their ids
/// gathered by term (`TermPostings`), and the terms listed for the shards (`ShardTerm`).
extension SearchIndex {
    /// Each term's documents, gathered in `TermPostings.partitions` tables (`encoded(at:)` writes them as
    /// the term's shard holds them).
    ///
    /// Documents are tokenised on all cores a batch at a time, so that only one batch's terms are held
    /// besides the postings (holding every document's terms at once was a third of a build's peak memory).
    /// A document's terms stay byte ranges of its folded text, and each is looked up by the hash its
    /// tokeniser already computed in one of the disjoint tables (by the term's first byte),
    /// each filled on its own core: a String is made once per distinct term, not once per document and
    /// term (making and hashing those was most of the index's cost, and a quarter of a one-article edit).
    /// Every term lands in one part with its ids in order, so the index does not depend on the core count.
    static func postingsTables(_ documents: [SearchDocument]) -> [TermPostings] {
        var tables = (0..<TermPostings.partitions).map { TermPostings(part: $0, documents: documents.count) }
        for first in stride(from: 0, to: documents.count, by: batchSize) {
            addPostings(of: Array(documents[first..<min(documents.count, first + batchSize)]), first: first, to: &tables)
        }
        return tables
    }

    /// Adds `documents`, the index's documents from id `first` on, to the tables: tokenised on all cores,
    /// then each table filled on its own core.
    static func addPostings(of documents: [SearchDocument], first: Int, to tables: inout [TermPostings]) {
        let tokenised = ParallelMap.map(documents) { DocumentTerms($0) }
        _ = ParallelMap.mapInPlace(&tables) { table in
            for (offset, doc) in tokenised.enumerated() {
                doc.add(to: &table, id: Int32(first + offset), of: TermPostings.partitions)
            }
        }
    }

    /// Every term's postings as written in its shard, by term (tests; a build reads them from the tables).
    static func postings(_ documents: [SearchDocument]) -> [String: String] {
        var encoded: [String: String] = [:]
        for table in postingsTables(documents) {
            for index in 0..<table.count { encoded[table.term(at: index)] = table.encoded(at: index) }
        }
        return encoded
    }

    /// Every term of the tables as the shards place it, in byte order. `reference` is the term's index
    /// in its table times the number of tables, plus the table's.
    static func placedTerms(_ tables: [TermPostings]) -> [ShardTerm] {
        // Each table's terms made straight into their part of one array, on all cores: an array per table,
        // then joined, held every term twice for a moment (4.5 MB at 100,000 articles, planning's peak).
        var starts = [0]
        for table in tables { starts.append(starts[starts.count - 1] + table.count) }
        let total = starts[starts.count - 1]
        var terms = [ShardTerm](unsafeUninitializedCapacity: total) { buffer, initialized in
            nonisolated(unsafe) let out = buffer
            DispatchQueue.concurrentPerform(iterations: tables.count) { part in
                let table = tables[part]
                for index in 0..<table.count {
                    (out.baseAddress! + starts[part] + index).initialize(to: ShardTerm(
                        term: table.term(at: index), postingsLength: Int32(table.encodedLength(at: index)),
                        reference: Int32(index * TermPostings.partitions + table.part)))
                }
            }
            initialized = total
        }
        terms.sort { $0.term.precedesInByteOrder($1.term) }
        return terms
    }

    /// A placed term's postings as written, made again from its table.
    static func encodedPostings(_ term: ShardTerm, in tables: [TermPostings]) -> String {
        let reference = Int(term.reference)
        return tables[reference % TermPostings.partitions].encoded(at: reference / TermPostings.partitions)
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
    /// Tables a build fills, one per core at a time: terms are spread over them by their first byte.
    static let partitions = 4
    /// The partition: terms whose first byte is `part` modulo the number of partitions.
    let part: Int
    /// Documents in the index (0 when not known): a term's list as long as two bits per document is kept
    /// as bits from then on (`DenseIDs`). At 100,000 articles the lists of the few hundred terms found in
    /// most documents were most of the postings' 35 MB, the planning stage's peak; as bits they are a third.
    let documents: Int
    /// `DenseIDs.bytes(documents:)`, worked out once (every posting is compared with it); `Int.max` when
    /// the number of documents is not known.
    private let denseLength: Int
    private var arena: [UInt8] = []
    private var starts: [Int32] = [], lengths: [Int32] = [], hashes: [UInt64] = []
    /// Each term's documents as they came (in id order): the id's difference from the term's previous id,
    /// shifted left by one with the low bit set for a title term, in LEB128 bytes. At 10,000 articles
    /// `[Int32]` lists were 15 MB, the peak of a one-article edit that builds the index again.
    private var lists: [[UInt8]] = []
    /// The term's last id while its list is `lists`; `~n` once its ids are `dense[n]`.
    private var lastIDs: [Int32] = []
    private var dense: [DenseIDs] = []
    private var slots = [Int32](repeating: -1, count: 1024)

    init(part: Int, documents: Int = 0) {
        self.part = part
        self.documents = documents
        denseLength = documents > 0 ? DenseIDs.bytes(documents: documents) : Int.max
    }

    mutating func append(_ id: Int32, to term: UnsafeBufferPointer<UInt8>, hash: UInt64) {
        if (lists.count + 1) * 2 > slots.count { grow() }
        var slot = Int(truncatingIfNeeded: hash) & (slots.count - 1)
        while slots[slot] >= 0 {
            let index = Int(slots[slot])
            if hashes[index] == hash, Int(lengths[index]) == term.count,
               arena.withUnsafeBufferPointer({ memcmp($0.baseAddress! + Int(starts[index]), term.baseAddress!, term.count) }) == 0 {
                let plain = id < 0 ? ~id : id
                let last = lastIDs[index]
                if last < 0 {
                    dense[Int(~last)].insert(plain, isTitle: id < 0)
                    return
                }
                TermPostings.appendVarint(UInt32(plain - last) << 1 | (id < 0 ? 1 : 0), to: &lists[index])
                lastIDs[index] = plain
                if lists[index].count >= denseLength { makeDense(index) }
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

    /// Moves a term's ids from its list to bits.
    private mutating func makeDense(_ index: Int) {
        var ids = DenseIDs(documents: documents)
        TermPostings.forEachID(in: lists[index]) { id, isTitle in ids.insert(id, isTitle: isTitle) }
        lists[index] = []
        lastIDs[index] = ~Int32(dense.count)
        dense.append(ids)
    }

    /// Each id of the term at `index`, ascending, and whether it is a title id.
    private func forEachID(at index: Int, _ body: (_ id: Int32, _ isTitle: Bool) -> Void) {
        let last = lastIDs[index]
        if last < 0 { dense[Int(~last)].forEach(body) } else { TermPostings.forEachID(in: lists[index], body) }
    }

    /// Terms whose ids are kept as bits (tests).
    var denseCount: Int { dense.count }

    /// Each id of a list, in order, and whether it is a title id.
    @inline(__always)
    static func forEachID(in list: [UInt8], _ body: (_ id: Int32, _ isTitle: Bool) -> Void) {
        var id: Int32 = 0, value: UInt32 = 0, shift: UInt32 = 0
        for byte in list {
            value |= UInt32(byte & 0x7F) << shift
            if byte & 0x80 != 0 { shift += 7; continue }
            id += Int32(value >> 1)
            body(id, value & 1 == 1)
            value = 0; shift = 0
        }
    }

    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        for index in lists.indices {
            var slot = Int(truncatingIfNeeded: hashes[index]) & (slots.count - 1)
            while slots[slot] >= 0 { slot = (slot + 1) & (slots.count - 1) }
            slots[slot] = Int32(index)
        }
    }

    var count: Int { lists.count }

    func term(at index: Int) -> String {
        arena.withUnsafeBufferPointer { buffer in
            String(decoding: UnsafeBufferPointer(rebasing: buffer[Int(starts[index])..<Int(starts[index] + lengths[index])]), as: UTF8.self)
        }
    }

    /// A term's `[[title ids], [text ids]]`, delta-encoded, as its shard holds it.
    func encoded(at index: Int) -> String {
        var title: [Int32] = [], text: [Int32] = []
        forEachID(at: index) { id, isTitle in if isTitle { title.append(id) } else { text.append(id) } }
        return "[" + SearchIndex.deltas(title) + "," + SearchIndex.deltas(text) + "]"
    }

    /// `encoded(at:).utf8.count`, counted on the list without making the text: shards are sized from
    /// it, and a term's text is made once, when its shard is written.
    func encodedLength(at index: Int) -> Int {
        var length = 3 + 2 + 2   // [ , ] and each list's brackets
        var counts = (title: 0, text: 0), previous = (title: Int32(0), text: Int32(0))
        forEachID(at: index) { id, isTitle in
            if isTitle {
                length += TermPostings.digits(Int(id - previous.title)); previous.title = id; counts.title += 1
            } else {
                length += TermPostings.digits(Int(id - previous.text)); previous.text = id; counts.text += 1
            }
        }
        return length + max(0, counts.title - 1) + max(0, counts.text - 1)
    }

    /// Decimal digits of a non-negative number.
    static func digits(_ value: Int) -> Int {
        var count = 1, rest = value
        while rest >= 10 { rest /= 10; count += 1 }
        return count
    }
}

/// A term's ids as bits, one set for the documents it is in and one for those whose title holds it:
/// `DenseIDs.bytes(documents:)` whatever the number of ids.
struct DenseIDs {
    private var present: [UInt64]
    private var title: [UInt64]

    init(documents: Int) {
        present = Array(repeating: 0, count: (documents + 63) / 64)
        title = present
    }

    /// Bytes the two sets take for `documents` documents.
    static func bytes(documents: Int) -> Int { 2 * 8 * ((documents + 63) / 64) }

    mutating func insert(_ id: Int32, isTitle: Bool) {
        let (word, bit) = (Int(id) >> 6, UInt64(1) << UInt64(id & 63))
        present[word] |= bit
        if isTitle { title[word] |= bit }
    }

    /// Each id, ascending, and whether it is a title id.
    func forEach(_ body: (_ id: Int32, _ isTitle: Bool) -> Void) {
        for (word, bits) in present.enumerated() where bits != 0 {
            var rest = bits
            while rest != 0 {
                let bit = rest.trailingZeroBitCount
                rest &= rest - 1
                body(Int32(word << 6 | bit), title[word] & (1 << UInt64(bit)) != 0)
            }
        }
    }
}
