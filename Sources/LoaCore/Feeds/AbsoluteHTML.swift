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

    /// The next ` href="` or ` src="` (the range ends just after the opening quote), found in one pass
    /// over the bytes. libcmark percent-encodes every non-ASCII byte of a URL, so the quote is never the
    /// start of a longer grapheme and a byte match is a Character match.
    static func nextAttribute(in text: Substring) -> Range<Substring.Index>? {
        let bytes = text.utf8
        var i = bytes.startIndex
        while let space = bytes[i...].firstIndex(of: 0x20) {
            let after = bytes[bytes.index(after: space)...]
            for pattern in [hrefPattern, srcPattern] where after.starts(with: pattern) {
                return space..<bytes.index(after.startIndex, offsetBy: pattern.count)
            }
            i = bytes.index(after: space)
        }
        return nil
    }

    private static let hrefPattern = Array("href=\"".utf8)
    private static let srcPattern = Array("src=\"".utf8)

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
