import Foundation
@testable import LoaCore

/// Reads every file of a built site and lists what could run script in a visitor's browser (or feed reader,
/// or address book): the check behind the hostile-content suite, meant to cover file types yet to come.
enum OutputAudit {
    static func problems(in output: String, basePath: String = "/") -> [String] {
        let scanner = MarkupScanner(allowedScriptSources: [basePath + "assets/"])
        var found: [String] = []
        for file in OutputWriter.listFiles(output) {
            guard let data = FileManager.default.contents(atPath: output + "/" + file) else { continue }
            let text = String(decoding: data, as: UTF8.self)
            let ext = (file as NSString).pathExtension.lowercased()
            var problems: [String] = []
            switch ext {
            case "html", "htm", "xhtml", "svg":
                problems = scanner.problems(text)
            case "xml", "rss", "atom", "xsl":
                problems = scanner.problems(text, decodeText: true)
            case "json", "jsonld", "webmanifest", "geojson":
                if let json = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) {
                    problems = jsonProblems(json, key: "", scanner: scanner)
                } else {
                    problems.append("not valid JSON")
                }
            case "vcf", "vcard", "ics":
                problems = vcardProblems(text)
            case "js", "mjs":
                if !file.hasPrefix("assets/") { problems.append("script file outside the theme's assets") }
            default:
                break
            }
            found += problems.map { "\(file): \($0)" }
        }
        return found
    }

    /// JSON is data, not markup; but values a client puts into a page as HTML (JSON Feed `content_html`, any
    /// `…html` key) must be safe HTML, and URL values must not be script URLs.
    static func jsonProblems(_ value: Any, key: String, scanner: MarkupScanner) -> [String] {
        switch value {
        case let dictionary as [String: Any]:
            return dictionary.keys.sorted().flatMap { jsonProblems(dictionary[$0]!, key: $0, scanner: scanner) }
        case let array as [Any]:
            return array.flatMap { jsonProblems($0, key: key, scanner: scanner) }
        case let string as String:
            let lower = key.lowercased()
            var found: [String] = []
            if lower.hasSuffix("html") { found += scanner.problems(string).map { "in \"\(key)\": \($0)" } }
            if lower == "url" || lower.hasSuffix("_url") || lower == "image" || lower == "href" || lower == "src" || lower == "@id",
               MarkupScanner.isScriptURL(string) {
                found.append("script URL in \"\(key)\": \(string.prefix(60))")
            }
            return found
        default:
            return []
        }
    }

    /// A vCard line is `NAME[;PARAMS]:value` or a folded continuation; a value smuggled onto its own line,
    /// or a script URL, is a problem.
    static func vcardProblems(_ text: String) -> [String] {
        var found: [String] = []
        for raw in text.components(separatedBy: "\n") {
            let line = raw.hasSuffix("\r") ? String(raw.dropLast()) : raw
            if line.isEmpty || line.hasPrefix(" ") || line.hasPrefix("\t") { continue }
            guard let colon = line.firstIndex(of: ":") else { found.append("line without a property: \(line.prefix(60))"); continue }
            let name = line[..<colon].split(separator: ";").first.map(String.init) ?? ""
            if !name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") }) {
                found.append("odd property name: \(line.prefix(60))")
            }
            let value = String(line[line.index(after: colon)...])
            if ["URL", "PHOTO", "LOGO", "SOUND", "KEY", "SOURCE"].contains(name.uppercased()), MarkupScanner.isScriptURL(value) {
                found.append("script URL: \(line.prefix(60))")
            }
        }
        return found
    }
}
