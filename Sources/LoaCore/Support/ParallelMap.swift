import Dispatch

/// Maps over an array on all cores, keeping the input order so output stays deterministic.
public enum ParallelMap {
    public static func map<T, R>(_ items: [T], _ transform: (T) -> R) -> [R] {
        if items.count < 2 { return items.map(transform) }
        var results = [R?](repeating: nil, count: items.count)
        results.withUnsafeMutableBufferPointer { buffer in
            let out = buffer
            DispatchQueue.concurrentPerform(iterations: items.count) { index in
                out[index] = transform(items[index])
            }
        }
        return results.map { $0! }
    }
}
