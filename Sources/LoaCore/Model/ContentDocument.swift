/// An article or a standing page: front matter and Markdown body, as written.
public struct ContentDocument: Sendable {
    public enum Kind: String, Sendable { case article, page }

    public struct SourceDocument: Sendable, Hashable {
        public var number: String?
        public var date: CalendarDay?
        public var issuer: String?
    }

    /// A value together with the line it was written on, for errors found in later stages.
    public struct Located<Value: Sendable>: Sendable {
        public var value: Value
        public var line: Int
    }

    public var kind: Kind
    /// Relative to the site root.
    public var file: String
    public var title: String
    public var date: ContentDate
    public var updated: ContentDate?
    public var summary: String?
    public var units: [Located<String>]
    public var category: Located<String>?
    public var tags: [Located<String>]
    public var image: Located<String>?
    public var imageAlt: String?
    public var author: String?
    public var sourceDocument: SourceDocument?
    public var draft: Bool
    public var publishAt: ContentDate?
    public var expires: CalendarDay?
    public var slug: Located<String>
    public var aliases: [Located<String>]
    /// The Markdown source, or "" when the document came from the build cache (`hasBody` false) or the
    /// resolver has released it.
    public var body: String
    /// Line of the file on which the body starts, so Markdown line numbers map back to the file.
    public var bodyFirstLine: Int
    /// `ArticleBodies.hash` of the source body: the Markdown cache's key and the check that a body read
    /// again is the one loaded.
    public var bodyHash: UInt64 = 0
    /// Whether `body` holds the source. The build cache keeps documents without it (it was most of the
    /// cache's bytes): a body the resolver must render again is read from its file (`ArticleBodies.source`).
    public var hasBody = true
}
