import LoaCore

/// Splitter and the whole article parse (YAML front matter, typed keys) on arbitrary bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let log = DiagnosticLog()
    guard let text = SourceFiles.decode(bytes, file: "content/articles/fuzz.md", maxBytes: 1 << 20, log: log) else { return 0 }
    if case .success(let split) = FrontMatter.split(text) {
        precondition(split.yamlFirstLine >= 2 && split.bodyFirstLine > split.yamlFirstLine)
    }
    _ = DocumentLoader.parse(text, file: "content/articles/fuzz.md", kind: .article, log: log)
    for diagnostic in log.all { precondition(diagnostic.line.map { $0 >= 1 } ?? true, "line < 1: \(diagnostic)") }
    return 0
}
