/// Rewrites the links of rendered body HTML so they work outside the site (feeds, social posts):
/// root-relative `href`/`src` become absolute, a lone `#fragment` points into the article's page.
public enum AbsoluteHTML {
    /// `html` as libcmark writes it (double-quoted attributes); `pageURL` is the absolute URL of the page
    /// the HTML belongs to.
    public static func rewrite(_ html: String, urls: SiteURLs, pageURL: String) -> String {
        let origin = self.origin(of: urls.baseURL)
        var out = ""
        out.reserveCapacity(html.utf8.count + 256)
        var rest = Substring(html)
        while let range = nextAttribute(in: rest) {
            out += rest[..<range.upperBound]
            rest = rest[range.upperBound...]
            guard let close = rest.firstIndex(of: "\"") else { break }
            let value = rest[..<close]
            out += absolute(String(value), origin: origin, urls: urls, pageURL: pageURL)
            rest = rest[close...]
        }
        out += rest
        return out
    }

    /// The next ` href="` or ` src="` (the range ends just after the opening quote).
    static func nextAttribute(in text: Substring) -> Range<Substring.Index>? {
        let href = text.range(of: " href=\"")
        let src = text.range(of: " src=\"")
        switch (href, src) {
        case let (h?, s?): return h.lowerBound < s.lowerBound ? h : s
        case let (h?, nil): return h
        case let (nil, s?): return s
        default: return nil
        }
    }

    /// One attribute value (still HTML-escaped, which URL characters survive unchanged).
    public static func absolute(_ value: String, origin: String, urls: SiteURLs, pageURL: String) -> String {
        if value.hasPrefix("#") { return pageURL + value }
        if value.hasPrefix("//") { return "https:" + value }
        if value.hasPrefix("/") {
            if value.hasPrefix(urls.basePath) { return urls.absolute(String(value.dropFirst(urls.basePath.count))) }
            return origin + value
        }
        if URLSafety.hasScheme(value.lowercased()) || value.isEmpty { return value }
        return urls.absolute(value)
    }

    /// `https://host` of a base URL, without its path.
    public static func origin(of baseURL: String) -> String {
        guard let schemeEnd = baseURL.range(of: "://") else { return baseURL }
        let host = baseURL[schemeEnd.upperBound...].prefix { $0 != "/" }
        return String(baseURL[..<schemeEnd.upperBound]) + host
    }
}
