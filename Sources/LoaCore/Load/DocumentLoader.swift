/// Reads one article or standing page: front matter checked key by key, body kept as Markdown.
public enum DocumentLoader {
    static let keys: Set<String> = ["title", "date", "updated", "summary", "units", "category", "tags", "image",
                                    "image_alt", "author", "document", "draft", "publish_at", "expires", "slug",
                                    "aliases"]

    public static func load(_ file: String, kind: ContentDocument.Kind, sources: SourceFiles,
                            log: DiagnosticLog, cache: BuildCache? = nil) -> ContentDocument? {
        if let cache {
            return cache.document(file, kind: kind, sources: sources, log: log) { parse($0, file: file, kind: kind, log: $1) }
        }
        guard let text = sources.text(file, log: log) else { return nil }
        return parse(text, file: file, kind: kind, log: log)
    }

    public static func parse(_ text: String, file: String, kind: ContentDocument.Kind,
                             log: DiagnosticLog) -> ContentDocument? {
        if text.allSatisfy(\.isWhitespace) {
            log.error(file, 1, "tệp trống — một bài viết cần phần đầu (front matter) với title và date")
            return nil
        }
        let parts: FrontMatter
        switch FrontMatter.split(text) {
        case .success(let split): parts = split
        case .failure(.missingOpening):
            log.error(file, 1, "thiếu phần đầu (front matter): dòng đầu tiên phải là '---', tiếp theo là title:, date:… và một dòng '---' đóng lại")
            return nil
        case .failure(.unclosed(let line)):
            log.error(file, line, "phần đầu (front matter) mở bằng '---' nhưng không có dòng '---' đóng lại")
            return nil
        }
        guard let meta = YAMLValue.parse(parts.yaml, file: file, lineOffset: parts.yamlFirstLine - 1, log: log) else {
            if !log.all.contains(where: { $0.file == file && $0.severity == .error }) {
                log.error(file, parts.yamlFirstLine, "phần đầu (front matter) đang trống — cần ít nhất title và date")
            }
            return nil
        }
        guard meta.isMapping else {
            log.error(file, meta.line, "phần đầu (front matter) phải gồm các dòng dạng khóa: giá trị")
            return nil
        }
        let what = kind == .article ? "phần đầu bài viết" : "phần đầu trang"
        meta.rejectUnknownKeys(keys, log: log, what: what)

        let title = meta.string("title", required: true, log: log)
        if meta["date"] == nil { log.error(file, meta.line, "thiếu khóa bắt buộc 'date' (ngày đăng, ví dụ date: 2024-04-15)") }
        let date = meta.date("date", log: log)
        let updated = meta.date("updated", log: log)
        let publishAt = meta.date("publish_at", log: log)
        let expires = meta.date("expires", log: log)?.day
        let draft = meta.bool("draft", log: log) ?? false

        func located(_ key: String) -> ContentDocument.Located<String>? {
            meta.string(key, log: log).map { .init(value: $0, line: meta[key]?.line ?? meta.line) }
        }
        var image = located("image")
        if let given = image, !PathSafety.isSafeMediaPath(given.value) {
            log.error(file, given.line, "đường dẫn ảnh \"\(given.value)\" phải nằm trong content/, ví dụ media/2024/anh.jpg")
            image = nil
        }
        let imageAlt = meta.string("image_alt", log: log)
        if let image, imageAlt == nil {
            log.error(file, image.line, "ảnh '\(image.value)' thiếu mô tả: hãy thêm image_alt (mô tả ảnh cho người khiếm thị)")
        }

        var source: ContentDocument.SourceDocument?
        if let d = meta["document"] {
            if d.isMapping {
                d.rejectUnknownKeys(["number", "date", "issuer"], log: log, what: "document")
                source = .init(number: d.string("number", log: log), date: d.date("date", log: log)?.day,
                               issuer: d.string("issuer", log: log))
            } else {
                log.error(file, d.line, "'document' phải là một khối { number: …, date: …, issuer: … }")
            }
        }

        var slug = located("slug")
        if let given = slug, VietnameseText.slug(given.value) != given.value {
            log.error(file, given.line, "slug \"\(given.value)\" chỉ được gồm chữ thường không dấu, số và dấu '-' — ví dụ \"\(VietnameseText.slug(given.value))\"")
            slug = nil
        }
        if slug == nil, let title {
            let derived = VietnameseText.slug(title)
            if derived.isEmpty {
                log.error(file, meta["title"]?.line, "không tạo được đường dẫn từ tiêu đề — hãy thêm khóa slug")
            }
            slug = .init(value: derived, line: meta["title"]?.line ?? meta.line)
        }

        let lines = { (key: String) in meta.stringList(key, log: log).map { ContentDocument.Located(value: $0.text, line: $0.line) } }
        let aliases = lines("aliases").filter { alias in
            if PathSafety.isSafeAlias(alias.value) { return true }
            log.error(file, alias.line, "đường dẫn cũ (aliases) \"\(alias.value)\" không hợp lệ — hãy viết dạng /tin-tuc/ten-cu.html")
            return false
        }
        guard let title, let date, let slug, !slug.value.isEmpty else { return nil }
        return ContentDocument(
            kind: kind, file: file, title: title, date: date, updated: updated,
            summary: meta.string("summary", log: log), units: lines("units"), category: located("category"),
            tags: lines("tags"), image: image, imageAlt: imageAlt, author: meta.string("author", log: log),
            sourceDocument: source, draft: draft, publishAt: publishAt, expires: expires, slug: slug,
            aliases: aliases, body: parts.body, bodyFirstLine: parts.bodyFirstLine, bodyHash: ArticleBodies.hash(parts.body))
    }
}
