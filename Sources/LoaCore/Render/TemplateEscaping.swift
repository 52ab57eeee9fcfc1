import Mustache

/// HTML escaping for theme templates: the same bytes as swift-mustache's own `HTMLContentType`, which
/// looks every Character up in a dictionary and was a quarter of a build's instructions (callgrind, see
/// docs/performance.md). Most values contain none of the five special characters and are returned as
/// they are; the others take the library's Character-by-Character path, so a mark combining with `<`
/// stays unescaped exactly as before.
///
/// The library applies a content type only through a pragma, so `Theme` puts one standalone line in
/// front of every template; a standalone tag line renders nothing, and error lines are shifted back.
public enum TemplateEscaping {
    static let contentTypeName = "LOA_HTML"
    /// Lines added in front of each template, to subtract from parser error lines.
    public static let addedLines = 1

    private static let registered: Bool = {
        MustacheContentTypes.register(FastHTMLContentType(), named: contentTypeName)
        return true
    }()

    /// The template text as registered with the library.
    public static func prepare(_ template: String) -> String {
        _ = registered
        return "{{% CONTENT_TYPE: \(contentTypeName) }}\n" + template
    }

    public static func escape(_ text: String) -> String {
        func special(_ byte: UInt8) -> Bool { byte == 0x3C || byte == 0x3E || byte == 0x26 || byte == 0x22 || byte == 0x27 }
        // On the contiguous bytes: the view's own iteration was a hundredth of a clean build.
        guard text.utf8.withContiguousStorageIfAvailable({ $0.contains(where: special) }) ?? text.utf8.contains(where: special) else {
            return text
        }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for c in text {
            switch c {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }
}

struct FastHTMLContentType: MustacheContentType {
    func escapeText(_ text: String) -> String { TemplateEscaping.escape(text) }
}
