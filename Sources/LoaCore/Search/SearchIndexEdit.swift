import Foundation

/// Documents whose text terms changed, applied to the index files the last build wrote (`BodyOnlyEdit`):
/// each changed term's postings are updated, the shards of the terms' first characters are placed again
/// as `SearchIndex.build` places them, and the version and `meta.json` follow. The files are those a build
/// from the same documents writes; nil when the index is not as expected (the site is then built the
/// usual way).
enum SearchIndexEdit {
    /// One document's text terms, before and after. A term also in its title or keywords stays in its
    /// title list, as the build puts it there and only there.
    struct Change {
        /// The document's URL as `d-<n>.json` holds it (relative to the base path).
        var url: String
        var added: [String]
        var removed: [String]
    }

    struct Result {
        /// Files to write (changed or new), relative to the output folder.
        var written: [(path: String, bytes: [UInt8])]
        var removed: [String]
        var version: String
        /// Every file of the index, sorted.
        var paths: [String]
    }

    /// `files`: the index's files now, each with the xxHash64 of its bytes; `read`: a file's bytes.
    static func apply(_ changes: [Change], files: [String: UInt64], read: (String) -> [UInt8]?) -> Result? {
        let folder = SearchIndex.folder
        guard let meta = read(folder + "meta.json").map({ String(decoding: $0, as: UTF8.self) }),
              let documents = number(after: "\"n\":", in: meta), let keys = shardKeys(meta) else { return nil }
        var ids: [Int] = []
        for change in changes {
            guard let id = documentID(change.url, documents: documents, read: read) else { return nil }
            ids.append(id)
        }
        // The shards of every first character a changed term has: their terms as written, and the postings
        // of the changed terms decoded.
        let characters = Set(changes.flatMap { $0.added + $0.removed }.map { String($0.prefix(1)) })
        var encoded: [String: String] = [:]
        for key in keys where characters.contains(String(key.prefix(1))) {
            guard let bytes = read(folder + "s-\(key).json"), let terms = shardTerms(bytes) else { return nil }
            for (term, value) in terms { encoded[term] = value }
        }
        for (change, id) in zip(changes, ids) {
            for (term, adds) in change.added.map({ ($0, true) }) + change.removed.map({ ($0, false) }) {
                let current: (title: [Int], text: [Int])
                if let value = encoded[term] {
                    guard let decoded = postings(value) else { return nil }
                    current = decoded
                } else {
                    guard adds else { return nil }
                    current = ([], [])
                }
                if current.title.contains(id) { continue }   // a title or keyword term: the build lists it there only
                var text = current.text
                if adds {
                    guard !text.contains(id) else { return nil }
                    text.insert(id, at: text.firstIndex { $0 > id } ?? text.endIndex)
                } else {
                    guard let at = text.firstIndex(of: id) else { return nil }
                    text.remove(at: at)
                }
                encoded[term] = current.title.isEmpty && text.isEmpty ? nil
                    : "[" + SearchIndex.deltas(current.title) + "," + SearchIndex.deltas(text) + "]"
            }
        }
        // The shard keys in the build's order: by first character, each one's as `place` leaves them.
        var byCharacter: [String: [String]] = [:]
        for key in keys { byCharacter[String(key.prefix(1)), default: []].append(key) }
        var written: [(path: String, bytes: [UInt8])] = [], removed: [String] = []
        for character in characters {
            let terms = encoded.filter { $0.key.hasPrefix(character) }.sorted { $0.key.precedesInByteOrder($1.key) }
                .map { ShardTerm(term: $0.key, postingsLength: Int32($0.value.utf8.count), reference: 0) }
            var placed: [(key: String, range: Range<Int>)] = []
            if !terms.isEmpty { SearchIndex.place(terms[...], key: character, into: &placed) }
            let old = byCharacter[character] ?? []
            byCharacter[character] = placed.isEmpty ? nil : placed.map(\.key)
            for shard in placed {
                let path = folder + "s-\(shard.key).json"
                let bytes = Array(SearchIndex.shardJSON(terms[shard.range], postings: { encoded[$0.term]! }).utf8)
                if !old.contains(shard.key) || read(path) != bytes { written.append((path, bytes)) }
            }
            removed += old.filter { !placed.map(\.key).contains($0) }.map { folder + "s-\($0).json" }
        }
        let newKeys = byCharacter.keys.sorted().flatMap { byCharacter[$0]! }

        // Every file but meta.json, as it will be, for the version.
        var hashes = files
        for file in written { hashes[file.path] = XXHash64.hash(file.bytes) }
        for path in removed { hashes[path] = nil }
        let metaPath = folder + "meta.json"
        hashes[metaPath] = nil
        guard !hashes.values.contains(0) else { return nil }   // a hash not recorded
        let all = hashes.map { (path: $0.key, hash: $0.value) }
        let version = SearchIndex.version(of: all)
        let newMeta = SearchIndex.meta(version: version, documents: documents, shards: newKeys)
        if read(metaPath) != newMeta { written.append((metaPath, newMeta)) }
        let newPaths = (all.map(\.path) + [metaPath]).sorted { $0.precedesInByteOrder($1) }
        return Result(written: written.sorted { $0.path.precedesInByteOrder($1.path) }, removed: removed.sorted(),
                      version: version, paths: newPaths)
    }

    /// The document's id: its row in `d-<n>.json` (rows are one per line, a chunk's first id is n × chunk).
    static func documentID(_ url: String, documents: Int, read: (String) -> [UInt8]?) -> Int? {
        let needle = Array(("," + SearchIndex.json(url) + ",").utf8)
        var found: Int?
        for chunk in 0..<((documents + SearchIndex.chunkSize - 1) / SearchIndex.chunkSize) {
            guard let bytes = read(SearchIndex.folder + "d-\(chunk).json") else { return nil }
            guard let at = BodyEmbed.onlyOccurrence(of: needle, in: bytes) else {
                if BodyEmbed.occurs(needle, in: bytes) { return nil }
                continue
            }
            guard found == nil else { return nil }
            found = chunk * SearchIndex.chunkSize + bytes[..<at].lazy.filter { $0 == 0x0A }.count
        }
        return found
    }

    static func number(after label: String, in text: String) -> Int? {
        guard let range = text.range(of: label) else { return nil }
        return Int(text[range.upperBound...].prefix { $0.isASCII && $0.isNumber })
    }

    /// The `shards` list of `meta.json` (keys are `[a-z0-9]`, written without escapes).
    static func shardKeys(_ meta: String) -> [String]? {
        guard let start = meta.range(of: "\"shards\":["), let end = meta[start.upperBound...].firstIndex(of: "]") else { return nil }
        let list = meta[start.upperBound..<end]
        if list.isEmpty { return [] }
        return list.split(separator: ",").map { String($0.dropFirst().dropLast()) }
    }

    /// A shard's terms with their postings as written (`"term":[[…],[…]]` a line each).
    static func shardTerms(_ bytes: [UInt8]) -> [(String, String)]? {
        guard bytes.first == 0x7B, bytes.last == 0x7D else { return nil }
        var out: [(String, String)] = []
        var line = 1
        while line < bytes.count - 1 {
            let end = bytes[line..<(bytes.count - 1)].firstIndex(of: 0x0A) ?? (bytes.count - 1)
            var entry = bytes[line..<end]
            if entry.last == 0x2C { entry = entry.dropLast() }
            guard entry.first == 0x22, let close = entry.dropFirst().firstIndex(of: 0x22), bytes[close + 1] == 0x3A else { return nil }
            out.append((String(decoding: bytes[(line + 1)..<close], as: UTF8.self), String(decoding: entry[(close + 2)...], as: UTF8.self)))
            line = end + 1
        }
        return out
    }

    /// `[[title deltas],[text deltas]]` decoded into ids.
    static func postings(_ encoded: String) -> (title: [Int], text: [Int])? {
        guard encoded.hasPrefix("[["), encoded.hasSuffix("]]") else { return nil }
        let lists = encoded.dropFirst(2).dropLast(2).components(separatedBy: "],[")
        guard lists.count == 2 else { return nil }
        func ids(_ list: String) -> [Int]? {
            var total = 0, out: [Int] = []
            for part in list.split(separator: ",") {
                guard let delta = Int(part) else { return nil }
                total += delta
                out.append(total)
            }
            return out
        }
        guard let title = ids(lists[0]), let text = ids(lists[1]) else { return nil }
        return (title, text)
    }
}
