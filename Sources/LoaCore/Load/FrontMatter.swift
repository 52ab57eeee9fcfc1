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
    public static func split(_ text: String) -> Result<FrontMatter, SplitError> {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var first = 0
        while first < lines.count, lines[first].allSatisfy(\.isWhitespace), first < lines.count - 1 { first += 1 }
        guard first < lines.count, lines[first].trimmingTrailingSpaces == "---" else { return .failure(.missingOpening) }
        var end = first + 1
        while end < lines.count {
            let line = lines[end].trimmingTrailingSpaces
            if line == "---" || line == "..." { break }
            end += 1
        }
        guard end < lines.count else { return .failure(.unclosed(line: first + 1)) }
        let yaml = lines[(first + 1)..<end].joined(separator: "\n")
        lines.removeFirst(end + 1)
        return .success(FrontMatter(yaml: yaml, yamlFirstLine: first + 2, body: lines.joined(separator: "\n"),
                                    bodyFirstLine: end + 2))
    }
}

extension Substring {
    var trimmingTrailingSpaces: Substring {
        var s = self
        while let last = s.last, last == " " || last == "\t" || last == "\r" { s.removeLast() }
        return s
    }
}
