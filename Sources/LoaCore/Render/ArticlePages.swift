/// One page per article and per standing page.
enum ArticlePages {
    static func jobs(_ input: RenderInput) -> [RenderJob] {
        let site = input.site
        let pages = site.articles.indices.map { index in
            RenderJob.page(site.articles[index].path, template: "article", theme: input.theme) {
                context(for: site.articles[index], input: input, previous: index > 0 ? site.articles[index - 1] : nil,
                        next: index + 1 < site.articles.count ? site.articles[index + 1] : nil)
            }
        }
        let standing = site.pages.map { page in
            RenderJob.page(page.path, template: "page", theme: input.theme) { context(for: page, input: input) }
        }
        return pages + standing
    }

    /// Articles and standing pages for the search index.
    static func searchDocuments(_ input: RenderInput) -> [SearchDocument] {
        let c = input.context
        let articles = input.site.articles.map { article in
            SearchDocument(kind: .article, title: article.title, url: c.urls.link(article.path),
                           text: article.body.plainText, keywords: article.tags.map(\.name).joined(separator: " "),
                           summary: article.summary, date: c.dateValues(article.date)["short"]!)
        }
        let pages = input.site.pages.map { page in
            SearchDocument(kind: .page, title: page.title, url: c.urls.link(page.path),
                           text: page.body.plainText, summary: page.summary)
        }
        return articles + pages
    }

    static func context(for article: Article, input: RenderInput, previous: Article? = nil, next: Article? = nil) -> [String: Any] {
        let c = input.context
        var values = c.item(article)
        values["html"] = article.body.html
        values["tags"] = article.tags.map { c.termLink($0, category: false) }
        values["hasTags"] = !article.tags.isEmpty
        if let updated = article.source.updated { values["updated"] = c.dateValues(updated) }
        if let author = article.source.author { values["author"] = author }
        if let image = article.source.image {
            values["image"] = ["url": c.urls.link(image.value), "alt": article.source.imageAlt ?? ""]
        }
        if let doc = article.source.sourceDocument {
            var document: [String: String] = [:]
            if let number = doc.number { document["number"] = number }
            if let issuer = doc.issuer { document["issuer"] = issuer }
            if let date = doc.date { document["date"] = VietnameseFormat.longDate(year: date.year, month: date.month, day: date.day) }
            values["document"] = document
        }
        if let expires = article.source.expires {
            values["expires"] = VietnameseFormat.shortDate(year: expires.year, month: expires.month, day: expires.day)
        }
        if article.body.headings.filter({ $0.level == 2 }).count >= 3 {
            values["hasToc"] = true
            values["toc"] = article.body.headings.filter { $0.level == 2 }.map { ["id": $0.id, "text": $0.text] }
        }
        if let previous { values["newer"] = ["title": previous.title, "url": c.urls.link(previous.path)] }
        if let next { values["older"] = ["title": next.title, "url": c.urls.link(next.path)] }
        return c.page(path: article.path, title: article.title, description: article.summary,
                      extra: ["article": values, "page.type": "article",
                               "page.updated": c.dateValues(article.source.updated ?? article.date)])
    }
}
