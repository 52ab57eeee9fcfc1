import Foundation

/// Runs a query on a built index exactly as `themes/default/assets/search.js` does, reading files through
/// `load`. Tests use it to check ranking and to count the bytes a browser would download for a query.
public struct SearchQuery {
    public struct Result: Equatable, Sendable {
        public var id: Int
        public var kind: String
        public var title: String
        public var url: String
        public var matched: Int
        public var score: Int
    }

    public struct Answer: Sendable {
        /// Best first. When no document has every word, documents with some of them (`partial`).
        public var results: [Result]
        public var partial: Bool
        /// Files (relative to `SearchIndex.folder`) the script fetches to show the first page, in order.
        public var fetched: [String]
    }

    /// Results per page of the search page.
    public static let pageSize = 10

    let load: (String) -> [UInt8]?

    /// `load` gets a file name relative to `SearchIndex.folder`, e.g. "meta.json".
    public init(load: @escaping (String) -> [UInt8]?) {
        self.load = load
    }

    /// Query words: the same terms as the index, at most 8.
    public static func words(_ query: String) -> [String] {
        Array(SearchIndex.terms(query).prefix(8))
    }

    public func run(_ query: String) -> Answer {
        var fetched: [String] = []
        func get(_ name: String) -> Any? {
            fetched.append(name)
            return load(name).flatMap { try? JSONSerialization.jsonObject(with: Data($0)) }
        }
        guard let meta = get("meta.json") as? [String: Any], let keys = meta["shards"] as? [String],
              let chunk = meta["chunk"] as? Int else { return Answer(results: [], partial: false, fetched: fetched) }
        let words = SearchQuery.words(query)
        let keySet = Set(keys)
        // doc id → (words matched, score)
        var hits: [Int: (matched: Int, score: Int)] = [:]
        var shards: [String: [String: Any]] = [:]
        for (index, word) in words.enumerated() {
            guard let key = (1...word.count).reversed().map({ String(word.prefix($0)) }).first(where: keySet.contains) else { continue }
            if shards[key] == nil { shards[key] = get("s-\(key).json") as? [String: Any] ?? [:] }
            let shard = shards[key]!
            var entries: [Any] = shard[word].map { [$0] } ?? []
            // The last word may be unfinished: when it is not a term, use the terms it begins.
            let unfinished = index == words.count - 1 && !(query.last?.isWhitespace ?? false)
            if entries.isEmpty && unfinished {
                entries = shard.keys.sorted().filter { $0.hasPrefix(word) }.map { shard[$0]! }
            }
            var best: [Int: Int] = [:]
            for entry in entries {
                guard let lists = entry as? [[Int]], lists.count == 2 else { continue }
                for (tier, list) in lists.enumerated() {
                    var id = 0
                    for delta in list {
                        id += delta
                        best[id] = max(best[id] ?? 0, tier == 0 ? SearchIndex.titleWeight : 1)
                    }
                }
            }
            for (id, weight) in best {
                let old = hits[id] ?? (0, 0)
                hits[id] = (old.matched + 1, old.score + weight)
            }
        }
        var ranked = hits.sorted { a, b in
            if a.value.matched != b.value.matched { return a.value.matched > b.value.matched }
            if a.value.score != b.value.score { return a.value.score > b.value.score }
            return a.key < b.key
        }
        let complete = ranked.filter { $0.value.matched == words.count }
        let partial = complete.isEmpty && !ranked.isEmpty
        if !partial { ranked = complete }

        var chunks: [Int: [[Any]]] = [:]
        var results: [Result] = []
        for (position, hit) in ranked.enumerated() {
            var kind = "", title = "", url = ""
            if position < SearchQuery.pageSize {
                let number = hit.key / chunk
                if chunks[number] == nil { chunks[number] = get("d-\(number).json") as? [[Any]] ?? [] }
                let rows = chunks[number]!
                if hit.key % chunk < rows.count {
                    let row = rows[hit.key % chunk]
                    kind = row[0] as? String ?? ""
                    title = row[1] as? String ?? ""
                    url = row[2] as? String ?? ""
                }
            }
            results.append(Result(id: hit.key, kind: kind, title: title, url: url,
                                  matched: hit.value.matched, score: hit.value.score))
        }
        return Answer(results: results, partial: partial, fetched: fetched)
    }
}
