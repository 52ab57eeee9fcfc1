/// Builds the dictionaries templates see (the keys of article lists: docs/theme-and-checks.md).
public struct PageContext: Sendable {
    public let site: ResolvedSite
    public let urls: SiteURLs
    /// Shared by every page: computed once, not per page.
    private let siteValues: [String: Any & Sendable]
    /// Share tags, feeds and images (Sharing/): every page's `share` values come from it.
    public let sharing: SharingContext?
    /// The theme's site header and footer, rendered once per navigation state (`SiteFragments`).
    let fragments: SiteFragments?
    /// Every page's `site` as templates see it (`Theme.templateValue`), made once per navigation state
    /// instead of once per page.
    private let siteObjects = Memo<String, Any>()

    public init(site: ResolvedSite, sharing: SharingContext? = nil, theme: Theme? = nil) {
        self.site = site
        self.sharing = sharing
        self.fragments = theme.map(SiteFragments.init)
        self.urls = SiteURLs(config: site.config)
        let c = site.config
        var values: [String: Any & Sendable] = [
            "title": c.title,
            "basePath": c.basePath,
            "baseURL": c.baseURL,
            "jurisdiction": ["name": c.jurisdiction.name, "parent": c.jurisdiction.parent ?? ""] as [String: String],
            "responsible": [
                "name": c.responsible.name ?? "", "title": c.responsible.title ?? "",
                "phone": c.responsible.phone ?? "", "email": c.responsible.email ?? "",
                // tel: links must not contain spaces: E.164 when the number is a valid Vietnamese one.
                "tel": c.responsible.phone.map { PhoneNumber($0)?.e164 ?? $0.filter { $0.isNumber || $0 == "+" } } ?? "",
                "address": c.responsible.address ?? "",
            ] as [String: String],
            "nav": PageContext.navigation(urls: SiteURLs(config: c), site: site),
            "assets": c.basePath + "assets/",
        ]
        if let emblem = c.emblem { values["emblem"] = c.basePath + emblem }
        let latest = (site.articles + site.pages).map { $0.source.updated ?? $0.date }
            .max { $0.instant < $1.instant }
        if let latest { values["updated"] = PageContext.dateValues(latest) }
        if let facebook = c.social.facebook { values["facebook"] = facebook }
        if let zalo = c.social.zaloOA { values["zalo"] = zalo }
        if let notice = c.notice, PageContext.noticeShows(notice, on: site.now.day) {
            values["notice"] = notice.text
        }
        siteValues = values
    }

    static func noticeShows(_ notice: SiteConfig.Notice, on day: CalendarDay) -> Bool {
        (notice.from.map { $0 <= day } ?? true) && (notice.until.map { day <= $0 } ?? true)
    }

    static func navigation(urls: SiteURLs, site: ResolvedSite) -> [[String: String]] {
        var items = [("Trang chủ", ""), ("Tin tức", SiteURLs.articles), ("Đơn vị", SiteURLs.units)]
        if !site.data.procedures.isEmpty { items.append(("Thủ tục", SiteURLs.procedures)) }
        if !site.data.hotlines.isEmpty { items.append(("Đường dây nóng", SiteURLs.hotlines)) }
        if !site.data.rankings.isEmpty { items.append(("Xếp hạng", SiteURLs.rankings)) }
        items += site.pages.map { ($0.title, $0.path) }
        return items.map { ["title": $0.0, "url": urls.link($0.1), "path": $0.1] }
    }

    /// The site values every page sees as `site` (without the current navigation item or the fragments),
    /// as templates see them: for partials rendered on their own (`Theme.renderShared`).
    var siteContext: Any { siteObjects.value(for: "\u{0}") { Theme.templateValue(siteValues as [String: Any]) } }

    /// The layout's context for one page: `site`, `page`, plus the page's own keys.
    public func page(path: String, title: String, description: String, extra: [String: Any] = [:]) -> [String: Any] {
        // Only which items are current differs between pages: the navigation is marked once per state.
        let navigation = siteValues["nav"] as! [[String: String]]
        let current = navigation.indices.filter { index in
            let itemPath = navigation[index]["path"]!
            return itemPath.isEmpty ? path.isEmpty : path.hasPrefix(itemPath)
        }
        let currentItems = current.map { "\($0)," }.joined()
        let siteContext = siteObjects.value(for: currentItems) {
            var nav = navigation
            for index in current { nav[index]["current"] = "page" }
            var site = siteValues as [String: Any]
            site["nav"] = nav
            fragments?.add(to: &site, navigationState: currentItems)
            return Theme.templateValue(site)
        }
        var page: [String: Any] = [
            "title": title,
            "fullTitle": path.isEmpty ? site.config.title : "\(title) – \(site.config.title)",
            "description": description,
            "path": path,
            "url": urls.link(path),
            "canonical": urls.absolute(path),
        ]
        if let updated = siteValues["updated"] { page["updated"] = updated }
        for (key, value) in extra where key.hasPrefix("page.") { page[String(key.dropFirst(5))] = value }
        var context: [String: Any] = ["site": siteContext, "page": page]
        for (key, value) in extra where !key.hasPrefix("page.") { context[key] = value }
        if let sharing {
            context["shareMeta"] = ShareMeta.values(path: path, title: title, description: description, site: site,
                                                urls: urls, sharing: sharing)
        }
        return context
    }

    // MARK: - Items

    public func dateValues(_ date: ContentDate) -> [String: String] { PageContext.dateValues(date) }

    public static func dateValues(_ date: ContentDate) -> [String: String] {
        let d = date.day
        return ["short": d.shortVietnamese,
                "long": d.longVietnamese,
                "iso": date.hasTime ? date.rfc3339 : d.iso]
    }

    public func unitLink(_ id: String) -> [String: String]? {
        site.unit(id).map { ["name": $0.name, "url": urls.link(SiteURLs.unit($0.id)), "id": $0.id] }
    }

    public func termLink(_ term: Term, category: Bool) -> [String: String] {
        ["name": term.name, "url": urls.link(category ? SiteURLs.category(term.slug) : SiteURLs.tag(term.slug))]
    }

    /// An article as it appears in a list.
    public func item(_ article: Article) -> [String: Any] {
        var item: [String: Any] = [
            "title": article.title,
            "url": urls.link(article.path),
            "date": dateValues(article.date),
            "summary": article.summary,
            "units": article.unitIDs.compactMap(unitLink),
            "hasUnits": !article.unitIDs.isEmpty,
        ]
        // Every key the item partial reads is set (false when absent), so a lookup never falls through to a
        // key of the same name in the page around the list — and the item renders alike in every list.
        item["category"] = article.category.map { termLink($0, category: true) } ?? false
        item["expired"] = article.isExpired
        return item
    }
}
