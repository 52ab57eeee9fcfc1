/// The procedure catalogue (`/thu-tuc/`), one page per field (`/thu-tuc/linh-vuc/<slug>/`) and one page
/// per procedure (`/thu-tuc/<code>/`). Abolished procedures keep their page and leave the active lists.
enum ProcedurePages {
    static func jobs(_ input: RenderInput) -> [RenderJob] {
        let data = input.site.data
        guard !data.procedures.isEmpty else { return [] }
        var jobs = [catalogue(input)]
        jobs += data.fields.map { field(input, $0) }
        jobs += data.procedures.map { procedure(input, $0) }
        return jobs
    }

    /// "31,6%" of procedures offered fully online; "0%" for none.
    static func onlineShare(_ items: [ResolvedProcedure]) -> String {
        guard !items.isEmpty else { return "0%" }
        let full = items.filter { $0.procedure.onlineLevel == .full }.count
        return VietnameseFormat.trimmedNumber(100 * Double(full) / Double(items.count), maxFractionDigits: 1) + "%"
    }

    static func counts(_ items: [ResolvedProcedure]) -> [String: Any] {
        ["count": items.count, "fullOnline": items.filter { $0.procedure.onlineLevel == .full }.count,
         "share": onlineShare(items)]
    }

    static func item(_ p: ResolvedProcedure, _ input: RenderInput) -> [String: Any] {
        var values: [String: Any] = ["code": p.code, "name": p.name, "url": input.context.urls.link(p.path),
                                     "field": p.procedure.field,
                                     "levels": p.procedure.levels.map(\.word).joined(separator: ", ")]
        // Optional keys are always set ("" is false): Mustache would otherwise find an outer key of that name.
        values["online"] = p.procedure.onlineLevel?.label ?? ""
        values["isFullOnline"] = p.procedure.onlineLevel == .full
        values["isAbolished"] = p.procedure.isAbolished
        return values
    }

    /// Active procedures grouped by level, each level by field, in catalogue order.
    static func levelGroups(_ indices: [Int], input: RenderInput, withFields: Bool) -> [[String: Any]] {
        let data = input.site.data
        let items = indices.map { data.procedures[$0] }.filter(\.isActive)
        return Procedure.Level.allCases.compactMap { level in
            let atLevel = items.filter { $0.procedure.levels.contains(level) }
            guard !atLevel.isEmpty else { return nil }
            var group = counts(atLevel)
            group["label"] = level.label
            group["anchor"] = level.anchor
            if withFields {
                group["fields"] = data.fields.compactMap { field -> [String: Any]? in
                    let inField = atLevel.filter { $0.fieldSlug == field.slug }
                    guard !inField.isEmpty else { return nil }
                    var values = counts(inField)
                    values["name"] = field.name
                    values["url"] = input.context.urls.link(SiteURLs.procedureField(field.slug))
                    values["anchor"] = "\(level.anchor)-\(field.slug)"
                    values["procedures"] = inField.map { item($0, input) }
                    return values
                }
            } else {
                group["procedures"] = atLevel.map { item($0, input) }
            }
            return group
        }
    }

    static func catalogue(_ input: RenderInput) -> RenderJob {
        let path = SiteURLs.procedures
        return RenderJob.page(path, template: "procedures", theme: input.theme) {
            let data = input.site.data
            let active = data.procedures.filter(\.isActive)
            var values = counts(active)
            values["levels"] = levelGroups(Array(data.procedures.indices), input: input, withFields: true)
            values["fields"] = data.fields.map { field -> [String: Any] in
                var entry = counts(field.procedures.map { data.procedures[$0] }.filter(\.isActive))
                entry["name"] = field.name
                entry["url"] = input.context.urls.link(SiteURLs.procedureField(field.slug))
                return entry
            }
            values["abolishedProcedures"] = data.procedures.filter { !$0.isActive }.map { item($0, input) }
            return input.context.page(path: path, title: "Thủ tục hành chính",
                                      description: "Danh mục \(active.count) thủ tục hành chính đang có hiệu lực tại \(input.site.config.jurisdiction.name), theo cấp thực hiện và lĩnh vực",
                                      extra: values)
        }
    }

    static func field(_ input: RenderInput, _ field: ProcedureField) -> RenderJob {
        let path = SiteURLs.procedureField(field.slug)
        return RenderJob.page(path, template: "procedure-field", theme: input.theme) {
            let data = input.site.data
            let active = field.procedures.map { data.procedures[$0] }.filter(\.isActive)
            var values = counts(active)
            values["field"] = field.name
            values["levels"] = levelGroups(field.procedures, input: input, withFields: false)
            values["abolishedProcedures"] = field.procedures.map { data.procedures[$0] }.filter { !$0.isActive }.map { item($0, input) }
            values["catalogue"] = input.context.urls.link(SiteURLs.procedures)
            return input.context.page(path: path, title: "Lĩnh vực \(field.name)",
                                      description: "\(active.count) thủ tục hành chính lĩnh vực \(field.name)",
                                      extra: values)
        }
    }

    static func procedure(_ input: RenderInput, _ item: ResolvedProcedure) -> RenderJob {
        let key = input.globalKey(template: "procedure").map { global in { inputKey(item, input: input, global: global) } }
        return RenderJob.page(item.path, template: "procedure", theme: input.theme, inputKey: key) {
            let c = input.context
            let p = item.procedure
            var values = self.item(item, input)
            values["fieldURL"] = c.urls.link(SiteURLs.procedureField(item.fieldSlug))
            values["levelLabels"] = p.levels.map(\.label).joined(separator: ", ")
            for (key, value) in [("agency", p.agency), ("duration", p.duration), ("fees", p.fees),
                                 ("decision", p.decision), ("link", p.link)] {
                values[key] = value ?? ""
            }
            values["legalBasis"] = p.legalBasis
            values["status"] = p.isAbolished ? "Đã bãi bỏ" : "Còn hiệu lực"
            values["appliesTo"] = appliesTo(p, input)
            values["source"] = "\(p.file), dòng \(p.line)"
            values["detail"] = item.detail?.html ?? ""
            values["citedBy"] = item.citedBy.map { input.listItem($0, h2: false) }
            values["catalogue"] = c.urls.link(SiteURLs.procedures)
            let title = p.isAbolished ? "\(p.name) (đã bãi bỏ)" : p.name
            return c.page(path: item.path, title: title,
                          description: "Thủ tục \(p.name) (mã \(p.code)), lĩnh vực \(p.field), \(p.levels.map(\.label).joined(separator: ", ").lowercased())",
                          extra: ["procedure": values, "page.type": "procedure"])
        }
    }

    /// Everything a procedure page's context reads beyond what every procedure page shares: the procedure's
    /// fields, its detail, the jurisdiction and units it applies to, the articles citing it, the page's
    /// feeds. A value added to the context must be added here (its context was fingerprinted on every
    /// build before: 2,000 pages, a twelfth of a one-article edit).
    static func inputKey(_ item: ResolvedProcedure, input: RenderInput, global: UInt64) -> UInt64 {
        let p = item.procedure
        var key = InputKey(global: global, kind: 0x7710)
        key.add([item.path, item.fieldSlug, p.code, p.name, p.field, p.agency, p.duration, p.fees, p.onlineLevel?.rawValue,
                 p.decision, p.link, p.file, item.detail?.html])
        key.add(p.line)
        key.add(p.isAbolished)
        key.add(p.levels.count)
        for level in p.levels { key.add(level.rawValue) }
        key.add(p.legalBasis.count); key.add(p.legalBasis)
        key.add(p.unitIDs.count); key.add(p.unitIDs)
        let jurisdiction = input.site.config.jurisdiction
        key.add([jurisdiction.level, jurisdiction.name, jurisdiction.parent])
        key.add(input.site.units.count)
        for unit in input.site.units { key.add([unit.id, unit.name]) }
        key.add(item.citedBy.count)
        for index in item.citedBy { key.add(input.itemKey(index)) }
        key.addFeeds(forPage: item.path, input.context)
        return key.finish()
    }

    /// Who carries it out: the jurisdiction for province/district levels, the units for commune level
    /// (every commune unit unless `Đơn vị` narrows it).
    static func appliesTo(_ p: Procedure, _ input: RenderInput) -> [[String: String]] {
        let site = input.site
        var result: [[String: String]] = []
        let j = site.config.jurisdiction
        if p.levels.contains(.province) {
            result.append(["name": j.level == "province" ? j.name : (j.parent ?? Procedure.Level.province.label)])
        }
        if p.levels.contains(.district) {
            result.append(["name": j.level == "district" ? j.name : Procedure.Level.district.label])
        }
        let ids = site.units.map(\.id).filter { p.applies(toUnit: $0) }
        result += ids.compactMap(input.context.unitLink)
        return result
    }
}
