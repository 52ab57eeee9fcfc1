import Mustache

/// An article in a list as templates see it: the keys of `PageContext.item` plus `html`, the item
/// partial already rendered (`RenderInput.listItem`). The other keys are made only when a template reads
/// one — the default theme's lists print `html` alone, and making every item's keys for each list it
/// appears in (then wrapping them for the template) was about a twentieth of a clean build.
final class ArticleListEntry: MustacheParent, MustacheTransformable, CustomStringConvertible {
    let html: String?
    private let makeItem: () -> [String: Any]
    private var item: [String: Any]?

    init(html: String?, item: @escaping () -> [String: Any]) {
        self.html = html
        self.makeItem = item
    }

    /// The entry as a plain dictionary: what a template reads, what a context fingerprint hashes.
    var dictionary: [String: Any] {
        if let item { return item }
        var values = makeItem()
        if let html { values["html"] = html }
        item = values
        return values
    }

    func child(named name: String) -> Any? {
        if name == "html" { return html.map(Theme.templateValue) }
        return dictionary[name].map(Theme.templateValue)
    }

    func transform(_ name: String) -> Any? { TemplateObject(values: dictionary.mapValues(Theme.templateValue)).transform(name) }
    var description: String { String(describing: dictionary.mapValues(Theme.templateValue)) }
}
