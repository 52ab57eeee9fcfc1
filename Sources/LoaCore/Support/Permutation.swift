extension Array {
    /// Reorders the elements in place so that `self[i]` becomes the old `self[order[i]]` (`order` a
    /// permutation of the indices): `order.map { self[$0] }` without a second array, following each cycle
    /// of the permutation with swaps.
    mutating func permute(by order: [Int]) {
        precondition(order.count == count, "a permutation of every index")
        var placed = [Bool](repeating: false, count: count)
        for start in indices where !placed[start] {
            // The element that started at `start` travels along the cycle; each position takes its own.
            var position = start
            while true {
                placed[position] = true
                let from = order[position]
                if from == start { break }
                swapAt(position, from)
                position = from
            }
        }
    }
}
