/// Paginated article lists: all articles, each category, each tag, and the term overviews.
enum ListPages {
    static func jobs(_ input: RenderInput) -> [RenderJob] {
        let site = input.site
        var jobs = paginated(input, listPath: SiteURLs.articles, title: "Tin tức", intro: nil,
                             articles: Array(site.articles.indices))
        for (term, articles) in site.categories {
            jobs += paginated(input, listPath: SiteURLs.category(term.slug), title: "Chuyên mục: \(term.name)",
                              intro: nil, articles: articles)
        }
        for (term, articles) in site.tags {
            jobs += paginated(input, listPath: SiteURLs.tag(term.slug), title: "Chủ đề: \(term.name)",
                              intro: nil, articles: articles)
        }
        jobs.append(terms(input, path: SiteURLs.categories, title: "Chuyên mục", groups: site.categories, category: true))
        jobs.append(terms(input, path: SiteURLs.tags, title: "Chủ đề", groups: site.tags, category: false))
        return jobs
    }

    /// Pages of a list of articles (indices into `site.articles`) with the `list` template.
    static func paginated(_ input: RenderInput, listPath: String, title: String, intro: String?,
                          articles: [Int], template: String = "list", extra: [String: Any] = [:]) -> [RenderJob] {
        let pagination = Pagination(total: articles.count, perPage: input.site.config.perPage)
        // The key of each page: the list's own values (`extra` fingerprinted once), the page's items.
        let listKey: UInt64? = input.globalKey(template: template).flatMap { global in
            ContextFingerprint.hash(extra, template: template, templates: global).map { extraKey in
                var key = InputKey(global: global, kind: 0x1157)
                key.add(extraKey)
                key.add([listPath, title, intro])
                key.add(articles.count); key.add(pagination.perPage)
                return key.finish()
            }
        }
        let wide = template == "list"
        if wide { input.wideItemLists.add(pagination.pageCount) }
        // One family for the list's pages: a job holds its page number, not closures of its own.
        let family = PageFamily(template: template, theme: input.theme, inputKey: listKey.map { listKey in
            { page in
                var key = InputKey(global: listKey, kind: 0x1158)
                key.add(page)
                key.addFeeds(forPage: SiteURLs.page(listPath, page), input.context)
                for index in pagination.range(of: page) { key.add(input.itemKey(articles[index])) }
                return key.finish()
            }
        }) { page in
            let items = pagination.range(of: page).map { input.listItem(articles[$0], h2: wide) }
            if wide { input.wideItemListDone() }
            let pageTitle = page > 1 ? "\(title) – trang \(page)" : title
            var values = extra
            values["items"] = items
            if wide { values["itemH2"] = true }
            values["count"] = articles.count
            values["pagination"] = pagination.context(page: page, listPath: listPath, urls: input.context.urls)
            if let intro { values["intro"] = intro }
            return input.context.page(path: SiteURLs.page(listPath, page), title: pageTitle, description: intro ?? pageTitle, extra: values)
        }
        return (1...pagination.pageCount).map { page in
            var job = family.job(SiteURLs.page(listPath, page), number: page)
            job.group = wide ? .sharedEntries : .pages
            return job
        }
    }

    static func terms(_ input: RenderInput, path: String, title: String, groups: [(term: Term, articles: [Int])],
                      category: Bool) -> RenderJob {
        RenderJob.page(path, template: "terms", theme: input.theme) {
            let items: [[String: Any]] = groups.map { group in
                var link: [String: Any] = input.context.termLink(group.term, category: category)
                link["count"] = group.articles.count
                return link
            }
            return input.context.page(path: path, title: title, description: title, extra: ["terms": items])
        }
    }
}
