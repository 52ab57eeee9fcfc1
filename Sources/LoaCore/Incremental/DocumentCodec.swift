import Foundation

/// Binary forms of the values the load and Markdown stages produce, for the document cache.
/// `CacheCodecTests` fails when a field is added to one of these types without being added here.
enum DocumentCodec {
    static func encode(_ d: Diagnostic, _ w: inout CacheWriter) {
        w.u8(d.severity == .error ? 0 : 1)
        w.string(d.file)
        w.optional(d.line) { $0.int($1) }
        w.string(d.message)
    }

    static func decodeDiagnostic(_ r: inout CacheReader) throws -> Diagnostic {
        let severity: Diagnostic.Severity = try r.u8() == 0 ? .error : .warning
        return Diagnostic(severity, file: try r.string(), line: try r.optional { try $0.int() }, try r.string())
    }

    static func encode(_ day: CalendarDay, _ w: inout CacheWriter) {
        w.int(day.year); w.int(day.month); w.int(day.day)
    }

    static func decodeDay(_ r: inout CacheReader) throws -> CalendarDay {
        CalendarDay(year: try r.int(), month: try r.int(), day: try r.int())
    }

    static func encode(_ date: ContentDate, _ w: inout CacheWriter) {
        w.double(date.instant.timeIntervalSince1970)
        encode(date.day, &w)
        w.bool(date.hasTime)
    }

    static func decodeDate(_ r: inout CacheReader) throws -> ContentDate {
        var date = ContentDate(day: CalendarDay(year: 1970, month: 1, day: 1))
        date.instant = Date(timeIntervalSince1970: try r.double())
        date.day = try decodeDay(&r)
        date.hasTime = try r.bool()
        return date
    }

    static func encode(_ l: ContentDocument.Located<String>, _ w: inout CacheWriter) {
        w.string(l.value); w.int(l.line)
    }

    static func decodeLocated(_ r: inout CacheReader) throws -> ContentDocument.Located<String> {
        .init(value: try r.string(), line: try r.int())
    }

    static func encode(_ d: ContentDocument, _ w: inout CacheWriter) {
        w.u8(d.kind == .article ? 0 : 1)
        w.string(d.file)
        w.string(d.title)
        encode(d.date, &w)
        w.optional(d.updated) { encode($1, &$0) }
        w.optional(d.summary) { $0.string($1) }
        w.array(d.units) { encode($1, &$0) }
        w.optional(d.category) { encode($1, &$0) }
        w.array(d.tags) { encode($1, &$0) }
        w.optional(d.image) { encode($1, &$0) }
        w.optional(d.imageAlt) { $0.string($1) }
        w.optional(d.author) { $0.string($1) }
        w.optional(d.sourceDocument) { w, s in
            w.optional(s.number) { $0.string($1) }
            w.optional(s.date) { encode($1, &$0) }
            w.optional(s.issuer) { $0.string($1) }
        }
        w.bool(d.draft)
        w.optional(d.publishAt) { encode($1, &$0) }
        w.optional(d.expires) { encode($1, &$0) }
        encode(d.slug, &w)
        w.array(d.aliases) { encode($1, &$0) }
        w.int(d.bodyFirstLine)
        w.u64(d.bodyHash)   // not the body: see `ContentDocument.hasBody`
    }

    static func decodeDocument(_ r: inout CacheReader) throws -> ContentDocument {
        ContentDocument(
            kind: try r.u8() == 0 ? .article : .page,
            file: try r.string(),
            title: try r.string(),
            date: try decodeDate(&r),
            updated: try r.optional { try decodeDate(&$0) },
            summary: try r.optional { try $0.string() },
            units: try r.array { try decodeLocated(&$0) },
            category: try r.optional { try decodeLocated(&$0) },
            tags: try r.array { try decodeLocated(&$0) },
            image: try r.optional { try decodeLocated(&$0) },
            imageAlt: try r.optional { try $0.string() },
            author: try r.optional { try $0.string() },
            sourceDocument: try r.optional { r in
                ContentDocument.SourceDocument(number: try r.optional { try $0.string() },
                                               date: try r.optional { try decodeDay(&$0) },
                                               issuer: try r.optional { try $0.string() })
            },
            draft: try r.bool(),
            publishAt: try r.optional { try decodeDate(&$0) },
            expires: try r.optional { try decodeDay(&$0) },
            slug: try decodeLocated(&r),
            aliases: try r.array { try decodeLocated(&$0) },
            body: "", bodyFirstLine: try r.int(), bodyHash: try r.u64(), hasBody: false)
    }

    static func encode(_ m: RenderedMarkdown, _ w: inout CacheWriter) {
        w.string(m.html)
        w.string(m.firstParagraph)
        w.string(m.searchTerms)
        w.array(m.headings) { w, h in w.int(h.level); w.string(h.id); w.string(h.text) }
        w.array(m.procedureLinks) { $0.string($1) }
        w.u64(m.sourceHash)
    }

    static func decodeMarkdown(_ r: inout CacheReader) throws -> RenderedMarkdown {
        RenderedMarkdown(
            html: try r.string(), firstParagraph: try r.string(), searchTerms: try r.string(),
            headings: try r.array { r in
                RenderedMarkdown.Heading(level: try r.int(), id: try r.string(), text: try r.string())
            },
            procedureLinks: try r.array { try $0.string() }, sourceHash: try r.u64())
    }
}
