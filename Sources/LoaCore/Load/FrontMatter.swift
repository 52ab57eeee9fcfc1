/// Splits a Markdown file into its YAML front matter and body, remembering where the body starts.
public struct FrontMatter: Sendable, Equatable {
    public var yaml: String
    /// 1-based line of the first YAML line (the line after the opening `---`).
    public var yamlFirstLine: Int
    public var body: String
    /// 1-based line on which the body starts.
    public var bodyFirstLine: Int

    public enum SplitError: Error, Equatable {
        /// The file does not start with `---`.
        case missingOpening
        /// `---` opens a block that is never closed; the associated value is the opening line.
        case unclosed(line: Int)
    }

    /// Expects clean text (BOM dropped, LF line ends). Leading blank lines before `---` are tolerated.
    /// Scans bytes for line ends (a line feed is always a grapheme of its own) and copies the two parts
    /// once, instead of splitting the whole file into lines and joining them again.
    public static func split(_ text: String) -> Result<FrontMatter, SplitError> {
        let bytes = text.utf8
        return layout(bytes) { Substring($0).allSatisfy(\.isWhitespace) }.map { parts in
            FrontMatter(yaml: parts.yamlEnd.map { String(text[parts.yamlStart..<$0]) } ?? "", yamlFirstLine: parts.yamlFirstLine,
                        body: String(text[parts.bodyStart...]), bodyFirstLine: parts.bodyFirstLine)
        }
    }

    /// Where a file's body starts, found on its bytes as read (`ArticleBodies` reading a body again), and
    /// its first line. Blank lines before `---` may hold only spaces, tabs and carriage returns here; a
    /// file this does not understand (a BOM, other white space) gives nil, and the caller falls back to
    /// `split` on the decoded text. The caller checks the body's hash, which also confirms the split.
    static func body(ofRaw bytes: [UInt8]) -> (start: Int, firstLine: Int)? {
        guard case .success(let parts) = layout(bytes, isBlank: { $0.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D } }) else {
            return nil
        }
        return (parts.bodyStart, parts.bodyFirstLine)
    }

    /// The positions of a front matter's parts in a file's bytes: `yamlEnd` nil for an empty block.
    struct Layout<Index> {
        var yamlStart: Index, yamlEnd: Index?, yamlFirstLine: Int, bodyStart: Index, bodyFirstLine: Int
    }

    /// The one scan behind `split` and `body(ofRaw:)`: lines are found by their line feeds; `isBlank`
    /// says which lines before the opening `---` may be skipped.
    static func layout<Bytes: BidirectionalCollection>(_ bytes: Bytes, isBlank: (Bytes.SubSequence) -> Bool)
        -> Result<Layout<Bytes.Index>, SplitError> where Bytes.Element == UInt8 {
        func endOfLine(_ start: Bytes.Index) -> Bytes.Index { bytes[start...].firstIndex(of: 0x0A) ?? bytes.endIndex }
        var start = bytes.startIndex
        var end = endOfLine(start)
        var line = 0   // 0-based index of the line from start to end
        while end != bytes.endIndex, isBlank(bytes[start..<end]) {
            start = bytes.index(after: end)
            end = endOfLine(start)
            line += 1
        }
        guard isDelimiter(bytes[start..<end], orDots: false) else { return .failure(.missingOpening) }
        let first = line
        guard end != bytes.endIndex else { return .failure(.unclosed(line: first + 1)) }
        let yamlStart = bytes.index(after: end)
        start = yamlStart
        while true {
            line += 1
            end = endOfLine(start)
            if isDelimiter(bytes[start..<end], orDots: true) {
                return .success(Layout(yamlStart: yamlStart, yamlEnd: start == yamlStart ? nil : bytes.index(before: start),
                                       yamlFirstLine: first + 2,
                                       bodyStart: end == bytes.endIndex ? end : bytes.index(after: end), bodyFirstLine: line + 2))
            }
            guard end != bytes.endIndex else { return .failure(.unclosed(line: first + 1)) }
            start = bytes.index(after: end)
        }
    }

    /// `---` (or, closing, `...`) followed only by spaces, tabs or carriage returns.
    static func isDelimiter<Line: BidirectionalCollection>(_ line: Line, orDots: Bool) -> Bool where Line.Element == UInt8 {
        var bytes = line[...]
        while let last = bytes.last, last == 0x20 || last == 0x09 || last == 0x0D { bytes = bytes.dropLast() }
        return bytes.elementsEqual("---".utf8) || (orDots && bytes.elementsEqual("...".utf8))
    }
}

extension Substring {
    var trimmingTrailingSpaces: Substring {
        var s = self
        while let last = s.last, last == " " || last == "\t" || last == "\r" { s.removeLast() }
        return s
    }
}
