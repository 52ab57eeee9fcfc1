/// Every URL the site links to, in one place, so paths are never spelled twice.
public struct SiteURLs: Sendable {
    public var basePath: String
    public var baseURL: String

    public init(config: SiteConfig) {
        basePath = config.basePath
        baseURL = config.baseURL
    }

    /// Root-relative link to an output folder or file given relative to the site root.
    public func link(_ path: String) -> String { basePath + path }
    /// Absolute URL, for canonical links, feeds and sharing.
    public func absolute(_ path: String) -> String { baseURL + path }

    public static let articles = "tin-tuc/"
    public static let categories = "chuyen-muc/"
    public static let tags = "the/"
    public static let units = "don-vi/"
    public static let search = "tim-kiem/"

    public static func category(_ slug: String) -> String { "chuyen-muc/\(slug)/" }
    public static func tag(_ slug: String) -> String { "the/\(slug)/" }
    public static func unit(_ id: String) -> String { "don-vi/\(id)/" }

    /// Page n of a paginated list: the first page is the list's own folder.
    public static func page(_ listPath: String, _ number: Int) -> String {
        number <= 1 ? listPath : "\(listPath)trang/\(number)/"
    }
}
