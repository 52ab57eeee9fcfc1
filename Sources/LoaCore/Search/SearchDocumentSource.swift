/// The search index's documents, in the index's order (`SearchIndex.ordered`), made a range at a time.
///
/// A clean build makes them a batch at a time while it builds the index (`SearchIndex.build`): at 100,000
/// articles every document held at once (their array, addresses and keywords, 38 MB) was on top of the
/// postings tables, the planning stage's peak. Parts that are small (procedures, hotlines, standing pages)
/// are held; the articles' documents are made when their range is asked for.
struct SearchDocumentSource {
    struct Part {
        var count: Int
        /// Documents `range` of this part (`range` within `0..<count`).
        var make: (Range<Int>) -> [SearchDocument]
    }

    private let parts: [Part]
    let count: Int

    init(_ parts: [Part]) {
        self.parts = parts
        count = parts.reduce(0) { $0 + $1.count }
    }

    /// Documents already made, in the index's order.
    init(held documents: [SearchDocument]) { self.init([.held(documents)]) }

    /// Documents `range` (within `0..<count`), across parts.
    func documents(_ range: Range<Int>) -> [SearchDocument] {
        var documents: [SearchDocument] = []
        documents.reserveCapacity(range.count)
        var start = 0
        for part in parts {
            let end = start + part.count
            let (lower, upper) = (max(range.lowerBound, start), min(range.upperBound, end))
            if lower < upper { documents += part.make((lower - start)..<(upper - start)) }
            start = end
        }
        return documents
    }

    /// Every document (tests, and an incremental build that keeps them to build a reused index again).
    func all() -> [SearchDocument] { documents(0..<count) }
}

extension SearchDocumentSource.Part {
    static func held(_ documents: [SearchDocument]) -> Self {
        Self(count: documents.count) { Array(documents[$0]) }
    }
}
