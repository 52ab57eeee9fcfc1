/// Splits a list into pages of `perPage` and describes the navigation between them.
public struct Pagination: Sendable {
    public var total: Int
    public var perPage: Int

    public var pageCount: Int { max(1, (total + perPage - 1) / perPage) }

    public func range(of page: Int) -> Range<Int> {
        let start = (page - 1) * perPage
        return start..<min(total, start + perPage)
    }

    /// Lists up to this many pages link every page; longer ones link a window (see `listedPages`).
    public static let fullListLimit = 9
    /// Pages linked on each side of the current one in a long list.
    public static let window = 2

    /// The page numbers page `page` links to: all of them for a short list; for a long one the first, the
    /// last and `window` on each side of the current page (1 … 47 48 49 50 51 … 500). Linking every page
    /// would make each list page grow with the list, and the whole list quadratic in the number of articles.
    public func listedPages(around page: Int) -> [Int] {
        if pageCount <= Pagination.fullListLimit { return Array(1...pageCount) }
        let low = max(1, page - Pagination.window), high = min(pageCount, page + Pagination.window)
        return (low > 1 ? [1] : []) + Array(low...high) + (high < pageCount ? [pageCount] : [])
    }

    /// Template values for page `page` of the list at `listPath`.
    public func context(page: Int, listPath: String, urls: SiteURLs) -> [String: Any] {
        guard pageCount > 1 else { return [:] }
        var pages: [[String: Any]] = []
        var previousListed = 0
        for number in listedPages(around: page) {
            var entry: [String: Any] = ["number": number, "url": urls.link(SiteURLs.page(listPath, number))]
            if number == page { entry["current"] = true }
            if number > previousListed + 1 { entry["gapBefore"] = true }
            previousListed = number
            pages.append(entry)
        }
        var context: [String: Any] = ["pages": pages, "page": page, "pageCount": pageCount]
        if page > 1 { context["previous"] = urls.link(SiteURLs.page(listPath, page - 1)) }
        if page < pageCount { context["next"] = urls.link(SiteURLs.page(listPath, page + 1)) }
        return context
    }
}
