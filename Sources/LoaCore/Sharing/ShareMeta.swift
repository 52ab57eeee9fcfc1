import Foundation

/// The `shareMeta` values of every page's head: Open Graph, Twitter card, Dublin Core, JSON-LD, feed
/// autodiscovery, and the plain share links. Rendered by `partials/share-meta.mustache`.
public enum ShareMeta {
    public static func values(path: String, title: String, description: String, site: ResolvedSite,
                              urls: SiteURLs, sharing: SharingContext) -> [String: Any] {
        let config = site.config
        let canonical = urls.absolute(path)
        let article = sharing.articleByPath[path].map { site.articles[$0] }
        let page = sharing.pageByPath[path].map { site.pages[$0] }
        let document = article ?? page
        var values: [String: Any] = [
            "type": article != nil ? "article" : "website",
            "title": title, "description": description, "url": canonical,
            "siteName": config.title, "locale": "vi_VN",
            // Every key the partial reads is set (empty when absent), so Mustache never falls back to a
            // key of the same name elsewhere in the page's context.
            "image": false, "published": "", "modified": "", "section": "", "tags": [String](),
        ]
        if let image = sharing.image(for: document) {
            var imageValues: [String: Any] = ["url": image.url, "alt": image.alt, "type": image.mimeType]
            imageValues["width"] = false
            if let header = image.header { imageValues["width"] = header.width; imageValues["height"] = header.height }
            values["image"] = imageValues
        }
        let date = document.map { $0.date } ?? sharing.newestDate
        let modified = document.map { $0.source.updated ?? $0.date }
        if let article {
            values["published"] = article.date.rfc3339
            values["modified"] = (article.source.updated ?? article.date).rfc3339
            if let category = article.category { values["section"] = category.name }
            values["tags"] = article.tags.map(\.name)
        }
        values["dc"] = [
            "title": title, "description": description,
            "creator": document?.source.author ?? config.jurisdiction.name,
            "publisher": config.jurisdiction.name, "identifier": canonical,
            "date": date.map { $0.hasTime ? $0.rfc3339 : $0.day.iso } ?? "",
            "modified": modified.map { $0.hasTime ? $0.rfc3339 : $0.day.iso } ?? "",
        ] as [String: String]
        values["jsonld"] = jsonLD(canonical: canonical, title: title, description: description, article: article,
                                  image: sharing.image(for: document), logo: sharing.defaultImage?.url,
                                  site: site, urls: urls, publisher: sharing.publisherJSON)
        values["feeds"] = sharing.feeds(forPage: path).flatMap { feed in
            [("application/rss+xml", "RSS", feed.rssPath), ("application/atom+xml", "Atom", feed.atomPath),
             ("application/feed+json", "JSON Feed", feed.jsonPath)].map { type, format, file in
                ["type": type, "title": "\(feed.title) (\(format))", "url": urls.absolute(file)]
            }
        }
        values["links"] = shareLinks(canonical)
        return values
    }

    /// Plain links: no third-party script reaches the page.
    public static func shareLinks(_ url: String) -> [String: String] {
        let encoded = percentEncode(url)
        return ["facebook": "https://www.facebook.com/sharer/sharer.php?u=\(encoded)",
                "zalo": "https://sp.zalo.me/share_inline?url=\(encoded)",
                "copy": url]
    }

    /// RFC 3986 percent-encoding of every byte but ASCII letters, digits and `-._~` (uppercase hex, as
    /// Foundation's `addingPercentEncoding`), byte by byte: building the character set and going through
    /// Foundation for every page's share links was 2 % of a clean build.
    public static func percentEncode(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.append(byte)
            default:
                out += [UInt8(ascii: "%"), upperHex[Int(byte >> 4)], upperHex[Int(byte & 0xF)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static let upperHex = Array("0123456789ABCDEF".utf8)

    /// `GovernmentOrganization` (the publisher) on every page; `NewsArticle` on article pages, `WebPage`
    /// elsewhere. Escaped for a `<script>` element. `publisher`: `publisherJSON` of the same site, when the
    /// caller has it (every page has the same one).
    public static func jsonLD(canonical: String, title: String, description: String, article: Article?,
                              image: ShareImage?, logo: String? = nil, site: ResolvedSite, urls: SiteURLs,
                              publisher: String? = nil) -> String {
        let config = site.config
        let orgID = urls.absolute("") + "#to-chuc"
        var main: [String: Any]
        if let article {
            main = ["@type": "NewsArticle", "headline": title, "description": description,
                    "datePublished": article.date.rfc3339,
                    "dateModified": (article.source.updated ?? article.date).rfc3339,
                    "author": ["@type": "Organization", "name": article.source.author ?? config.jurisdiction.name],
                    "publisher": ["@id": orgID], "mainEntityOfPage": canonical, "url": canonical, "inLanguage": "vi"]
            if let image {
                var imageObject: [String: Any] = ["@type": "ImageObject", "url": image.url]
                if let h = image.header { imageObject["width"] = h.width; imageObject["height"] = h.height }
                main["image"] = [imageObject]
            }
            if let category = article.category { main["articleSection"] = category.name }
            if !article.tags.isEmpty { main["keywords"] = article.tags.map(\.name).joined(separator: ", ") }
        } else {
            main = ["@type": "WebPage", "name": title, "description": description, "url": canonical,
                    "inLanguage": "vi", "publisher": ["@id": orgID]]
        }
        // The same bytes as serialising {"@context", "@graph": [org, main]} in one go: keys sort "@context"
        // before "@graph", and the script escaping works byte by byte on ASCII boundaries.
        let org = publisher ?? publisherJSON(site: site, urls: urls, logo: logo)
        return "{\"@context\":\"https://schema.org\",\"@graph\":[" + org + "," + JSONText.forScript(main) + "]}"
    }

    /// The publisher node of the JSON-LD graph, escaped for `<script>`.
    public static func publisherJSON(site: ResolvedSite, urls: SiteURLs, logo: String?) -> String {
        let config = site.config
        var org: [String: Any] = ["@type": "GovernmentOrganization", "@id": urls.absolute("") + "#to-chuc",
                                  "name": config.jurisdiction.name, "url": urls.absolute("")]
        if let parent = config.jurisdiction.parent {
            org["parentOrganization"] = ["@type": "GovernmentOrganization", "name": parent]
        }
        if let phone = config.responsible.phone { org["telephone"] = phone }
        if let email = config.responsible.email { org["email"] = email }
        if let address = config.responsible.address { org["address"] = address }
        let sameAs = [config.social.facebook].compactMap { $0 }
        if !sameAs.isEmpty { org["sameAs"] = sameAs }
        if let logo { org["logo"] = logo }
        return JSONText.forScript(org)
    }
}
