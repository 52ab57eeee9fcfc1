/// The parts of the layout that are the same on every page but for the current navigation item — the
/// theme's `partials/site-header` and `partials/site-footer` — rendered once per navigation state with
/// `site` alone in context, and given to every page as `site.header` and `site.footer` (the default
/// layout prints them with `{{{…}}}`). They were about a third of each page's template work. One final
/// line break of each is dropped, as the layout's line holding the tag brings its own.
final class SiteFragments: Sendable {
    static let header = "partials/site-header", footer = "partials/site-footer"

    private let theme: Theme
    private let rendered = Memo<String, String>()

    init(theme: Theme) { self.theme = theme }

    /// Sets `header` and `footer` in a page's `site` values (those of a theme that has the partials).
    func add(to site: inout [String: Any], navigationState: String) {
        for (key, template, state) in [("header", SiteFragments.header, navigationState), ("footer", SiteFragments.footer, "")]
        where theme.has(template) {
            let values = site
            site[key] = rendered.value(for: template + "|" + state) {
                var text = theme.render(["site": values], template: template)
                if text.last == "\n" || text.last == "\r\n" { text.removeLast() }
                return text
            }
        }
    }
}
