/// What a resolved article keeps of its front matter: the fields its page, lists, feeds and sitemap show.
///
/// The whole `ContentDocument` was held for every article until its page was made: about 330 bytes each,
/// most of them fields resolved into the article (units, category, tags, summary) or never set. Fields
/// few documents write (image, source document, expiry, former addresses) share one box, absent when a
/// document writes none of them.
public struct ArticleSource: Sendable {
    private final class Rare: Sendable {
        let image: ContentDocument.Located<String>?
        let imageAlt: String?
        let sourceDocument: ContentDocument.SourceDocument?
        let expires: CalendarDay?
        let aliases: [ContentDocument.Located<String>]

        init?(_ doc: ContentDocument) {
            guard doc.image != nil || doc.imageAlt != nil || doc.sourceDocument != nil || doc.expires != nil
                    || !doc.aliases.isEmpty else { return nil }
            image = doc.image; imageAlt = doc.imageAlt; sourceDocument = doc.sourceDocument
            expires = doc.expires; aliases = doc.aliases
        }
    }

    public var kind: ContentDocument.Kind
    /// Relative to the site root.
    public var file: String
    public var title: String
    public var date: ContentDate
    public var updated: ContentDate?
    public var author: String?
    public var draft: Bool
    public var slug: ContentDocument.Located<String>
    /// Line of the file on which the body starts.
    public var bodyFirstLine: Int
    private let rare: Rare?

    public var image: ContentDocument.Located<String>? { rare?.image }
    public var imageAlt: String? { rare?.imageAlt }
    public var sourceDocument: ContentDocument.SourceDocument? { rare?.sourceDocument }
    public var expires: CalendarDay? { rare?.expires }
    public var aliases: [ContentDocument.Located<String>] { rare?.aliases ?? [] }

    public init(_ doc: ContentDocument) {
        kind = doc.kind; file = doc.file; title = doc.title; date = doc.date; updated = doc.updated
        author = doc.author; draft = doc.draft; slug = doc.slug; bodyFirstLine = doc.bodyFirstLine
        rare = Rare(doc)
    }
}
