/// The outputs of the build in progress, path → what made each (`OutputManifest.Record`), as the build
/// cache records them while the pages are written.
///
/// Held through the render stage, the manifest's own records (72 bytes, 41 of them a stamp that only a
/// file kept from the last build has) in a dictionary of 262,144 buckets were 23 MB at 100,000 articles;
/// here a record is 32 bytes and the few stamps sit in an array beside them.
struct RecordedOutputs {
    private struct Compact {
        var key: UInt64
        var contentHash: UInt64
        var inputKey: UInt64
        /// Index in `stamps`; -1 for none.
        var stamp: Int32
    }

    private var table: [String: Compact] = [:]
    private var stamps: [FileStamp] = []

    mutating func reserveCapacity(_ count: Int) { table.reserveCapacity(count) }

    var isEmpty: Bool { table.isEmpty }

    subscript(path: String) -> OutputManifest.Record? {
        get {
            table[path].map { .init(key: $0.key, contentHash: $0.contentHash,
                                    stamp: $0.stamp < 0 ? nil : stamps[Int($0.stamp)], inputKey: $0.inputKey) }
        }
        set {
            guard let record = newValue else { table[path] = nil; return }
            var at: Int32 = -1
            if let stamp = record.stamp { at = Int32(stamps.count); stamps.append(stamp) }
            table[path] = Compact(key: record.key, contentHash: record.contentHash, inputKey: record.inputKey, stamp: at)
        }
    }

    /// Every path recorded, in no particular order (but the same order as long as nothing is recorded).
    var paths: [String] { Array(table.keys) }

    /// The manifest's records, with `stamps`: one for each of `paths`, in its order.
    func manifestRecords(stamps: [FileStamp?]) -> [String: OutputManifest.Record] {
        precondition(stamps.count == table.count)
        var records: [String: OutputManifest.Record] = [:]
        records.reserveCapacity(table.count)
        for ((path, compact), stamp) in zip(table, stamps) {
            records[path] = .init(key: compact.key, contentHash: compact.contentHash, stamp: stamp, inputKey: compact.inputKey)
        }
        return records
    }
}
