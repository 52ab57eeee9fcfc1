/// A map from 64-bit keys to non-zero 64-bit values in one array of pairs (open addressing, linear
/// probing, filled up to 7/8 before it doubles): the index of a large build's cache entries, 200,000 of
/// them, where a `Dictionary` sized for its 3/4 load limit had just doubled to 8.4 MB. Keys are hashes
/// already; they are mixed once more so that any keys spread. No removal: nothing removes an entry.
struct WordTable {
    private var slots: [(key: UInt64, value: UInt64)] = []
    private(set) var count = 0

    private static func slot(of key: UInt64, in size: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - size.trailingZeroBitCount)) & (size - 1)
    }

    subscript(key: UInt64) -> UInt64? {
        get {
            guard !slots.isEmpty else { return nil }
            var at = Self.slot(of: key, in: slots.count)
            while slots[at].value != 0 {
                if slots[at].key == key { return slots[at].value }
                at = (at + 1) & (slots.count - 1)
            }
            return nil
        }
        set {
            guard let value = newValue else { preconditionFailure("WordTable entries are never removed") }
            precondition(value != 0, "WordTable values are non-zero")
            if (count + 1) * 8 > slots.count * 7 { grow() }
            var at = Self.slot(of: key, in: slots.count)
            while slots[at].value != 0 {
                if slots[at].key == key { slots[at].value = value; return }
                at = (at + 1) & (slots.count - 1)
            }
            slots[at] = (key, value)
            count += 1
        }
    }

    /// Every key, in the table's order.
    var keys: [UInt64] { slots.compactMap { $0.value == 0 ? nil : $0.key } }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: (0, 0), count: max(16, old.count * 2))
        for entry in old where entry.value != 0 {
            var at = Self.slot(of: entry.key, in: slots.count)
            while slots[at].value != 0 { at = (at + 1) & (slots.count - 1) }
            slots[at] = entry
        }
    }
}
