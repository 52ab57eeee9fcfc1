/// The input files of a scan (`InputScan`): relative path → stamp and hash, in one sorted table.
///
/// A dictionary of 100,000 paths (a string of its own for each, 64-byte buckets at a quarter empty) was
/// 25 MB held from the scan to the end of the build; here the paths are one byte buffer in byte order,
/// found by binary search (8–9 MB).
public struct InputFiles: Sendable, Sequence {
    private var paths = SortedPaths()
    private var entries: [InputScan.Entry] = []

    public init() {}

    /// `sorted`: distinct paths in byte order (`precedesInByteOrder`).
    init(sorted: [(path: String, entry: InputScan.Entry)]) {
        paths = SortedPaths(sorted: sorted.lazy.map(\.path))
        entries = sorted.map(\.entry)
    }

    /// Any order, duplicates allowed (the last one wins): as read back from an older cache.
    init(unordered: [(path: String, entry: InputScan.Entry)]) {
        var seen: [String: Int] = [:]
        var pairs: [(path: String, entry: InputScan.Entry)] = []
        for pair in unordered {
            if let at = seen[pair.path] { pairs[at] = pair } else { seen[pair.path] = pairs.count; pairs.append(pair) }
        }
        self.init(sorted: pairs.sorted { $0.path.precedesInByteOrder($1.path) })
    }

    public var count: Int { entries.count }

    public subscript(path: String) -> InputScan.Entry? {
        paths.lastIndex(of: path).map { entries[$0] }
    }

    /// The path at `index`, in byte order.
    public func path(at index: Int) -> String { paths.path(at: index) }

    /// Paths in byte order, each with its entry.
    public func makeIterator() -> AnyIterator<(path: String, entry: InputScan.Entry)> {
        var index = 0
        return AnyIterator {
            guard index < entries.count else { return nil }
            defer { index += 1 }
            return (path(at: index), entries[index])
        }
    }
}
