/// Splits a list into pages of `perPage` and describes the navigation between them.
public struct Pagination: Sendable {
    public var total: Int
    public var perPage: Int

    public var pageCount: Int { max(1, (total + perPage - 1) / perPage) }

    public func range(of page: Int) -> Range<Int> {
        let start = (page - 1) * perPage
        return start..<min(total, start + perPage)
    }

    /// Template values for page `page` of the list at `listPath`.
    public func context(page: Int, listPath: String, urls: SiteURLs) -> [String: Any] {
        guard pageCount > 1 else { return [:] }
        var pages: [[String: Any]] = []
        for number in 1...pageCount {
            var entry: [String: Any] = ["number": number, "url": urls.link(SiteURLs.page(listPath, number))]
            if number == page { entry["current"] = true }
            pages.append(entry)
        }
        var context: [String: Any] = ["pages": pages, "page": page, "pageCount": pageCount]
        if page > 1 { context["previous"] = urls.link(SiteURLs.page(listPath, page - 1)) }
        if page < pageCount { context["next"] = urls.link(SiteURLs.page(listPath, page + 1)) }
        return context
    }
}
