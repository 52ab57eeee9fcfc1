import LoaCore

/// RFC 4180 reader (both separators) on arbitrary text; rows must point at lines of the input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    // Line breaks as CSVText counts them: LF, CRLF (one Character in Swift) and a lone CR. Counted with
    // reduce: `filter` would build a String in which a kept CR and LF merge back into one Character.
    let lineCount = text.reduce(1) { $1 == "\n" || $1 == "\r\n" || $1 == "\r" ? $0 + 1 : $0 }
    for separator in [nil, ",", ";"] as [Character?] {
        switch CSVText.parse(text, separator: separator) {
        case .success(let csv):
            var previous = 0
            for row in csv.rows {
                precondition(row.line >= 1 && row.line <= lineCount + 1 && row.line > previous, "row line \(row.line)")
                previous = row.line
            }
        case .failure(let error):
            precondition(error.line >= 0 && error.line <= lineCount, "error line \(error.line)")
        }
    }
    return 0
}
