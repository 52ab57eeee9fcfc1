/// Paths in byte order, kept as one byte buffer and found by binary search: a `String` of its own for
/// each path costs a 32-byte header and the allocator's rounding (100,000 article paths: 6.4 MB as
/// strings, 2 MB here). Used by the build cache's input table (`InputFiles`) and the sharing context's
/// index of paths (`PathIndex`).
struct SortedPaths: Sendable {
    /// The paths' bytes, one after another, in byte order.
    private var bytes: [UInt8] = []
    /// Where each path ends in `bytes` (it starts where the one before ends).
    private var ends: [UInt32] = []

    init() {}

    /// `sorted`: paths in byte order (`precedesInByteOrder`), duplicates next to one another.
    init<Paths: Collection>(sorted: Paths) where Paths.Element == String {
        bytes.reserveCapacity(sorted.reduce(0) { $0 + $1.utf8.count })
        ends.reserveCapacity(sorted.count)
        for path in sorted {
            bytes += path.utf8
            ends.append(UInt32(bytes.count))
        }
    }

    var count: Int { ends.count }

    /// The path at `index`, in byte order.
    func path(at index: Int) -> String {
        String(decoding: bytes[start(index)..<Int(ends[index])], as: UTF8.self)
    }

    private func start(_ index: Int) -> Int { index == 0 ? 0 : Int(ends[index - 1]) }

    /// The index of the last `path`, nil when absent.
    func lastIndex(of path: String) -> Int? {
        var key = path
        return key.withUTF8 { key in
            bytes.withUnsafeBufferPointer { all in
                PathIndex.lastIndex(count: ends.count) { index in
                    String.byteOrder(UnsafeBufferPointer(rebasing: all[start(index)..<Int(ends[index])]), key)
                }
            }
        }
    }
}
