/// One page per article and per standing page.
enum ArticlePages {
    static func jobs(_ input: RenderInput) -> [RenderJob] {
        let global = input.globalKey(template: "article")
        // Closures capture the input (a reference) and the index: not copies of the articles, nor of the
        // resolved site, whose copy in every closure was a kilobyte per page.
        func previous(_ index: Int) -> Article? { index > 0 ? input.site.articles[index - 1] : nil }
        func next(_ index: Int) -> Article? { index + 1 < input.site.articles.count ? input.site.articles[index + 1] : nil }
        // The page shows its body as it is: where, for an edit of nothing but the body (`BodyEmbed`).
        let made = input.embeds.map { recorder in
            { (path: String, contents: OutputFile.Contents, context: [String: Any]) in
                guard let values = context["article"] as? [String: Any], let html = values["html"] as? String,
                      let file = values["sourceFile"] as? String else { return }
                recorder.record(path, contents: contents, bodies: [.init(file: file, text: html, form: .html, pageURL: "")])
            }
        }
        // One family for every article's page: a job holds its index, not closures of its own.
        let family = PageFamily(template: "article", theme: input.theme,
                                inputKey: global.map { global in { inputKey($0, input: input, global: global) } },
                                made: made) { index in
            context(for: input.site.articles[index], input: input, previous: previous(index), next: next(index))
        }
        var pages: [RenderJob] = []
        pages.reserveCapacity(input.site.articles.count + input.site.pages.count)
        for index in input.site.articles.indices {
            var job = family.job(input.site.articles[index].path, number: index)
            job.showsBodies = made != nil
            pages.append(job)
        }
        let standing = input.site.pages.map { page in
            RenderJob.page(page.path, template: "page", theme: input.theme) { context(for: page, input: input) }
        }
        pages += standing
        return pages
    }

    /// Articles and standing pages for the search index.
    static func searchDocuments(_ input: RenderInput) -> [SearchDocument] { SearchDocumentSource(searchParts(input)).all() }

    /// The standing pages' documents (held), then the articles', made when the index asks for a range of
    /// them: a clean build never holds every article's document at once (`SearchDocumentSource`).
    static func searchParts(_ input: RenderInput) -> [SearchDocumentSource.Part] {
        let urls = input.context.urls
        let bodies = input.site.bodies
        /// The text as the resolve stage left it: held, or spilled (a standing page's too, when it comes
        /// after the budget is spent).
        func withText(_ document: SearchDocument, of article: Article) -> SearchDocument {
            var document = document
            // A spilled summary stays spilled: the index reads it back a chunk of documents at a time.
            document.spilledSummary = article.spilledSummary
            guard let location = article.spilledTerms, let bodies, let spill = bodies.spill else { return document }
            document.spilledText = SpilledTextReference(spill: spill, location: location, file: article.source.file, log: bodies.log)
            return document
        }
        let pages = input.site.pages.map { page in
            withText(SearchDocument(kind: .page, title: page.title, url: urls.link(page.path),
                                    text: page.bodySearchTerms, summary: page.spilledSummary == nil ? page.summary : ""), of: page)
        }
        let articles = input.site.articles
        // Pages first, as the index orders its documents (`SearchIndex.ordered` then keeps them in place).
        return [.held(pages), .init(count: articles.count) { range in
            // On all cores: made one by one, they were the longest serial step of planning a clean build.
            ParallelMap.map(Array(articles[range])) { article in
                withText(SearchDocument(kind: .article, title: article.title, url: urls.link(article.path),
                                        text: article.bodySearchTerms, keywords: article.tags.map(\.name).joined(separator: " "),
                                        summary: article.spilledSummary == nil ? article.summary : "",
                                        date: article.date.day.shortVietnamese), of: article)
            }
        }]
    }

    static func context(for article: Article, input: RenderInput, previous: Article? = nil, next: Article? = nil) -> [String: Any] {
        let c = input.context
        var values = c.item(article)
        values["html"] = input.site.bodyHTML(article)
        values["sourceFile"] = article.source.file
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
            if let date = doc.date { document["date"] = date.longVietnamese }
            values["document"] = document
        }
        if let expires = article.source.expires {
            values["expires"] = expires.shortVietnamese
        }
        // The resolved article keeps only its table of contents (`RenderedMarkdown.tableOfContents`).
        let toc = RenderedMarkdown.tableOfContents(article.body.headings)
        if !toc.isEmpty {
            values["hasToc"] = true
            values["toc"] = toc.map { ["id": $0.id, "text": $0.text] }
        }
        if let previous { values["newer"] = ["title": previous.title, "url": c.urls.link(previous.path)] }
        if let next { values["older"] = ["title": next.title, "url": c.urls.link(next.path)] }
        return c.page(path: article.path, title: article.title, description: article.summary,
                      extra: ["article": values, "page.type": "article",
                               "page.updated": c.dateValues(article.source.updated ?? article.date)])
    }

    // MARK: - Input keys

    /// Everything `context(for:)` reads of the article, its neighbours and the per-path sharing values, on
    /// top of what every article page shares. A value added to the context must be added here.
    /// The article at `index` of the site's articles, its neighbours read in place: an `Article` copied
    /// (into an optional, or out of the array) retains each of its many fields, per page and build.
    static func inputKey(_ index: Int, input: RenderInput, global: UInt64) -> UInt64 {
        // Through the buffer: its subscript lends the element, where `Array`'s returns a copy.
        input.site.articles.withUnsafeBufferPointer { articles in
            let hasPrevious = index > 0, hasNext = index + 1 < articles.count
            // The article's list-entry fields through the key its lists have made (or will make) anyway.
            return inputKey(articles[index], item: input.itemKey(index),
                            previous: hasPrevious ? (articles[index - 1].title, articles[index - 1].path) : nil,
                            next: hasNext ? (articles[index + 1].title, articles[index + 1].path) : nil, input: input, global: global)
        }
    }

    /// `item`: `InputKey.addItem` of the article as one value (`RenderInput.itemKey`).
    static func inputKey(_ article: Article, item: UInt64, previous: (title: String, path: String)?,
                         next: (title: String, path: String)?, input: RenderInput, global: UInt64) -> UInt64 {
        let c = input.context
        var key = InputKey(global: global, kind: 0xA271)
        key.add(item)
        let body = article.body   // unpacks its table of contents once (`PackedHeadings`)
        key.addBody(body, input.site)
        key.add([article.source.author, article.source.image?.value, article.source.imageAlt,
                 article.source.sourceDocument?.number, article.source.sourceDocument?.issuer,
                 previous?.title, previous?.path, next?.title, next?.path])
        key.add(article.source.updated)
        key.add(article.source.sourceDocument?.date); key.add(article.source.expires)
        key.add(article.source.sourceDocument != nil)
        key.add(article.tags.count)
        for tag in article.tags { key.add([tag.slug, tag.name]) }
        key.add(body.headings.count)
        for heading in body.headings { key.add(heading.level); key.add([heading.id, heading.text]) }
        if let sharing = c.sharing {
            let image = sharing.image(for: article)
            key.add([image?.url, image?.alt, image?.mimeType, image?.header.map { "\($0.width)x\($0.height)" }])
        }
        key.addFeeds(forPage: article.path, c)
        return key.finish()
    }
}
