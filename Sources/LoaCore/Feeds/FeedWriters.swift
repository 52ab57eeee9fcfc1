import Foundation

/// Serialises one feed as RSS 2.0, Atom 1.0 or JSON Feed 1.1. Pure functions of their input: the same
/// site gives byte-identical feeds.
public struct FeedDocument: Sendable {
    public var spec: FeedSpec
    public var items: [FeedItem]
    public var updated: ContentDate
    /// Absolute URLs.
    public var pageURL: String
    public var rssURL: String
    public var atomURL: String
    public var jsonURL: String
    public var publisher: String
    public var language = "vi"

    public init(spec: FeedSpec, site: ResolvedSite, urls: SiteURLs) {
        self.init(spec: spec, items: spec.articles.map { FeedCatalog.item(site.articles[$0], site: site, urls: urls) },
                  site: site, urls: urls)
    }

    /// With the items already built (`FeedCatalog.item` of each of `spec.articles`, in order).
    public init(spec: FeedSpec, items: [FeedItem], site: ResolvedSite, urls: SiteURLs) {
        self.spec = spec
        self.items = items
        updated = FeedCatalog.date(of: items, site: site)
        pageURL = urls.absolute(spec.pagePath)
        rssURL = urls.absolute(spec.rssPath)
        atomURL = urls.absolute(spec.atomPath)
        jsonURL = urls.absolute(spec.jsonPath)
        publisher = site.config.jurisdiction.name
    }

    // MARK: - RSS 2.0

    public func rss() -> String {
        let e = XMLText.escape
        var x = """
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
        <channel>
        <title>\(e(spec.title))</title>
        <link>\(e(pageURL))</link>
        <description>\(e(HTML.escape(spec.description)))</description>
        <language>\(language)</language>
        <pubDate>\(XMLText.rfc822(updated))</pubDate>
        <lastBuildDate>\(XMLText.rfc822(updated))</lastBuildDate>
        <generator>Loa</generator>
        <atom:link href="\(e(rssURL))" rel="self" type="application/rss+xml"/>

        """
        for item in items {
            x += "<item>\n<title>\(e(item.title))</title>\n<link>\(e(item.url))</link>\n"
            x += "<guid isPermaLink=\"true\">\(e(item.url))</guid>\n"
            x += "<pubDate>\(XMLText.rfc822(item.published))</pubDate>\n"
            x += "<dc:creator>\(e(item.author))</dc:creator>\n"
            if let category = item.category { x += "<category>\(e(category))</category>\n" }
            for tag in item.tags { x += "<category>\(e(tag))</category>\n" }
            // RSS readers render description as HTML: the plain-text summary is escaped as HTML, then as XML.
            x += "<description>\(e(HTML.escape(item.summary)))</description>\n"
            x += "<content:encoded>\(e(item.contentHTML))</content:encoded>\n"
            x += "</item>\n"
        }
        return x + "</channel>\n</rss>\n"
    }

    // MARK: - Atom 1.0

    public func atom() -> String {
        let e = XMLText.escape
        var x = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(language)">
        <id>\(e(atomURL))</id>
        <title>\(e(spec.title))</title>
        <subtitle>\(e(spec.description))</subtitle>
        <updated>\(updated.rfc3339)</updated>
        <link rel="self" type="application/atom+xml" href="\(e(atomURL))"/>
        <link rel="alternate" type="text/html" href="\(e(pageURL))"/>
        <author><name>\(e(publisher))</name></author>
        <generator>Loa</generator>

        """
        for item in items {
            x += "<entry>\n<id>\(e(item.url))</id>\n<title>\(e(item.title))</title>\n"
            x += "<link rel=\"alternate\" type=\"text/html\" href=\"\(e(item.url))\"/>\n"
            x += "<published>\(item.published.rfc3339)</published>\n<updated>\(item.updated.rfc3339)</updated>\n"
            x += "<author><name>\(e(item.author))</name></author>\n"
            if let category = item.category { x += "<category term=\"\(e(category))\"/>\n" }
            for tag in item.tags { x += "<category term=\"\(e(tag))\"/>\n" }
            x += "<summary>\(e(item.summary))</summary>\n"
            x += "<content type=\"html\">\(e(item.contentHTML))</content>\n</entry>\n"
        }
        return x + "</feed>\n"
    }

    // MARK: - JSON Feed 1.1

    public func json() -> String {
        var feed: [String: Any] = [
            "version": "https://jsonfeed.org/version/1.1",
            "title": spec.title,
            "description": spec.description,
            "home_page_url": pageURL,
            "feed_url": jsonURL,
            "language": language,
            "authors": [["name": publisher]],
        ]
        feed["items"] = items.map { item -> [String: Any] in
            var entry: [String: Any] = [
                "id": item.url, "url": item.url, "title": item.title, "summary": item.summary,
                "content_html": item.contentHTML,
                "date_published": item.published.rfc3339, "date_modified": item.updated.rfc3339,
                "authors": [["name": item.author]],
            ]
            let tags = (item.category.map { [$0] } ?? []) + item.tags
            if !tags.isEmpty { entry["tags"] = tags }
            if let image = item.imageURL { entry["image"] = image }
            return entry
        }
        return JSONText.serialize(feed) + "\n"
    }
}

/// Deterministic JSON: sorted keys, two-space indentation, `/` unescaped.
public enum JSONText {
    public static func serialize(_ value: Any, pretty: Bool = true) -> String {
        if let fast = JSONWriter.serialize(value, pretty: pretty) { return fast }   // same bytes, see JSONWriter
        var options: JSONSerialization.WritingOptions = [.sortedKeys, .withoutEscapingSlashes]
        if pretty { options.insert(.prettyPrinted) }
        guard let data = try? JSONSerialization.data(withJSONObject: value, options: options) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    /// JSON made safe inside an HTML `<script>` element: `<`, `>`, `&` and the JavaScript line
    /// separators become `\u` escapes, so no `</script>` or `<!--` can appear.
    public static func forScript(_ value: Any) -> String {
        var json = serialize(value, pretty: false)
        var out: [UInt8] = []
        // Runs of bytes that need no escape are copied whole.
        json.withUTF8 { bytes in
            out.reserveCapacity(bytes.count + 64)
            var start = 0, index = 0
            while index < bytes.count {
                let byte = bytes[index]
                let escape: String
                switch byte {
                case 0x3C: escape = "\\u003c"
                case 0x3E: escape = "\\u003e"
                case 0x26: escape = "\\u0026"
                // U+2028 and U+2029 are E2 80 A8 and E2 80 A9 in UTF-8.
                case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
                    escape = bytes[index + 2] == 0xA8 ? "\\u2028" : "\\u2029"
                default:
                    index += 1
                    continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
                out += Array(escape.utf8)
                index += byte == 0xE2 ? 3 : 1
                start = index
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
        }
        return String(decoding: out, as: UTF8.self)
    }
}
