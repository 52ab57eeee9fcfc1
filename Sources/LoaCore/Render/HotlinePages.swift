/// The hotline directory (`/duong-day-nong/`): the jurisdiction's numbers, then each unit's in Vietnamese
/// order, every number a `tel:` link in E.164; plus one vCard per entry and one for the whole directory.
enum HotlinePages {
    static func jobs(_ input: RenderInput) -> [RenderJob] {
        let site = input.site
        let hotlines = site.data.hotlines
        guard !hotlines.isEmpty else { return [] }
        let slugs = cardSlugs(hotlines)
        let ordered = directoryOrder(site)
        var jobs: [RenderJob] = [RenderJob.page(SiteURLs.hotlines, template: "hotlines", theme: input.theme) {
            let jurisdiction = site.data.hotlines(forUnit: nil).map { entry($0, slugs: slugs, input: input) }
            let units: [[String: Any]] = site.units.compactMap { unit in
                let list = site.data.hotlines(forUnit: unit.id)
                guard !list.isEmpty else { return nil }
                var values: [String: Any] = input.context.unitLink(unit.id)!
                values["hotlines"] = list.map { entry($0, slugs: slugs, input: input) }
                return values
            }
            return input.context.page(path: SiteURLs.hotlines, title: "Đường dây nóng",
                                      description: "Số điện thoại đường dây nóng tiếp nhận phản ánh, kiến nghị của \(site.config.jurisdiction.name) và các xã, thị trấn",
                                      extra: ["jurisdictionName": site.config.jurisdiction.name,
                                              "jurisdictionHotlines": jurisdiction, "unitHotlines": units,
                                              "directoryCard": input.context.urls.link(SiteURLs.hotlineDirectoryCard),
                                              "count": hotlines.count])
        }]
        for hotline in hotlines {
            let path = SiteURLs.hotlineCard(slugs[hotline.line]!)
            jobs.append(RenderJob(path: path) { .bytes(Array(card(hotline, input).utf8)) })
        }
        jobs.append(RenderJob(path: SiteURLs.hotlineDirectoryCard) {
            .bytes(Array(ordered.map { card($0, input) }.joined().utf8))
        })
        return jobs
    }

    static func card(_ hotline: Hotline, _ input: RenderInput) -> String {
        VCard.card(hotline, unitName: hotline.unitID.flatMap { input.site.unit($0)?.name },
                   url: input.context.urls.absolute(SiteURLs.hotlines))
    }

    /// The directory's order: the jurisdiction's entries as written, then units in Vietnamese order.
    static func directoryOrder(_ site: ResolvedSite) -> [Hotline] {
        site.data.hotlines(forUnit: nil) + site.units.flatMap { site.data.hotlines(forUnit: $0.id) }
    }

    /// File name of each entry's vCard, keyed by the entry's line: the unit id, or the agency's slug;
    /// a repeated name gets "-2", "-3"… in file order, so names are stable while the file is.
    static func cardSlugs(_ hotlines: [Hotline]) -> [Int: String] {
        var used: Set<String> = ["danh-ba"]
        var result: [Int: String] = [:]
        for hotline in hotlines {
            var base = hotline.unitID ?? VietnameseText.slug(hotline.agency)
            if base.isEmpty { base = "so-dien-thoai" }
            var slug = base
            var n = 2
            while used.contains(slug) { slug = "\(base)-\(n)"; n += 1 }
            used.insert(slug)
            result[hotline.line] = slug
        }
        return result
    }

    /// One entry as templates see it; also used on unit pages.
    static func entry(_ hotline: Hotline, slugs: [Int: String], input: RenderInput) -> [String: Any] {
        var values: [String: Any] = [
            "agency": hotline.agency, "tel": "tel:" + hotline.phone.e164, "phone": hotline.phone.display,
            "kind": hotline.phone.kind == .mobile ? "Di động" : "Cố định",
        ]
        for (key, value) in [("purpose", hotline.purpose), ("person", hotline.person), ("title", hotline.title),
                             ("email", hotline.email), ("hours", hotline.hours)] {
            values[key] = value ?? ""  // always set: an outer key of that name must not show through
        }
        values["verified"] = hotline.verified.map(\.shortVietnamese) ?? ""
        values["verifiedISO"] = hotline.verified?.iso ?? ""
        values["card"] = slugs[hotline.line].map { input.context.urls.link(SiteURLs.hotlineCard($0)) } ?? ""
        return values
    }
}
