import Foundation

/// An image a shared page points to, with what social sites need to know about it.
public struct ShareImage: Sendable, Hashable {
    /// Absolute URL.
    public var url: String
    public var alt: String
    public var header: ImageHeader?
    /// File size in bytes (Zalo refuses covers over 1 MB).
    public var bytes: Int

    public var mimeType: String { header?.mimeType ?? ImageHeader.mimeType(forPath: url) }
}

/// What every page's share tags and the outbox need, prepared once per build: image sizes read from
/// their headers, the feed list, and which path is which article.
public struct SharingContext: Sendable {
    /// The theme's `assets/share-card.png` (1200×630), used when an article has no image.
    public var defaultImage: ShareImage?
    /// Article image (as written in front matter, relative to content/) → its share image.
    public var images: [String: ShareImage]
    public var feeds: [FeedSpec] { didSet { feedIndex = FeedCatalog.Index(feeds) } }
    /// `feeds` by the page they belong to (`feeds(forPage:)`).
    public private(set) var feedIndex: FeedCatalog.Index
    /// Output path → index into `site.articles`.
    public var articleByPath: PathIndex
    /// Output path → index into `site.pages`.
    public var pageByPath: PathIndex
    /// Newest content date of the site, for pages that have none of their own.
    public var newestDate: ContentDate?
    /// The publisher's JSON-LD node, the same on every page: serialised once (`ShareMeta.publisherJSON`).
    public var publisherJSON: String = ""

    public init(defaultImage: ShareImage?, images: [String: ShareImage], feeds: [FeedSpec], articleByPath: PathIndex,
                pageByPath: PathIndex, newestDate: ContentDate?, publisherJSON: String = "") {
        self.defaultImage = defaultImage
        self.images = images
        self.feeds = feeds
        self.feedIndex = FeedCatalog.Index(feeds)
        self.articleByPath = articleByPath
        self.pageByPath = pageByPath
        self.newestDate = newestDate
        self.publisherJSON = publisherJSON
    }

    /// The feeds a page announces (`FeedCatalog.feeds(forPage:in:)`).
    public func feeds(forPage path: String) -> [FeedSpec] { feedIndex.feeds(forPage: path) }

    public static let defaultCard = "share-card.png"
    public static let minSide = 200
    public static let maxBytes = 1_048_576

    /// The image shown when `article` is shared.
    public func image(for article: Article?) -> ShareImage? {
        if let path = article?.source.image?.value, let image = images[path] { return image }
        return defaultImage
    }

    /// Reads the image headers and warns (for `loa check`) about images social sites will refuse or crop.
    public static func prepare(_ site: ResolvedSite, theme: String, sources: SourceFiles,
                               log: DiagnosticLog) -> SharingContext {
        let urls = SiteURLs(config: site.config)
        let cardFile = "themes/\(theme)/assets/\(defaultCard)"
        var defaultImage: ShareImage?
        if sources.exists(cardFile) {
            defaultImage = inspect(cardFile, url: urls.absolute("assets/\(defaultCard)"), alt: site.config.title,
                                   sources: sources, report: (cardFile, nil), log: log)
        } else {
            log.warning(cardFile, nil, "giao diện thiếu ảnh chia sẻ mặc định \(defaultCard) (1200×630) — bài không có ảnh sẽ được chia sẻ không kèm ảnh")
        }
        var images: [String: ShareImage] = [:]
        for article in site.articles + site.pages {
            guard let image = article.source.image, images[image.value] == nil else { continue }
            let file = "content/" + image.value
            guard sources.exists(file) else {
                log.warning(article.source.file, image.line, "không tìm thấy ảnh \(file) — khi chia sẻ sẽ dùng ảnh mặc định của giao diện")
                continue
            }
            images[image.value] = inspect(file, url: urls.absolute(image.value), alt: article.source.imageAlt ?? article.title,
                                          sources: sources, report: (article.source.file, image.line), log: log)
        }
        let articleByPath = PathIndex(site.articles.map(\.path)), pageByPath = PathIndex(site.pages.map(\.path))
        _ = Redirects.entries(site, log: log) // reports former names that cannot redirect
        let newest = (site.articles + site.pages).map { $0.source.updated ?? $0.date }.max()
        return SharingContext(defaultImage: defaultImage, images: images, feeds: FeedCatalog.feeds(site),
                              articleByPath: articleByPath, pageByPath: pageByPath, newestDate: newest,
                              publisherJSON: ShareMeta.publisherJSON(site: site, urls: urls, logo: defaultImage?.url))
    }

    static func inspect(_ file: String, url: String, alt: String, sources: SourceFiles,
                        report place: (file: String, line: Int?), log: DiagnosticLog) -> ShareImage {
        let path = sources.absolute(file)
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        let header = ImageHeader.read(file: path)
        if header == nil {
            log.warning(place.file, place.line, "không đọc được kích thước ảnh \(file) — ảnh chia sẻ nên là PNG, JPEG hoặc WebP")
        } else if let h = header, h.width < minSide || h.height < minSide {
            log.warning(place.file, place.line, "ảnh chia sẻ \(file) chỉ \(h.width)×\(h.height) điểm ảnh — Facebook và Zalo cần ít nhất \(minSide)×\(minSide) (nên dùng 1200×630)")
        }
        if size > maxBytes {
            let mb = VietnameseFormat.number(Double(size) / 1_048_576, fractionDigits: 1)
            log.warning(place.file, place.line, "ảnh chia sẻ \(file) nặng \(mb) MB, quá giới hạn 1 MB của Zalo — hãy nén ảnh; bài đăng Zalo sẽ dùng ảnh mặc định")
        }
        return ShareImage(url: url, alt: alt, header: header, bytes: size)
    }
}
