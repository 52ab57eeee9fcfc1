/// From how many articles a site counts as large, and what that changes: its spills hold less in memory
/// (list items, search terms, summaries), and the allocator is tuned for it
/// (`SiteBuilder.tuneAllocatorForLargeSites`). Each stage decides from the articles it is given, per
/// build: a `watch` or `serve` process whose site shrinks goes back to the usual budgets.
enum LargeSite {
    static let articles = 20_000

    /// What a large site's spills hold in memory: the rest is read back with a `pread` from the page cache.
    /// 1 MB: the newest articles' list items, on the most pages. Each of the two spills' budget is held
    /// through the stages where the peak is (the search index, the render stage).
    static let heldBytes = 1 << 20

    /// `usual` for a site of `count` articles: no more than `heldBytes` for a large one.
    static func holding(_ usual: Int, articles count: Int) -> Int {
        count >= articles ? min(usual, heldBytes) : usual
    }
}
