/// The feed files (three formats per feed) and the page listing them all, `/feeds/` ("Nguồn tin (RSS)").
enum FeedPages {
    static let listTitle = "Nguồn tin (RSS)"

    static func jobs(_ input: RenderInput) -> [RenderJob] {
        let site = input.site
        let urls = input.context.urls
        let feeds = input.context.sharing?.feeds ?? FeedCatalog.feeds(site)
        // An article is an item of many feeds (site, its units, category and tags) in three formats: each
        // item is built once (its body rewritten to absolute links), and only when a feed that holds it is
        // made (a rebuild keeps unchanged feeds by their key).
        let items = Memo<Int, FeedItem>()
        var jobs: [RenderJob] = []
        for spec in feeds {
            let document = {
                FeedDocument(spec: spec, items: spec.articles.map { index in
                    items.value(for: index) { FeedCatalog.item(site.articles[index], site: site, urls: urls) }
                }, site: site, urls: urls)
            }
            let formats: [(String, BodyEmbed.Form, (FeedDocument) -> String)] = [
                (spec.rssPath, .xml, { $0.rss() }), (spec.atomPath, .xml, { $0.atom() }), (spec.jsonPath, .json, { $0.json() }),
            ]
            for (path, form, format) in formats {
                var job = RenderJob(path: path) {
                    let document = document()
                    let contents = text(format(document))
                    // Where each item's body is, for an edit of nothing but bodies (`BodyEmbed`).
                    input.embeds?.record(path, contents: contents, bodies: zip(spec.articles, document.items).map { index, item in
                        .init(file: site.articles[index].source.file, text: item.contentHTML, form: form, pageURL: item.url)
                    })
                    return contents
                }
                job.inputKey = { key(spec, path: path, site: site, urls: urls) }
                job.showsBodies = input.embeds != nil
                jobs.append(job)
            }
        }
        jobs.append(listPage(input, feeds: feeds))
        return jobs
    }

    /// Everything a feed file is made from (`FeedDocument`, `FeedCatalog.item`): the spec, the site's
    /// URLs and publisher, and each item's article fields — or, for an empty feed, the site's newest date.
    static func key(_ spec: FeedSpec, path: String, site: ResolvedSite, urls: SiteURLs) -> UInt64 {
        var key = InputKey(global: 0, kind: 0xFEED)
        key.add([path, spec.folder, spec.title, spec.description, spec.pagePath, spec.rssPath, spec.atomPath,
                 spec.jsonPath, urls.absolute(""), site.config.basePath, site.config.jurisdiction.name])
        if spec.articles.isEmpty { key.add(FeedCatalog.date(of: [], site: site)) }
        key.add(spec.articles.count)
        for index in spec.articles {
            let article = site.articles[index]
            key.addBody(article.body, site)
            key.add([article.path, article.title, article.summary, article.source.author,
                     article.category?.name, article.source.image?.value])
            key.add(article.date)
            key.add(article.source.updated)
            key.add(article.tags.count)
            key.add(article.tags.map(\.name))
        }
        return key.finish()
    }

    static func text(_ string: String) -> OutputFile.Contents { .bytes(Array(string.utf8)) }

    /// Uses the theme's `feeds` template, or its `page` template with HTML made here for a theme without one.
    static func listPage(_ input: RenderInput, feeds: [FeedSpec]) -> RenderJob {
        let template = input.theme.has("feeds") ? "feeds" : "page"
        return RenderJob.page(FeedCatalog.listPath, template: template, theme: input.theme) {
            let urls = input.context.urls
            let groups: [(String, [FeedSpec])] = [
                ("Toàn trang", feeds.filter { $0.scope == .site }),
                ("Theo đơn vị", feeds.filter { if case .unit = $0.scope { return true } else { return false } }),
                ("Theo chuyên mục", feeds.filter { if case .category = $0.scope { return true } else { return false } }),
            ]
            let values: [[String: Any]] = groups.filter { !$0.1.isEmpty }.map { name, specs in
                ["name": name, "feeds": specs.map { spec -> [String: Any] in
                    ["title": spec.title, "page": urls.link(spec.pagePath), "count": spec.articles.count,
                     "rss": urls.absolute(spec.rssPath), "atom": urls.absolute(spec.atomPath),
                     "json": urls.absolute(spec.jsonPath)]
                }]
            }
            var html = "<p>Theo dõi tin mới bằng trình đọc tin (RSS, Atom hoặc JSON Feed): sao chép một địa chỉ dưới đây vào ứng dụng đọc tin của bạn.</p>\n"
            for group in values {
                html += "<h2>\(HTML.escape(group["name"] as! String))</h2>\n<ul>\n"
                for feed in group["feeds"] as! [[String: Any]] {
                    html += "<li><a href=\"\(HTML.escape(feed["page"] as! String))\">\(HTML.escape(feed["title"] as! String))</a>: "
                    html += "<a href=\"\(HTML.escape(feed["rss"] as! String))\">RSS</a> · "
                    html += "<a href=\"\(HTML.escape(feed["atom"] as! String))\">Atom</a> · "
                    html += "<a href=\"\(HTML.escape(feed["json"] as! String))\">JSON Feed</a></li>\n"
                }
                html += "</ul>\n"
            }
            return input.context.page(path: FeedCatalog.listPath, title: listTitle,
                                      description: "Danh sách nguồn tin RSS, Atom và JSON Feed của \(input.site.config.title)",
                                      extra: ["groups": values, "article": ["title": listTitle, "html": html]])
        }
    }
}

extension Theme {
    /// Whether the theme has a template (optional templates fall back to `page`).
    func has(_ template: String) -> Bool { library.getTemplate(named: template) != nil }
}
