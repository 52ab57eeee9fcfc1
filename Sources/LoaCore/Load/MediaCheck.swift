import Foundation

/// Files of `content/media/` are published as they are, on the portal's own address: one that a browser
/// would run (a web page, a script, an SVG with script) would let anyone who can add media deface the site.
public enum MediaCheck {
    /// Kinds a browser runs or renders as a page of the site.
    static let executableExtensions: Set<String> = ["html", "htm", "xhtml", "shtml", "xht", "js", "mjs", "svgz", "swf", "php", "asp", "aspx", "jsp"]

    public static func check(_ files: [String], sources: SourceFiles, log: DiagnosticLog) -> [String] {
        files.filter { file in
            let ext = (file as NSString).pathExtension.lowercased()
            if executableExtensions.contains(ext) {
                log.error(file, nil, "không được đăng tệp .\(ext) trong media/ vì trình duyệt sẽ chạy nó như một trang web — hãy đưa nội dung vào bài viết hoặc chuyển sang PDF")
                return false
            }
            if ext == "svg" || ext == "xml" {
                let text = String(decoding: sources.bytes(file) ?? [], as: UTF8.self)
                if let what = activeContent(in: text) {
                    log.error(file, nil, "ảnh SVG này chứa mã chạy được (\(what)) — hãy xuất lại ảnh dạng PNG/JPG hoặc SVG không có mã")
                    return false
                }
            }
            return true
        }
    }

    /// What in an SVG/XML text could run script: a script element, an event-handler attribute, a
    /// script URL, embedded HTML. nil when none.
    public static func activeContent(in text: String) -> String? {
        let lower = Array(text.lowercased().unicodeScalars)
        let s = String(String.UnicodeScalarView(lower))
        for marker in ["<script", "<foreignobject", "<iframe", "<embed", "<object", "<handler", "<!entity"] where s.contains(marker) {
            return "thẻ \(marker.dropFirst())"
        }
        let compact = String(s.unicodeScalars.filter { !$0.properties.isWhitespace })
        for scheme in ["javascript:", "vbscript:", "data:text/html", "data:image/svg"] where compact.contains(scheme) {
            return "địa chỉ \(scheme)"
        }
        // An attribute `on…=` inside a tag: whitespace or / (or a quote), "on", letters, optional spaces, "=".
        var inTag = false
        var i = 0
        while i < lower.count {
            let c = lower[i]
            if c == "<" { inTag = true } else if c == ">" { inTag = false }
            if inTag, c == "o", i + 2 < lower.count, lower[i + 1] == "n", i > 0,
               [" ", "\t", "\n", "\r", "/", "\"", "'"].contains(lower[i - 1]) {
                var j = i + 2
                var letters = 0
                while j < lower.count, ("a"..."z").contains(lower[j]) { j += 1; letters += 1 }
                while j < lower.count, lower[j].properties.isWhitespace { j += 1 }
                if letters > 0, j < lower.count, lower[j] == "=" { return "thuộc tính on\(String(String.UnicodeScalarView(lower[(i + 2)..<(i + 2 + letters)])))" }
            }
            i += 1
        }
        return nil
    }
}
