/// Everything read from `content/`, checked file by file but not yet cross-referenced.
public struct LoadedContent: Sendable {
    public var config: SiteConfig
    public var units: [AdministrativeUnit]
    public var articles: [ContentDocument]
    public var pages: [ContentDocument]
    /// Paths relative to the site root (`content/media/…`), copied as they are.
    public var media: [String]
    /// `content/procedures/`: the rows of every list and the detail files.
    public var procedures = ProcedureCatalog()
    /// `content/hotlines.yaml`, in file order.
    public var hotlines: [Hotline] = []
    /// `content/rankings/*.yaml`, in file-name order.
    public var rankings: [RankingIndex] = []
    /// Where the files were read: lets later stages read a body again (`ArticleBodies`).
    public var sources: SourceFiles? = nil
}
