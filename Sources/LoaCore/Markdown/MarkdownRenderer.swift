import Ccmark
import Foundation

/// What a body renders to: the HTML, and text extracts other stages need (summary, search, headings).
public struct RenderedMarkdown: Sendable, Hashable {
    public struct Heading: Sendable, Hashable {
        public var level: Int
        public var id: String
        public var text: String
    }

    public var html: String
    /// Plain text of the first paragraph: the summary when the front matter gives none. Emptied in the
    /// resolved article once the summary is made.
    public var firstParagraph: String
    /// The search terms of all the body's text (`SearchIndex.terms`), space-separated: what the search
    /// index reads, made once with the body (and cached with it) instead of folding the whole text again
    /// on every build, and about half the size of the text it replaces in memory.
    public var searchTerms: String
    /// Every heading of the body. In a resolved article: only those of its table of contents
    /// (`tableOfContents`), the only ones its page shows outside the body's HTML.
    public var headings: [Heading]
    /// Procedure codes linked with `tthc:`, so the procedure's page can list the articles that cite it.
    public var procedureLinks: [String]
    /// 0 while `html` is held. Otherwise `html` was dropped after the resolve stage and this is the hash of
    /// the Markdown it came from (`ArticleBodies`), checked when the body is read again.
    public var sourceHash: UInt64 = 0

    /// The headings an article's page lists above its body: its `h2` headings when it has three or more,
    /// none otherwise.
    public static func tableOfContents(_ headings: [Heading]) -> [Heading] {
        let sections = headings.filter { $0.level == 2 }
        return sections.count >= 3 ? sections : []
    }
}

/// How links in a body resolve; supplied by the resolve stage, which knows the site.
public struct MarkdownLinkContext: Sendable {
    /// Root-relative prefix of every internal URL ("/" or "/cchc/").
    public var basePath: String
    /// URL path of a procedure page for a `tthc:` code, nil when no such procedure is published.
    public var procedurePath: @Sendable (String) -> String?

    public init(basePath: String, procedurePath: @escaping @Sendable (String) -> String? = { _ in nil }) {
        self.basePath = basePath
        self.procedurePath = procedurePath
    }
}

/// Renders CommonMark through libcmark without `CMARK_OPT_UNSAFE`: raw HTML in a body is omitted.
/// libcmark is reentrant, so bodies are rendered on all cores.
public enum MarkdownRenderer {
    static let options = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8

    /// Parts may be left out: `extracts: false` (a body rendered again for its HTML, `ArticleBodies`) leaves
    /// the first paragraph and search terms empty; `html: false` (a body whose HTML `ArticleBodies` makes
    /// when its page is written) leaves the HTML empty. Diagnostics, headings and links are the same.
    public static func render(_ markdown: String, file: String, firstLine: Int, links: MarkdownLinkContext,
                              log: DiagnosticLog, extracts: Bool = true, html rendersHTML: Bool = true) -> RenderedMarkdown {
        var markdown = markdown
        return markdown.withUTF8 {
            render(utf8: $0, file: file, firstLine: firstLine, links: links, log: log, extracts: extracts, html: rendersHTML)
        }
    }

    /// `render` of Markdown given as UTF-8 bytes (a body read again from its file, `ArticleBodies`).
    static func render(utf8: UnsafeBufferPointer<UInt8>, file: String, firstLine: Int, links: MarkdownLinkContext,
                       log: DiagnosticLog, extracts: Bool = true, html rendersHTML: Bool = true) -> RenderedMarkdown {
        let lineOffset = firstLine - 1
        // libcmark reads nothing at a null pointer when the length is 0, but wants a pointer.
        let empty: CChar = 0
        guard let document = (utf8.baseAddress.map { base in
            base.withMemoryRebound(to: CChar.self, capacity: utf8.count) { cmark_parse_document($0, utf8.count, options) }
        } ?? withUnsafePointer(to: empty) { cmark_parse_document($0, 0, options) }) ?? emptyDocument() else {
            return RenderedMarkdown(html: "", firstParagraph: "", searchTerms: "", headings: [], procedureLinks: [])
        }
        defer { cmark_node_free(document) }

        var plain: [String] = []
        var procedures: [String] = []
        rewriteLinks(document, file: file, lineOffset: lineOffset, links: links, log: log,
                     plain: &plain, procedures: &procedures, gathersText: extracts)

        // The pieces' bytes, made one string at the end: a string from C is checked for valid UTF-8, and
        // each piece made a string, then the whole an exact copy, checked the body twice (2 % of a build).
        var html: [UInt8] = []
        var headings: [RenderedMarkdown.Heading] = []
        var usedIDs: [String: Int] = [:]
        var firstParagraph = ""
        var child = cmark_node_first_child(document)
        while let node = child {
            child = cmark_node_next(node)
            switch cmark_node_get_type(node) {
            case CMARK_NODE_CODE_BLOCK where CSVBlock.isCSV(info: string(cmark_node_get_fence_info(node))):
                let line = Int(cmark_node_get_start_line(node)) + lineOffset
                // Rendered for its diagnostics even when the HTML is not kept.
                let table = CSVBlock.render(literal: string(cmark_node_get_literal(node)),
                                        info: string(cmark_node_get_fence_info(node)),
                                        file: file, line: line, log: log)
                if rendersHTML { html += table.utf8 }
            case CMARK_NODE_HEADING:
                // The page title is the only h1: body headings start at h2.
                let level = max(2, Int(cmark_node_get_heading_level(node)))
                cmark_node_set_heading_level(node, Int32(level))
                let text = plainText(of: node)
                var id = VietnameseText.slug(text)
                if id.isEmpty { id = "muc" }
                let seen = usedIDs[id, default: 0]
                usedIDs[id] = seen + 1
                if seen > 0 { id += "-\(seen + 1)" }
                headings.append(.init(level: level, id: id, text: text))
                if rendersHTML {
                    html += "<h\(level) id=\"\(id)\">".utf8
                    appendHTML(node, to: &html, droppingFirst: "<hN>".count)
                }
            default:
                if extracts, firstParagraph.isEmpty, cmark_node_get_type(node) == CMARK_NODE_PARAGRAPH {
                    firstParagraph = plainText(of: node)
                }
                if rendersHTML { appendHTML(node, to: &html) }
            }
        }
        // Appending grew the strings' buffers by doubling: the copies are exact, as every body is held
        // until its page is written (about a quarter of a clean build's peak memory was this slack).
        return RenderedMarkdown(html: String(decoding: html, as: UTF8.self), firstParagraph: exactCopy(firstParagraph),
                                searchTerms: extracts ? SearchIndex.termText(of: plain) : "",
                                headings: headings,
                                procedureLinks: procedures)
    }

    private static func emptyDocument() -> OpaquePointer? { cmark_node_new(CMARK_NODE_DOCUMENT) }

    private static func string(_ pointer: UnsafePointer<CChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }

    /// The same text in a buffer of its own size. Appended, not decoded: a string appended to another is
    /// not checked for valid UTF-8 again.
    static func exactCopy(_ text: String) -> String {
        var copy = ""
        copy.reserveCapacity(text.utf8.count)
        copy += text
        return copy
    }

    private static func appendHTML(_ node: OpaquePointer, to html: inout [UInt8], droppingFirst dropped: Int = 0) {
        guard let out = cmark_render_html(node, options) else { return }
        defer { free(out) }
        let count = strlen(out)
        guard count > dropped else { return }
        html.append(contentsOf: UnsafeRawBufferPointer(start: out + dropped, count: count - dropped))
    }

    /// Text content of a node and its descendants, breaks as spaces.
    static func plainText(of node: OpaquePointer) -> String {
        var text = ""
        let iterator = cmark_iter_new(node)
        defer { cmark_iter_free(iterator) }
        while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
            guard cmark_iter_get_event_type(iterator) == CMARK_EVENT_ENTER, let n = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(n) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE: text += string(cmark_node_get_literal(n))
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: text += " "
            default: break
            }
        }
        return text.trimmingWhitespace(newlines: true)
    }

    /// Resolves `tthc:` links and site-relative paths, neutralises script-capable URLs, and gathers plain text.
    private static func rewriteLinks(_ document: OpaquePointer, file: String, lineOffset: Int,
                                     links: MarkdownLinkContext, log: DiagnosticLog,
                                     plain: inout [String], procedures: inout [String], gathersText: Bool = true) {
        let iterator = cmark_iter_new(document)
        defer { cmark_iter_free(iterator) }
        while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            if cmark_iter_get_event_type(iterator) == CMARK_EVENT_EXIT {
                if gathersText, type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING || type == CMARK_NODE_ITEM { plain.append("\n") }
                continue
            }
            switch type {
            // A CSV block's commas need no replacing: terms are runs of letters and digits (`SearchIndex`).
            case CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_CODE_BLOCK:
                if gathersText { plain.append(string(cmark_node_get_literal(node))) }
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                let url = string(cmark_node_get_url(node)).trimmingWhitespace()
                let line = Int(cmark_node_get_start_line(node)) + lineOffset
                let resolved = resolve(url, isImage: type == CMARK_NODE_IMAGE, file: file, line: line,
                                       links: links, log: log, procedures: &procedures)
                if resolved != url { cmark_node_set_url(node, resolved) }
            default:
                break
            }
        }
    }

    static func resolve(_ url: String, isImage: Bool, file: String, line: Int, links: MarkdownLinkContext,
                        log: DiagnosticLog, procedures: inout [String]) -> String {
        let lower = url.lowercased().filter { !$0.isWhitespace && !$0.isNewline }
        if lower.hasPrefix("tthc:") {
            let code = String(url.dropFirst(5))
            guard let path = links.procedurePath(code) else {
                log.error(file, line, "liên kết tới thủ tục \"\(code)\" nhưng không có thủ tục nào mang mã này trong content/procedures")
                return "#"
            }
            procedures.append(code)
            return path
        }
        if URLSafety.isDangerous(lower) {
            log.warning(file, line, "đã vô hiệu hóa một liên kết không an toàn (\(lower.prefix(20))…)")
            return "#"
        }
        if URLSafety.hasScheme(lower) || url.hasPrefix("#") || url.hasPrefix("//") { return url }
        // Site-relative: "media/x.jpg", "/tin-tuc/a/", "../media/x.jpg" all mean paths from the site root.
        var path = Substring(url)
        while path.hasPrefix("../") { path = path.dropFirst(3) }
        while path.hasPrefix("./") { path = path.dropFirst(2) }
        while path.hasPrefix("/") { path = path.dropFirst() }
        if path.hasPrefix("content/") { path = path.dropFirst("content/".count) }
        return links.basePath + path
    }
}

/// Which URLs may reach a page: only schemes that cannot run script.
public enum URLSafety {
    static let safeSchemes = ["http:", "https:", "mailto:", "tel:", "zalo:", "sms:"]

    public static func hasScheme(_ lower: String) -> Bool {
        guard let colon = lower.firstIndex(of: ":") else { return false }
        return lower[..<colon].allSatisfy { $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." }
            && !lower[..<colon].isEmpty
    }

    /// An absolute http(s) address with a host and nothing that could break out of an attribute.
    public static func isWebAddress(_ url: String) -> Bool {
        let lower = url.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://") else { return false }
        let host = lower.drop { $0 != "/" }.dropFirst(2).prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        return !host.isEmpty && !url.unicodeScalars.contains {
            $0.properties.isWhitespace || $0.value < 0x20 || $0 == "\"" || $0 == "<" || $0 == ">" || $0 == "\\" || $0 == "`"
        }
    }

    /// Any scheme except the few safe ones is refused: javascript:, vbscript:, data:, file:…
    public static func isDangerous(_ url: String) -> Bool {
        let lower = url.lowercased().filter { !$0.isWhitespace && !$0.isNewline && $0 != "\0" }
        guard hasScheme(lower) else { return false }
        return !safeSchemes.contains { lower.hasPrefix($0) }
    }
}
