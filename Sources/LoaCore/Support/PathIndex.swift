/// Paths → their position in a list (the site's articles, its pages), found by binary search over the
/// paths in byte order: a `[String: Int]` of 100,000 article paths, sized for its load limit, was 6.3 MB
/// held through the render stage, and the paths themselves 6.4 MB more (made for it: an article's path
/// is not stored); this is their bytes and positions (2.7 MB).
public struct PathIndex: Sendable {
    /// In byte order, each with its position in the list given.
    private let paths: SortedPaths
    private let positions: [Int32]

    public init(_ list: [String]) {
        let order = list.indices.sorted { a, b in
            let order = list[a].byteOrder(to: list[b])
            return order < 0 || (order == 0 && a < b)
        }
        paths = SortedPaths(sorted: order.lazy.map { list[$0] })
        positions = order.map { Int32($0) }
    }

    /// The position of `path` in the list (the last one, for a path listed twice).
    public subscript(path: String) -> Int? {
        paths.lastIndex(of: path).map { Int(positions[$0]) }
    }

    /// The index of the last `path` in `sorted` (paths in byte order), by binary search; nil when absent.
    static func lastIndex(of path: String, inByteOrdered sorted: [String]) -> Int? {
        lastIndex(count: sorted.count) { sorted[$0].byteOrder(to: path) }
    }

    /// The last index below `count` whose item equals the key, by binary search over items in ascending
    /// order; `order(i)` is item `i`'s order against the key (negative, zero or positive). nil when none.
    static func lastIndex(count: Int, order: (Int) -> Int) -> Int? {
        // Past every item ≤ the key: the one before it is the last equal one, if any.
        let low = end(count: count, order: order)
        guard low > 0, order(low - 1) == 0 else { return nil }
        return low - 1
    }

    /// The index past the last item ≤ the key (where it would go after equal ones), by binary search as
    /// `lastIndex`.
    static func end(count: Int, order: (Int) -> Int) -> Int {
        var low = 0, high = count
        while low < high {
            let middle = (low + high) / 2
            if order(middle) <= 0 { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
