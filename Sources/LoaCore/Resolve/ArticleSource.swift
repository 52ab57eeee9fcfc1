/// What a resolved article keeps of its front matter: the fields its page, lists, feeds and sitemap show.
///
/// The whole `ContentDocument` was held for every article until its page was made: about 330 bytes each,
/// most of them fields resolved into the article (units, category, tags, summary) or never set. Fields
/// few documents write (image, source document, expiry, former addresses, date updated) share one box, absent when a
/// document writes none of them. Stored fields are ordered so that the small ones share a word; the
/// author is one word, the slug's line is not kept.
public struct ArticleSource: Sendable {
    private final class Rare: Sendable {
        let image: ContentDocument.Located<String>?
        let imageAlt: String?
        let sourceDocument: ContentDocument.SourceDocument?
        let expires: CalendarDay?
        let aliases: [ContentDocument.Located<String>]
        let updated: ContentDate?

        init?(_ doc: ContentDocument) {
            guard doc.image != nil || doc.imageAlt != nil || doc.sourceDocument != nil || doc.expires != nil
                    || !doc.aliases.isEmpty || doc.updated != nil else { return nil }
            image = doc.image; imageAlt = doc.imageAlt; sourceDocument = doc.sourceDocument
            expires = doc.expires; aliases = doc.aliases; updated = doc.updated
        }
    }

    public var kind: ContentDocument.Kind
    public var draft: Bool
    /// Past its `expires` day at the build's moment (`Article.isExpired`): set by the resolver, kept here
    /// in a word's spare bytes.
    var isExpired = false
    private var storedFirstLine: Int32
    /// Relative to the site root.
    public var file: String
    private let packedTitle: PackedText
    public var date: ContentDate
    /// One word: the resolver gives every article of an author the same box (`SiteResolver.SharedTerms`).
    private var sharedAuthor: SharedText?
    /// Its line is not kept: slugs are checked on the documents (`SiteResolver.checkSlugs`).
    public var slug: String
    private let rare: Rare?

    /// Line of the file on which the body starts.
    public var bodyFirstLine: Int { Int(storedFirstLine) }
    public var title: String { packedTitle.string }
    public var author: String? {
        get { sharedAuthor?.text }
        set { sharedAuthor = newValue.map(SharedText.init) }
    }
    /// `author`'s box, to tell shared ones apart (tests).
    var authorBox: ObjectIdentifier? { sharedAuthor.map(ObjectIdentifier.init) }
    public var updated: ContentDate? { rare?.updated }

    public var image: ContentDocument.Located<String>? { rare?.image }
    public var imageAlt: String? { rare?.imageAlt }
    public var sourceDocument: ContentDocument.SourceDocument? { rare?.sourceDocument }
    public var expires: CalendarDay? { rare?.expires }
    public var aliases: [ContentDocument.Located<String>] { rare?.aliases ?? [] }

    /// `author`: the box of `doc.author`, when the caller shares one.
    init(_ doc: ContentDocument, author: SharedText? = nil) {
        kind = doc.kind; file = doc.file; packedTitle = PackedText(doc.title); date = doc.date
        sharedAuthor = author ?? doc.author.map(SharedText.init); draft = doc.draft; slug = doc.slug.value
        // Bodies start within the 5 MB a text file may have (`SourceFiles.maxTextBytes`).
        storedFirstLine = Int32(clamping: doc.bodyFirstLine)
        rare = Rare(doc)
    }
}
