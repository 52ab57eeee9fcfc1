import Foundation

/// The HTML of article and page bodies after the resolve stage. Held for every article from resolve to
/// write, it was a third of a clean build's heap (42 MB at 10,000 articles): the resolve stage keeps the
/// extracts other pages need (summary, headings, search terms, procedure links), and a page or feed item
/// that needs the HTML reads it back: from the spill file when the resolve stage rendered the body
/// (`TextSpill`), otherwise (a body whose extracts came from the cache) from the body's file, rendered
/// again with the same renderer and the same links. The body read must be the one resolved (its hash is
/// kept): a file edited during the build is reported as an error, so the build stops before the swap and
/// the last good site stays.
public struct ArticleBodies: Sendable {
    let sources: SourceFiles
    let links: MarkdownLinkContext
    /// The build's log: a body that cannot be read again fails the build.
    let log: DiagnosticLog
    /// Where the resolve stage put the HTML it made (a body it rendered rather than took from the cache).
    let spill: TextSpill?

    /// The hash `RenderedMarkdown.sourceHash` keeps of a body whose HTML was dropped (never 0).
    static func hash(_ body: String) -> UInt64 { XXHash64.hash(body, seed: 0xB0D1) | 1 }
    static func hash(_ body: UnsafeRawBufferPointer) -> UInt64 { XXHash64.hash(body, seed: 0xB0D1) | 1 }

    func html(of article: Article) -> String {
        if let location = article.spilledHTML, let html = spill?.read(location) { return html }
        guard article.bodySourceHash != 0 else { return article.bodyHTML }
        guard let body = ArticleBodies.source(article.source.file, hash: article.bodySourceHash, sources: sources, log: log) else {
            return ""
        }
        let scratch = DiagnosticLog()   // the body's own diagnostics were reported when it was resolved
        return body.withUTF8 {
            MarkdownRenderer.render(utf8: $0, file: article.source.file, firstLine: body.firstLine, links: links,
                                    log: scratch, extracts: false).html
        }
    }

    /// A body's Markdown read again: its UTF-8 bytes, from `start` in `bytes`, and the file's line it starts on.
    struct Source {
        let bytes: [UInt8]
        let start: Int
        let firstLine: Int

        func withUTF8<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
            bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start...])) }
        }
    }

    /// The Markdown body of `file` read again, when it still hashes to `hash`; otherwise an error of the
    /// build. The loader's check that the path stays inside content/ is not repeated: the bytes must hash
    /// to the body it accepted.
    ///
    /// A body whose bytes in the file hash to `hash` is the loaded body byte for byte, so it is valid,
    /// NFC, clean UTF-8 already: it goes to libcmark as read. Only a file the loader had to clean (a BOM,
    /// CRLF line ends, text not in NFC) is decoded again (`SourceFiles.decode`), as the loader did: decoding
    /// every body again was 2–3 % of a clean build's samples.
    static func source(_ file: String, hash: UInt64, sources: SourceFiles, log: DiagnosticLog) -> Source? {
        if let raw = OutputWriter.readBytes(sources.absolute(file)) {
            if raw.count <= sources.maxTextBytes, let body = FrontMatter.body(ofRaw: raw),
               raw.withUnsafeBytes({ ArticleBodies.hash(UnsafeRawBufferPointer(rebasing: $0[body.start...])) }) == hash {
                return Source(bytes: raw, start: body.start, firstLine: body.firstLine)
            }
            if let text = SourceFiles.decode(raw, file: file, maxBytes: sources.maxTextBytes, log: DiagnosticLog()),
               case .success(let parts) = FrontMatter.split(text), ArticleBodies.hash(parts.body) == hash {
                return Source(bytes: Array(parts.body.utf8), start: 0, firstLine: parts.bodyFirstLine)
            }
        }
        log.error(file, nil, "tệp đã thay đổi (hoặc bị xóa) trong lúc đang dựng trang — hãy dựng lại")
        return nil
    }
}

extension ResolvedSite {
    /// The body's HTML (`ArticleBodies`).
    public func bodyHTML(_ article: Article) -> String {
        bodies?.html(of: article) ?? article.bodyHTML
    }
}
