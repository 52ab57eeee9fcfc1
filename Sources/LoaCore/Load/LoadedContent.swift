/// Everything read from `content/`, checked file by file but not yet cross-referenced.
public struct LoadedContent: Sendable {
    public var config: SiteConfig
    public var units: [AdministrativeUnit]
    public var articles: [ContentDocument]
    public var pages: [ContentDocument]
    /// Paths relative to the site root (`content/media/…`), copied as they are.
    public var media: [String]
}
