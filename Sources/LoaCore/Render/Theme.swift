import Foundation
import Mustache

/// A theme folder: Mustache templates under `templates/`, files under `assets/` copied to `/assets/`.
public struct Theme: Sendable {
    public var name: String
    public var library: MustacheLibrary
    /// Relative to the site root.
    public var assets: [String]
    /// Hash of every template's name and text as loaded: a page rendered with equal fingerprints and an
    /// equal context has equal bytes.
    public var fingerprint: UInt64 = 0

    /// Templates every theme must have; a missing one is reported before anything renders.
    public static let requiredTemplates = ["home", "article", "list", "units", "unit", "terms", "page", "404",
                                                 "procedures", "procedure-field", "procedure", "hotlines",
                                                 "rankings", "ranking-index", "ranking-year", "search"]

    public static func load(name: String, sources: SourceFiles, log: DiagnosticLog) -> Theme? {
        let folder = "themes/\(name)"
        guard sources.isDirectory(folder) else {
            log.error(SiteConfigLoader.file, nil, "không tìm thấy giao diện \"\(name)\" (thư mục \(folder)/)")
            return nil
        }
        var library = MustacheLibrary()
        var broken: Set<String> = []
        var fingerprint = XXHash64(seed: 0x7E)
        for file in sources.list("\(folder)/templates", log: log) where file.hasSuffix(".mustache") {
            guard let text = sources.text(file, log: log) else { continue }
            let name = String(file.dropFirst("\(folder)/templates/".count).dropLast(".mustache".count))
            fingerprint.field(name)
            fingerprint.field(text)
            do {
                try library.register(TemplateEscaping.prepare(text), named: name)
            } catch let error as MustacheTemplate.ParserError {
                broken.insert(name)
                log.error(file, max(1, error.context.lineNumber - TemplateEscaping.addedLines),
                          "mẫu Mustache không hợp lệ: \(describe(error.error))")
            } catch {
                broken.insert(name)
                log.error(file, nil, "mẫu Mustache không hợp lệ: không đọc được mẫu")
            }
        }
        for required in requiredTemplates where library.getTemplate(named: required) == nil && !broken.contains(required) {
            log.error("\(folder)/templates/\(required).mustache", nil, "giao diện thiếu mẫu \"\(required)\"")
        }
        return Theme(name: name, library: library, assets: sources.list("\(folder)/assets", log: log),
                     fingerprint: fingerprint.finish())
    }

    /// The parser's error in words a theme editor understands.
    static func describe(_ error: Error) -> String {
        switch error as? MustacheTemplate.Error {
        case .sectionCloseNameIncorrect?: return "thẻ đóng {{/…}} không khớp với thẻ mở {{#…}} gần nhất"
        case .expectedSectionEnd?: return "thiếu thẻ đóng {{/…}} cho một khối {{#…}}"
        case .unfinishedName?: return "thẻ {{…}} chưa được đóng bằng }}"
        case .invalidSetDelimiter?: return "khai báo dấu phân cách {{=…=}} sai"
        default: return "cú pháp mẫu sai"
        }
    }

    public func render(_ context: [String: Any], template: String) -> String {
        library.render(Theme.templateValue(context), withTemplate: template) ?? ""
    }

    /// A partial rendered on its own, once for many pages (`SiteFragments`, list entries, unit data): with
    /// `values` and the site-wide `site` values; nil when the theme has no such partial.
    func renderShared(_ partial: String, _ values: [String: Any], site: Any) -> String? {
        guard has(partial) else { return nil }
        var context = values
        context["site"] = site
        return render(context, template: partial)
    }

    /// The context as swift-mustache should see it:
    /// - swift-mustache treats "" as true, so `{{#email}}Thư điện tử: {{email}}{{/email}}` would print an
    ///   empty label. Empty text becomes `BlankText`: false in sections, nothing when printed, and it still
    ///   hides an outer key of the same name.
    /// - Other text and dictionaries are wrapped (`TemplateText`, `TemplateObject`). On Linux, every failed
    ///   `as? SomeClass` or `as? Bool` the library tries on a `String` or `Dictionary` bridges the value to
    ///   an `NSString`/`NSDictionary` first, and a string on the section stack is searched with `Mirror`:
    ///   that was about a fifth of a clean build. The wrappers render to the same bytes.
    static func templateValue(_ value: Any) -> Any {
        // The common types by their exact type first: a failed `as? [String: String]` on a `[String: Any]`
        // casts it element by element, and so does a successful cast between the two.
        let type = ObjectIdentifier(Swift.type(of: value))
        if type == ExactType.string { let text = value as! String; return text.isEmpty ? BlankText() : TemplateText(text: text) }
        if type == ExactType.dictionary { return TemplateObject(values: (value as! [String: Any]).mapValues(templateValue)) }
        if type == ExactType.strings { return TemplateObject(values: (value as! [String: String]).mapValues { templateValue($0) }) }
        if type == ExactType.dictionaries { return (value as! [[String: Any]]).map { templateValue($0) } }
        if type == ExactType.stringDictionaries { return (value as! [[String: String]]).map { templateValue($0) } }
        if type == ExactType.bool || type == ExactType.int || type == ExactType.listEntries || type == ExactType.object
            || type == ExactType.text || type == ExactType.blank { return value }
        switch value {
        case let text as String: return text.isEmpty ? BlankText() : TemplateText(text: text)
        case let dictionary as [String: String]: return TemplateObject(values: dictionary.mapValues { templateValue($0) })
        case let dictionary as [String: Any]: return TemplateObject(values: dictionary.mapValues(templateValue))
        case let array as [[String: String]]: return array.map { templateValue($0) }
        case let array as [[String: Any]]: return array.map { templateValue($0) }
        case let array as [String]: return array.map { templateValue($0) }
        case let array as [Any]: return array.map(templateValue)
        default: return value
        }
    }
}

private enum ExactType {
    static let string = ObjectIdentifier(String.self), dictionary = ObjectIdentifier([String: Any].self)
    static let strings = ObjectIdentifier([String: String].self), dictionaries = ObjectIdentifier([[String: Any]].self)
    static let stringDictionaries = ObjectIdentifier([[String: String]].self)
    static let bool = ObjectIdentifier(Bool.self), int = ObjectIdentifier(Int.self)
    static let listEntries = ObjectIdentifier([ArticleListEntry].self)
    static let object = ObjectIdentifier(TemplateObject.self), text = ObjectIdentifier(TemplateText.self)
    static let blank = ObjectIdentifier(BlankText.self)
}

/// Non-empty text in a template context: prints as the string, is true in sections, and takes the
/// string's transforms (`uppercased(x)`…). On the section stack it has no children, like a string.
struct TemplateText: MustacheCustomRenderable, MustacheParent, MustacheTransformable, CustomStringConvertible {
    let text: String
    var renderText: String { text }
    var isNull: Bool { false }
    var description: String { text }
    func child(named: String) -> Any? { nil }
    func transform(_ name: String) -> Any? { text.transform(name) }
}

/// A dictionary in a template context (see `Theme.templateValue`), with the dictionary's transforms.
struct TemplateObject: MustacheParent, MustacheTransformable, CustomStringConvertible {
    let values: [String: Any]
    func child(named name: String) -> Any? { values[name] }
    func transform(_ name: String) -> Any? { values.transform(name) }
    var description: String { String(describing: values) }
}

/// Empty text as templates should see it: see `Theme.templateValue`.
struct BlankText: MustacheCustomRenderable, CustomStringConvertible {
    var renderText: String { "" }
    var isNull: Bool { true }
    var description: String { "" }
}
