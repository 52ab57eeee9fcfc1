/// The output manifest's records (`OutputManifest.Record`): every file of the output, path → what made it,
/// in byte order of the paths, found by binary search.
///
/// A dictionary of 140,000 records at 100,000 articles had 262,144 buckets of 88 bytes (23 MB), made while
/// the cache was saved beside what the render stage left: the peak of a clean build. Two arrays hold them in
/// 12 MB, and the paths are the jobs' own (`RecordedOutputs.table`).
public struct OutputRecords: Sendable, Sequence {
    public private(set) var paths: [String]
    public private(set) var records: [OutputManifest.Record]

    public init() { paths = []; records = [] }

    /// `paths` in byte order, each once, with their records.
    init(sorted paths: [String], records: [OutputManifest.Record]) {
        precondition(paths.count == records.count)
        self.paths = paths
        self.records = records
    }

    public var count: Int { paths.count }
    public var isEmpty: Bool { paths.isEmpty }

    private func index(of path: String) -> Int? { PathIndex.lastIndex(of: path, inByteOrdered: paths) }

    public subscript(path: String) -> OutputManifest.Record? {
        get { index(of: path).map { records[$0] } }
        set {
            if let at = index(of: path) {
                if let newValue { records[at] = newValue } else { paths.remove(at: at); records.remove(at: at) }
            } else if let newValue {
                // Rare (an edit in place adds a search file or two): an insertion into both arrays.
                let at = PathIndex.end(count: paths.count) { paths[$0].byteOrder(to: path) }
                paths.insert(path, at: at); records.insert(newValue, at: at)
            }
        }
    }

    /// Whether `files` (each once) are exactly the paths recorded.
    func holdsExactly(_ files: [String]) -> Bool {
        guard files.count == count else { return false }
        return files.isInByteOrder ? files == paths : files.allSatisfy { index(of: $0) != nil }
    }

    public func makeIterator() -> Zip2Sequence<[String], [OutputManifest.Record]>.Iterator {
        zip(paths, records).makeIterator()
    }
}
