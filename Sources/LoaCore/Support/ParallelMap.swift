import Dispatch

/// Maps over an array on all cores, keeping the input order so output stays deterministic.
public enum ParallelMap {
    public static func map<T, R>(_ items: [T], _ transform: (T) -> R) -> [R] {
        if items.count < 2 { return items.map(transform) }
        return results(items.count) { transform(items[$0]) }
    }

    /// `map` that may empty the items as it goes: `transform` gets each item in place, once, and what it
    /// releases (e.g. a body once rendered) leaves memory then rather than when the whole array does, and
    /// on a large site goes back to the system as the map goes (`FreedMemory.afterItem`).
    public static func mapInPlace<T, R>(_ items: inout [T], _ transform: (inout T) -> R) -> [R] {
        if items.count < 2 { return items.indices.map { transform(&items[$0]) } }
        let count = items.count
        return items.withUnsafeMutableBufferPointer { source in
            let input = source
            return results(count) { index in
                defer { FreedMemory.afterItem(index) }
                return transform(&input[index])
            }
        }
    }

    /// `make(0..<count)` on all cores, in order.
    static func map<R>(count: Int, _ make: (Int) -> R) -> [R] {
        count < 2 ? (0..<count).map(make) : results(count, make)
    }

    /// `make(0..<count)` on all cores, each result put straight into its slot of the result array: no array
    /// of optionals to copy out of (a second copy of every result for a moment, e.g. 10,000 articles).
    private static func results<R>(_ count: Int, _ make: (Int) -> R) -> [R] {
        Array(unsafeUninitializedCapacity: count) { buffer, initialized in
            let out = buffer
            DispatchQueue.concurrentPerform(iterations: count) { index in
                (out.baseAddress! + index).initialize(to: make(index))
            }
            initialized = count
        }
    }
}
