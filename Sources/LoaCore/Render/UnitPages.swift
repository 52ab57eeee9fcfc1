/// The list of all units and one index per unit (`/don-vi/<id>/`), paginated over the unit's articles.
/// Other sections add their part of a unit's page through `UnitPages.sections`.
enum UnitPages {
    static func jobs(_ input: RenderInput) -> [RenderJob] {
        let site = input.site
        var jobs: [RenderJob] = [RenderJob.page(SiteURLs.units, template: "units", theme: input.theme) {
            let units: [[String: Any]] = site.units.map { unit in
                var values: [String: Any] = input.context.unitLink(unit.id)!
                values["kind"] = unit.kind.label
                values["count"] = site.articlesByUnit[unit.id]?.count ?? 0
                if !unit.formerly.isEmpty { values["formerly"] = unit.formerly.joined(separator: ", ") }
                return values
            }
            return input.context.page(path: SiteURLs.units, title: "Các đơn vị hành chính",
                                      description: "Danh sách xã, phường, thị trấn thuộc \(site.config.jurisdiction.name)",
                                      extra: ["units": units, "count": units.count])
        }]
        for unit in site.units {
            var extra: [String: Any] = ["unit": [
                "name": unit.name, "id": unit.id, "kind": unit.kind.label, "code": unit.code ?? "",
                "formerly": unit.formerly.joined(separator: ", "),
            ] as [String: String]]
            for (key, value) in sections(unit, input) { extra[key] = value }
            // The unit's data sections are the same on each page of its list: rendered once, as `unitData`.
            extra["unitData"] = input.theme.renderShared(unitDataPartial, extra, site: input.context.siteContext)
            jobs += ListPages.paginated(input, listPath: SiteURLs.unit(unit.id), title: unit.name,
                                        intro: nil, articles: site.articlesByUnit[unit.id] ?? [],
                                        template: "unit", extra: extra)
        }
        return jobs
    }

    static let unitDataPartial = "partials/unit-data"

    /// Extra blocks of a unit's page (procedures, hotlines, rankings…), keyed by template name.
    static func sections(_ unit: AdministrativeUnit, _ input: RenderInput) -> [String: Any] {
        UnitDataSections.values(unit, input)
    }
}
