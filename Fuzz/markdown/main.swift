import LoaCore

/// The Markdown renderer with Loa's extensions (tthc: links, csv blocks, heading ids, URL neutralising).
/// Besides crashes it checks the promise that matters: no script element, no script URL in the output.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let log = DiagnosticLog()
    let links = MarkdownLinkContext(basePath: "/") { code in code.hasPrefix("1.") ? "/thu-tuc/\(code)/" : nil }
    let rendered = MarkdownRenderer.render(text, file: "content/articles/fuzz.md", firstLine: 5, links: links, log: log)
    let html = rendered.html.lowercased()
    precondition(!html.contains("<script"), "script element in output")
    precondition(!html.contains("href=\"javascript:") && !html.contains("src=\"javascript:"), "javascript: URL in output")
    precondition(!html.contains("href=\"vbscript:") && !html.contains("href=\"data:"), "script-capable URL in output")
    return 0
}
