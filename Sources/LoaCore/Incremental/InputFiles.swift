/// The input files of a scan (`InputScan`): relative path → stamp and hash, in one sorted table.
///
/// A dictionary of 100,000 paths (a string of its own for each, 64-byte buckets at a quarter empty) was
/// 25 MB held from the scan to the end of the build; here the paths are one byte buffer in byte order,
/// found by binary search (8–9 MB).
public struct InputFiles: Sendable, Sequence {
    /// The paths' bytes, one after another, in byte order.
    private var bytes: [UInt8] = []
    /// Where each path ends in `bytes` (it starts where the one before ends).
    private var ends: [UInt32] = []
    private var entries: [InputScan.Entry] = []

    public init() {}

    /// `sorted`: distinct paths in byte order (`precedesInByteOrder`).
    init(sorted: [(path: String, entry: InputScan.Entry)]) {
        bytes.reserveCapacity(sorted.reduce(0) { $0 + $1.path.utf8.count })
        ends.reserveCapacity(sorted.count)
        entries.reserveCapacity(sorted.count)
        for (path, entry) in sorted {
            bytes += path.utf8
            ends.append(UInt32(bytes.count))
            entries.append(entry)
        }
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
        index(of: path).map { entries[$0] }
    }

    /// The path at `index`, in byte order.
    public func path(at index: Int) -> String {
        String(decoding: bytes[start(index)..<Int(ends[index])], as: UTF8.self)
    }

    private func start(_ index: Int) -> Int { index == 0 ? 0 : Int(ends[index - 1]) }

    private func index(of path: String) -> Int? {
        var key = path
        return key.withUTF8 { key in
            bytes.withUnsafeBufferPointer { all in
                var low = 0, high = entries.count
                while low < high {
                    let middle = (low + high) / 2
                    let from = start(middle), to = Int(ends[middle])
                    let order = String.byteOrder(UnsafeBufferPointer(rebasing: all[from..<to]), key)
                    if order == 0 { return middle }
                    if order < 0 { low = middle + 1 } else { high = middle }
                }
                return nil
            }
        }
    }

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
