/// An article's table of contents (`RenderedMarkdown.headings` of a resolved article) in one byte array:
/// each heading's level, then its id and text, each after its length. Held from resolve to the end of a
/// build for every article that lists its sections: an array of headings and two strings each were 9 MB at
/// 100,000 articles, one array of their bytes is about a third of that.
struct PackedHeadings: Sendable, Equatable {
    private(set) var bytes: [UInt8] = []

    init(_ headings: [RenderedMarkdown.Heading]) {
        guard !headings.isEmpty else { return }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(headings.reduce(0) { $0 + 11 + $1.id.utf8.count + $1.text.utf8.count })
        for heading in headings {
            TermPostings.appendVarint(UInt32(clamping: heading.level), to: &bytes)
            for field in [heading.id, heading.text] {
                TermPostings.appendVarint(UInt32(field.utf8.count), to: &bytes)
                bytes += field.utf8
            }
        }
        self.bytes = bytes
    }

    var headings: [RenderedMarkdown.Heading] {
        var headings: [RenderedMarkdown.Heading] = []
        var at = 0
        func number() -> Int {
            var value = 0, shift = 0
            while true {
                let byte = bytes[at]
                at += 1
                value |= Int(byte & 0x7F) << shift
                if byte & 0x80 == 0 { return value }
                shift += 7
            }
        }
        func text() -> String {
            let count = number()
            defer { at += count }
            return String(decoding: bytes[at..<at + count], as: UTF8.self)
        }
        while at < bytes.count {
            let level = number()
            let id = text()
            headings.append(.init(level: level, id: id, text: text()))
        }
        return headings
    }
}
