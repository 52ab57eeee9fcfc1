/// The outputs of the build in progress, path → what made each (`OutputManifest.Record`), as the build
/// cache records them while the pages are written.
///
/// Held through the render stage, the manifest's own records (72 bytes, 41 of them a stamp that only a
/// file kept from the last build has) in a dictionary of 262,144 buckets were 23 MB at 100,000 articles;
/// a record is 32 bytes and the few stamps sit in an array beside them. The paths the build will write
/// are given ahead (`expect`: the jobs', in byte order) and their records sit in an array beside them,
/// found by binary search: a dictionary of the same records, sized for its load factor, was 12.6 MB.
/// Paths not given ahead (compressed copies) go into a dictionary of their own.
struct RecordedOutputs {
    private struct Compact {
        var key: UInt64
        var contentHash: UInt64
        var inputKey: UInt64
        /// Index in `stamps`; `RecordedOutputs.noStamp` for none, `RecordedOutputs.unrecorded` for a
        /// path given ahead and not recorded (yet).
        var stamp: Int32
    }
    private static let noStamp: Int32 = -1, unrecorded: Int32 = -2

    /// In byte order; `slots` holds their records.
    private var expected: [String] = []
    private var slots: [Compact] = []
    private var others: [String: Compact] = [:]
    private var stamps: [FileStamp] = []
    private(set) var count = 0

    /// The paths about to be recorded (any order; the jobs' are already in byte order, and kept as they are).
    mutating func expect(_ paths: [String]) {
        expected = paths.isInByteOrder ? paths : paths.sorted { $0.precedesInByteOrder($1) }
        slots = Array(repeating: Compact(key: 0, contentHash: 0, inputKey: 0, stamp: Self.unrecorded), count: expected.count)
        others = [:]
        stamps = []
        count = 0
    }

    var isEmpty: Bool { count == 0 }

    private func slot(of path: String) -> Int? { PathIndex.lastIndex(of: path, inByteOrdered: expected) }

    private func compact(_ path: String) -> Compact? {
        if let slot = slot(of: path) { return slots[slot].stamp == Self.unrecorded ? nil : slots[slot] }
        return others[path]
    }

    subscript(path: String) -> OutputManifest.Record? {
        get {
            compact(path).map { .init(key: $0.key, contentHash: $0.contentHash,
                                      stamp: $0.stamp < 0 ? nil : stamps[Int($0.stamp)], inputKey: $0.inputKey) }
        }
        set {
            let had = compact(path) != nil
            var compact: Compact?
            if let record = newValue {
                var at = Self.noStamp
                if let stamp = record.stamp { at = Int32(stamps.count); stamps.append(stamp) }
                compact = Compact(key: record.key, contentHash: record.contentHash, inputKey: record.inputKey, stamp: at)
            }
            if let slot = slot(of: path) {
                slots[slot] = compact ?? Compact(key: 0, contentHash: 0, inputKey: 0, stamp: Self.unrecorded)
            } else {
                others[path] = compact
            }
            count += (compact != nil ? 1 : 0) - (had ? 1 : 0)
        }
    }

    /// The manifest's records (`OutputRecords`), each stamped by `stamp` (called on all cores with the path
    /// and its record as recorded). Consumed: when every path given ahead was recorded and no other, they
    /// are the table's paths as they are.
    consuming func table(stamp: (String, OutputManifest.Record) -> FileStamp?) -> OutputRecords {
        var paths: [String] = [], compacts: [Compact] = []
        if others.isEmpty && count == expected.count {
            swap(&paths, &expected)
            swap(&compacts, &slots)
        } else {
            var pairs: [(String, Compact)] = []
            pairs.reserveCapacity(count)
            for (path, slot) in zip(expected, slots) where slot.stamp != Self.unrecorded { pairs.append((path, slot)) }
            pairs += others.map { ($0.key, $0.value) }
            expected = []; slots = []; others = [:]
            pairs.sort { $0.0.precedesInByteOrder($1.0) }
            paths = pairs.map(\.0)
            compacts = pairs.map(\.1)
        }
        let stamps = self.stamps
        func record(_ compact: Compact) -> OutputManifest.Record {
            .init(key: compact.key, contentHash: compact.contentHash,
                  stamp: compact.stamp < 0 ? nil : stamps[Int(compact.stamp)], inputKey: compact.inputKey)
        }
        let records = ParallelMap.map(count: paths.count) { index -> OutputManifest.Record in
            var made = record(compacts[index])
            made.stamp = stamp(paths[index], made)
            return made
        }
        return OutputRecords(sorted: paths, records: records)
    }
}
