import Foundation

/// A tokenizer good enough to judge built output the way a browser would: tags, attributes (entity-decoded),
/// raw-text elements, comments, CDATA. It reports what could run script; escaped payload text is only text.
struct MarkupScanner {
    /// `src` prefixes of the theme's own scripts, e.g. `/assets/`.
    var allowedScriptSources: [String]

    static let urlAttributes: Set<String> = [
        "href", "src", "action", "formaction", "xlink:href", "poster", "background", "data", "cite", "srcset",
        "lowsrc", "dynsrc", "ping", "icon", "manifest", "longdesc", "usemap", "codebase", "archive", "profile",
        "values", "to", "from", "by",
    ]
    static let forbiddenElements: Set<String> = ["iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal"]
    static let htmlTextElements: Set<String> = ["description", "content:encoded", "itunes:summary"]
    static let urlTextElements: Set<String> = ["link", "url", "loc", "guid", "id", "uri", "comments", "docs"]
    static let rawTextElements: Set<String> = ["script", "style", "textarea", "title", "xmp", "noembed", "noframes"]

    /// Problems of an HTML or SVG text. `decodeText` also scans text and CDATA, entity-decoded, as HTML:
    /// what a feed reader does with an RSS description or an Atom `type="html"` content.
    func problems(_ text: String, decodeText: Bool = false) -> [String] {
        var found: [String] = []
        let s = Array(text.unicodeScalars)
        var i = 0
        func at(_ prefix: String, _ index: Int) -> Bool {
            let p = Array(prefix.lowercased().unicodeScalars)
            guard index + p.count <= s.count else { return false }
            for k in 0..<p.count where Character(s[index + k]).lowercased() != String(p[k]) { return false }
            return true
        }
        func find(_ marker: String, from index: Int) -> Int {
            var j = index
            while j < s.count, !at(marker, j) { j += 1 }
            return j
        }
        func string(_ range: Range<Int>) -> String { String(String.UnicodeScalarView(s[range])) }
        var textStart = 0
        var current: (name: String, attributes: [(String, String)]) = ("", [])
        /// Feed elements whose text a reader renders as HTML, and those holding a URL.
        func flushText(_ end: Int) {
            guard decodeText, textStart < end else { return }
            let text = MarkupScanner.decodeEntities(string(textStart..<end))
            let type = current.attributes.first { $0.0 == "type" }?.1.lowercased() ?? ""
            // RSS description and content:encoded are HTML; Atom text constructs only with type="html".
            if MarkupScanner.htmlTextElements.contains(current.name) || type == "html" || type == "xhtml" {
                found += problems(text).map { "in <\(current.name)>: \($0)" }
            }
            if MarkupScanner.urlTextElements.contains(current.name), MarkupScanner.isScriptURL(text) {
                found.append("script URL in <\(current.name)>: \(text.prefix(60))")
            }
        }
        while i < s.count {
            guard s[i] == "<" else { i += 1; continue }
            if at("<!--", i) {
                flushText(i)
                i = find("-->", from: i + 4) + 3; textStart = i; continue
            }
            if at("<![CDATA[", i) {
                flushText(i)
                let end = find("]]>", from: i + 9)
                if decodeText { found += problems(string((i + 9)..<min(end, s.count))).map { "in CDATA: \($0)" } }
                i = end + 3; textStart = i; continue
            }
            if at("<!", i) || at("<?", i) || at("</", i) {
                flushText(i)
                i = find(">", from: i + 2) + 1; textStart = i; continue
            }
            guard i + 1 < s.count, s[i + 1].properties.isAlphabetic else { i += 1; continue }
            flushText(i)
            // Start tag.
            var j = i + 1
            while j < s.count, !s[j].properties.isWhitespace, s[j] != "/", s[j] != ">" { j += 1 }
            let name = string((i + 1)..<j).lowercased()
            var attributes: [(String, String)] = []
            while j < s.count, s[j] != ">" {
                if s[j].properties.isWhitespace || s[j] == "/" { j += 1; continue }
                let nameStart = j
                while j < s.count, !s[j].properties.isWhitespace, s[j] != "=", s[j] != ">", s[j] != "/" { j += 1 }
                let attribute = string(nameStart..<j).lowercased()
                while j < s.count, s[j].properties.isWhitespace { j += 1 }
                var value = ""
                if j < s.count, s[j] == "=" {
                    j += 1
                    while j < s.count, s[j].properties.isWhitespace { j += 1 }
                    if j < s.count, s[j] == "\"" || s[j] == "'" {
                        let quote = s[j]
                        let start = j + 1
                        j = start
                        while j < s.count, s[j] != quote { j += 1 }
                        value = string(start..<min(j, s.count))
                        j += 1
                    } else {
                        let start = j
                        while j < s.count, !s[j].properties.isWhitespace, s[j] != ">" { j += 1 }
                        value = string(start..<j)
                    }
                }
                attributes.append((attribute, MarkupScanner.decodeEntities(value)))
            }
            i = j + 1
            current = (name, attributes)
            found += check(element: name, attributes: attributes)
            if MarkupScanner.rawTextElements.contains(name) {
                let end = find("</\(name)", from: i)
                let content = string(i..<min(end, s.count))
                if name == "script" {
                    let type = attributes.first { $0.0 == "type" }?.1.lowercased() ?? ""
                    if type == "application/ld+json" {
                        if (try? JSONSerialization.jsonObject(with: Data(content.utf8))) == nil {
                            found.append("JSON-LD that is not valid JSON: \(content.prefix(80))")
                        }
                    } else if !content.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                        found.append("inline script: \(content.prefix(80))")
                    }
                }
                if name == "style", MarkupScanner.isScriptish(content) { found.append("script in style: \(content.prefix(80))") }
                i = end
            }
            textStart = i
        }
        flushText(s.count)
        return found
    }

    func check(element: String, attributes: [(String, String)]) -> [String] {
        var found: [String] = []
        let shown = "<\(element) \(attributes.map { "\($0.0)=\"\($0.1)\"" }.joined(separator: " "))>"
        if MarkupScanner.forbiddenElements.contains(element) { found.append("forbidden element \(shown)") }
        if element == "script" {
            let type = attributes.first { $0.0 == "type" }?.1.lowercased() ?? ""
            if type != "application/ld+json" {
                let src = attributes.first { $0.0 == "src" }?.1 ?? ""
                if src.isEmpty || !allowedScriptSources.contains(where: src.hasPrefix) { found.append("script element \(shown)") }
            }
        }
        if element == "meta", attributes.contains(where: { $0.0 == "http-equiv" && $0.1.lowercased() == "refresh" }),
           let content = attributes.first(where: { $0.0 == "content" })?.1,
           let url = content.range(of: "url=", options: .caseInsensitive).map({ String(content[$0.upperBound...]) }),
           MarkupScanner.isScriptURL(url) {
            found.append("refresh to a script URL \(shown)")
        }
        for (name, value) in attributes {
            if name.hasPrefix("on"), name.count > 2, name.dropFirst(2).allSatisfy({ $0.isLetter }) {
                found.append("event-handler attribute \(name) in \(shown)")
            }
            if MarkupScanner.urlAttributes.contains(name), MarkupScanner.isScriptURL(value) {
                found.append("script URL in \(name) of \(shown)")
            }
            if name == "style", MarkupScanner.isScriptish(value) { found.append("script in style attribute \(shown)") }
        }
        return found
    }

    /// As browsers read a URL: leading controls and spaces dropped, tabs and newlines removed anywhere.
    static func isScriptURL(_ url: String) -> Bool {
        let cleaned = String(String.UnicodeScalarView(url.unicodeScalars.drop { $0.value <= 0x20 }
            .filter { $0 != "\t" && $0 != "\n" && $0 != "\r" })).lowercased()
        return ["javascript:", "vbscript:", "livescript:", "data:text/html", "data:application/xhtml", "data:image/svg"]
            .contains(where: cleaned.hasPrefix)
    }

    static func isScriptish(_ css: String) -> Bool {
        let compact = css.lowercased().filter { !$0.isWhitespace }
        return compact.contains("javascript:") || compact.contains("expression(") || compact.contains("-moz-binding")
    }

    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        let named = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "colon": ":", "tab": "\t",
                     "newline": "\n", "sol": "/", "lpar": "(", "rpar": ")", "nbsp": "\u{A0}"]
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            let body = after.prefix { $0.isLetter || $0.isNumber || $0 == "#" }
            var consumed = body.count
            var replacement: String?
            if body.hasPrefix("#x") || body.hasPrefix("#X") {
                replacement = UInt32(body.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String($0) }
            } else if body.hasPrefix("#") {
                replacement = UInt32(body.dropFirst()).flatMap(Unicode.Scalar.init).map { String($0) }
            } else {
                replacement = named[body.lowercased()]
            }
            if let replacement {
                if after.dropFirst(body.count).first == ";" { consumed += 1 }
                out += replacement
                rest = after.dropFirst(consumed)
            } else {
                out += "&"
                rest = after
            }
        }
        return out + rest
    }
}
