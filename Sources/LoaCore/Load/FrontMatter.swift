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
        func endOfLine(_ start: String.Index) -> String.Index { bytes[start...].firstIndex(of: 0x0A) ?? bytes.endIndex }
        var start = bytes.startIndex
        var end = endOfLine(start)
        var line = 0   // 0-based index of the line from start to end
        while end != bytes.endIndex, text[start..<end].allSatisfy(\.isWhitespace) {
            start = bytes.index(after: end)
            end = endOfLine(start)
            line += 1
        }
        guard isDelimiter(text[start..<end], orDots: false) else { return .failure(.missingOpening) }
        let first = line
        guard end != bytes.endIndex else { return .failure(.unclosed(line: first + 1)) }
        let yamlStart = bytes.index(after: end)
        start = yamlStart
        while true {
            line += 1
            end = endOfLine(start)
            if isDelimiter(text[start..<end], orDots: true) {
                let yaml = start == yamlStart ? "" : String(text[yamlStart..<bytes.index(before: start)])
                let body = end == bytes.endIndex ? "" : String(text[bytes.index(after: end)...])
                return .success(FrontMatter(yaml: yaml, yamlFirstLine: first + 2, body: body, bodyFirstLine: line + 2))
            }
            guard end != bytes.endIndex else { return .failure(.unclosed(line: first + 1)) }
            start = bytes.index(after: end)
        }
    }

    /// `---` (or, closing, `...`) followed only by spaces, tabs or carriage returns.
    static func isDelimiter(_ line: Substring, orDots: Bool) -> Bool {
        var bytes = line.utf8[...]
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
