/// The parts of the layout that are the same on every page but for the current navigation item — the
/// theme's `partials/site-header` and `partials/site-footer` — each rendered once per navigation state
/// with `site` alone in context, and given to every page as `site.header` and `site.footer` (the default
/// layout prints them with `{{{…}}}`). They were about a third of each page's template work. One final
/// line break of each is dropped, as the layout's line holding the tag brings its own.
final class SiteFragments: Sendable {
    static let header = "partials/site-header", footer = "partials/site-footer"

    private let theme: Theme
    private let rendered = Memo<String, String?>()

    init(theme: Theme) { self.theme = theme }

    /// Sets `header` and `footer` in a page's `site` values (those of a theme that has the partials).
    func add(to site: inout [String: Any], navigationState: String) {
        let values = site
        for (key, template) in [("header", SiteFragments.header), ("footer", SiteFragments.footer)] {
            let text = rendered.value(for: template + "|" + navigationState) {
                theme.renderShared(template, [:], site: values).map { text in
                    text.last == "\n" || text.last == "\r\n" ? String(text.dropLast()) : text
                }
            }
            if let text { site[key] = text }
        }
    }
}
