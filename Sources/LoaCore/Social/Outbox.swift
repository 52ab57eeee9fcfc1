import Foundation

/// What each article becomes on Zalo and Facebook, checked against their limits: written by `loa build` to
/// `public/social/outbox.json` and used by `loa social post`.
public struct OutboxEntry: Sendable {
    /// The article's folder (`tin-tuc/<slug>/`): its key in the state file.
    public var id: String
    public var url: String
    public var title: String
    public var published: ContentDate
    /// Zalo OA Article API body (`POST /v2.0/article/create`), exactly as sent.
    public var zalo: ZaloArticle
    public var facebookMessage: String
    public var hashtags: [String]
    /// Ready to paste by hand: title, summary, link, hashtags.
    public var text: String
    /// Zalo fields shortened to fit (`title`, `description`, `author`).
    public var truncated: [String]
    /// Problems an editor should know about (Vietnamese).
    public var problems: [String]
    /// The article's source file and its body with links made absolute, as `zalo.body` begins
    /// (`BodyEmbed`).
    var articleFile = ""
    var absoluteBody = ""

    public struct ZaloArticle: Sendable, Hashable {
        public var title: String
        public var author: String
        public var description: String
        public var coverURL: String?
        public var coverBytes: Int?
        public var body: String

        public var json: [String: Any] {
            var object: [String: Any] = [
                "type": "normal", "title": title, "author": author, "description": description,
                "body": [["type": "text", "content": body]], "status": "show",
            ]
            if let coverURL { object["cover"] = ["cover_type": "photo", "photo_url": coverURL, "status": "show"] }
            return object
        }
    }
}

public enum Outbox {
    public static let path = "social/outbox.json"

    /// Zalo OA Article API limits, in characters (cover in bytes).
    public enum ZaloLimit {
        public static let title = 150
        public static let description = 300
        public static let author = 50
        public static let coverBytes = SharingContext.maxBytes
    }

    static func jobs(_ input: RenderInput) -> [RenderJob] {
        var job = RenderJob(path: path) {
            let sharing = input.context.sharing ?? SharingContext.prepare(input.site, theme: input.theme.name,
                                                                         sources: input.sources, log: DiagnosticLog())
            let entries = entries(input.site, sharing: sharing)
            let contents = OutputFile.Contents.bytes(Array(json(entries, site: input.site).utf8))
            // Where each entry's body is, for an edit of nothing but bodies (`BodyEmbed`).
            input.embeds?.record(path, contents: contents, bodies: entries.map {
                .init(file: $0.articleFile, text: $0.absoluteBody, form: .json, pageURL: $0.url)
            })
            return contents
        }
        job.showsBodies = input.embeds != nil
        return [job]
    }

    /// The newest `outbox_items` articles that may be shared (published, not a draft, not expired), newest first.
    public static func entries(_ site: ResolvedSite, sharing: SharingContext) -> [OutboxEntry] {
        let urls = SiteURLs(config: site.config)
        return site.articles.lazy.filter(FeedCatalog.isSyndicated).prefix(site.config.outboxItems)
            .map { entry($0, site: site, sharing: sharing, urls: urls) }
    }

    public static func entry(_ article: Article, site: ResolvedSite, sharing: SharingContext, urls: SiteURLs) -> OutboxEntry {
        let url = urls.absolute(article.path)
        var truncated: [String] = []
        var problems: [String] = []
        func fit(_ text: String, _ limit: Int, _ field: String) -> String {
            let (result, cut) = truncate(text, to: limit)
            if cut { truncated.append(field) }
            return result
        }
        let summary = article.summary.isEmpty ? article.title : article.summary
        let title = fit(article.title, ZaloLimit.title, "title")
        let description = fit(summary, ZaloLimit.description, "description")
        let author = fit(article.source.author ?? site.config.jurisdiction.name, ZaloLimit.author, "author")

        var cover = sharing.image(for: article)
        if let image = cover, image.bytes > ZaloLimit.coverBytes {
            problems.append("ảnh \(image.url) lớn hơn 1 MB nên dùng ảnh chia sẻ mặc định")
            cover = sharing.defaultImage.flatMap { $0.bytes <= ZaloLimit.coverBytes ? $0 : nil }
        }
        if cover == nil { problems.append("không có ảnh bìa — Zalo yêu cầu ảnh bìa") }

        var seen: Set<String> = []
        let hashtags = (article.tags.map(\.name) + [article.category?.name].compactMap { $0 } + site.config.socialHashtags)
            .map(hashtag).filter { $0.count > 1 && seen.insert(VietnameseText.fold($0).lowercased()).inserted }
        let tagLine = hashtags.joined(separator: " ")
        let absoluteBody = AbsoluteHTML.rewrite(site.bodyHTML(article), urls: urls, pageURL: url)
        let body = absoluteBody + "<p>Nguồn: <a href=\"\(HTML.escape(url))\">\(HTML.escape(site.config.title))</a></p>"
        var message = article.title + "\n\n" + summary
        if !tagLine.isEmpty { message += "\n\n" + tagLine }
        var text = article.title + "\n\n" + summary + "\n\nXem chi tiết: " + url
        if !tagLine.isEmpty { text += "\n\n" + tagLine }
        var entry = OutboxEntry(
            id: article.path, url: url, title: article.title, published: article.date,
            zalo: .init(title: title, author: author, description: description, coverURL: cover?.url,
                        coverBytes: cover?.bytes, body: body),
            facebookMessage: message, hashtags: hashtags, text: text, truncated: truncated, problems: problems)
        entry.articleFile = article.source.file
        entry.absoluteBody = absoluteBody
        return entry
    }

    /// Shortens to at most `limit` characters, on a word boundary where one is near, ending in "…".
    public static func truncate(_ text: String, to limit: Int) -> (String, Bool) {
        guard text.count > limit else { return (text, false) }
        var cut = String(text.prefix(limit - 1))
        let next = text.dropFirst(limit - 1).first
        if next != " ", let space = cut.lastIndex(where: { $0 == " " }), cut.distance(from: cut.startIndex, to: space) >= limit / 2 {
            cut = String(cut[..<space])
        }
        while let last = cut.last, last == " " || last == "," || last == ";" || last == ":" || last == "-" || last == "–" {
            cut.removeLast()
        }
        return (cut + "…", true)
    }

    /// `Tuyên truyền` → `#TuyênTruyền`, `PAR INDEX` → `#PARINDEX`: letters and digits, words capitalised.
    public static func hashtag(_ name: String) -> String {
        let words = name.split { !$0.isLetter && !$0.isNumber }
        return "#" + words.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    public static func json(_ entries: [OutboxEntry], site: ResolvedSite) -> String {
        let articles: [[String: Any]] = entries.map { e in
            var zaloCheck: [String: Any] = ["truncated": e.truncated, "problems": e.problems,
                                            "title_length": e.zalo.title.count,
                                            "description_length": e.zalo.description.count,
                                            "author_length": e.zalo.author.count]
            if let bytes = e.zalo.coverBytes { zaloCheck["cover_bytes"] = bytes }
            return ["id": e.id, "url": e.url, "title": e.title, "date_published": e.published.rfc3339,
                    "zalo": e.zalo.json, "zalo_check": zaloCheck,
                    "facebook": ["message": e.facebookMessage, "link": e.url],
                    "hashtags": e.hashtags, "text": e.text]
        }
        let document: [String: Any] = [
            "version": 1, "site": site.config.baseURL,
            "limits": ["zalo": ["title": ZaloLimit.title, "description": ZaloLimit.description,
                                "author": ZaloLimit.author, "cover_bytes": ZaloLimit.coverBytes]],
            "articles": articles,
        ]
        return JSONText.serialize(document) + "\n"
    }
}
