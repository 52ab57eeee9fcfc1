import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An edit of nothing but article bodies — a typo fixed, a sentence added — written into the files that
/// hold those bodies, without building the site again.
///
/// When every input that changed since the last build is an article whose front matter, body extracts
/// (first paragraph, headings, search terms, `tthc:` links and their answers) and diagnostics are as
/// before, nothing a clean build makes can differ but the body's HTML where it is shown: the article's
/// page, the feeds that carry it, the social outbox. The last build recorded where each file holds it
/// (`BodyEmbed`), so each such file is the old one with the body's bytes replaced. Anything else — another
/// input changed, a file not as recorded, a body not located — leaves it to the full build, before
/// anything is written. The property test checks every such edit against a clean build.
enum BodyOnlyEdit {
    /// Most article files an edit in place takes; a larger change is built the usual way.
    static let maxFiles = 16

    struct Outcome {
        var changes: OutputChanges
        var manifest: OutputManifest
    }

    /// The edit written in place, or nil (nothing written) when it must be built the usual way.
    static func apply(_ options: BuildOptions, cache: BuildCache, sources: SourceFiles) -> Outcome? {
        guard !options.dryRun, !options.gzip, options.trustStamps,
              let scan = cache.scan, let previousScan = cache.previousScan,
              var manifest = cache.manifest(for: options.output), manifest.embedsToken != 0,
              previousScan.digest == manifest.inputDigest, scan.digest != manifest.inputDigest,
              let changed = changedArticles(scan, since: previousScan), changed.count <= maxFiles,
              manifest.holds(options), !manifest.warnings.contains(where: { changed.contains($0.file) }),
              let config = SiteConfigLoader.load(sources, log: DiagnosticLog()) else { return nil }
        let effective = SiteResolver.effectiveConfig(config, options: ResolveOptions(now: options.now, baseURLOverride: options.baseURLOverride))
        var html: [String: String] = [:], entries: [() -> Void] = [], terms: [String: (added: [String], removed: [String])] = [:]
        for file in changed {
            guard let body = bodyHTML(file, was: previousScan.files[file]!.hash, is: scan.files[file]!.hash,
                                      basePath: effective.basePath, cache: cache, sources: sources) else { return nil }
            html[file] = body.html
            entries.append(body.store)
            let old = Set(body.oldTerms), new = Set(body.newTerms)
            if old != new { terms[file] = (body.newTerms.filter { !old.contains($0) }, body.oldTerms.filter { !new.contains($0) }) }
        }
        guard let index = BodyEmbedIndex.read(cache.embedsPath(options.output), token: manifest.embedsToken) else { return nil }
        // The files holding an edited body, each with every body it holds (one pass over the record).
        let touchedOutputs = Set(index.embeds.lazy.filter { html[$0.file] != nil }.map(\.output))
        let touched = Dictionary(grouping: index.embeds.lazy.filter { touchedOutputs.contains($0.output) }, by: \.output)
        guard index.embeds.allSatisfy({ html[$0.file] == nil || $0.offset >= 0 }), manifest.isInPlace(options.output) else { return nil }

        // Each file the bodies are in, with the bodies replaced; the other bodies it holds move with them.
        let urls = SiteURLs(config: effective)
        let root = BuildCache.absolute(options.output)
        var embeds = index.embeds.filter { touched[$0.output] == nil }
        var rewritten: [(path: String, bytes: [UInt8])] = []
        for (output, held) in touched.sorted(by: { $0.key.precedesInByteOrder($1.key) }) {
            guard let record = manifest.outputs[output], let old = OutputWriter.readBytes(root + "/" + output),
                  XXHash64.hash(old) == record.contentHash else { return nil }
            var bytes: [UInt8] = [], end = 0
            for var embed in held.sorted(by: { $0.offset < $1.offset }) {
                guard embed.offset < 0 || (embed.offset >= end && embed.offset + embed.length <= old.count) else { return nil }
                if embed.offset >= 0 {
                    bytes += old[end..<embed.offset]
                    end = embed.offset + embed.length
                    embed.offset = bytes.count
                    if let body = html[embed.file] {
                        let new = BodyEmbed.bytes(of: body, form: embed.form, pageURL: embed.pageURL, urls: urls)
                        bytes += new
                        embed.length = new.count
                    } else {
                        bytes += old[end - embed.length..<end]
                    }
                }
                embeds.append(embed)
            }
            bytes += old[end...]
            if bytes != old { rewritten.append((output, bytes)) }
        }
        // Words added to or gone from a body: the search index's files that hold them, and the search page,
        // which names the index's version.
        var removed: [String] = [], indexEdited = false
        if !terms.isEmpty {
            guard let record = manifest.searchIndex, record.version.utf8.count >= 12 else { return nil }
            var indexChanges: [SearchIndexEdit.Change] = []
            for (file, change) in terms.sorted(by: { $0.key.precedesInByteOrder($1.key) }) {
                // An article not on the site (a draft…) has no page, and is not in the index either.
                guard let page = index.embeds.first(where: { $0.file == file && $0.form == .html })?.output else { continue }
                let url = urls.link(String(page.dropLast("index.html".count)))
                indexChanges.append(.init(url: url.hasPrefix(effective.basePath) ? String(url.dropFirst(effective.basePath.count)) : url,
                                          added: change.added, removed: change.removed))
            }
            if !indexChanges.isEmpty {
                func read(_ path: String) -> [UInt8]? { OutputWriter.readBytes(root + "/" + path) }
                let searchPage = SiteURLs.search + "index.html"
                let files = Dictionary(uniqueKeysWithValues: manifest.outputs.lazy
                    .filter { $0.0.hasPrefix(SearchIndex.folder) }.map { ($0.0, $0.1.contentHash) })
                guard let edit = SearchIndexEdit.apply(indexChanges, files: files, read: read),
                      let page = read(searchPage) else { return nil }
                rewritten += edit.written
                removed = edit.removed
                let bytes = BodyEmbed.replacingAll(Array(record.version.utf8), with: Array(edit.version.utf8), in: page)
                if bytes != page { rewritten.append((searchPage, bytes)) }
                manifest.searchIndex = SearchIndexRecord(inputKey: 0, version: edit.version, paths: edit.paths)
                indexEdited = true
            }
        }
        guard let stamps = write(rewritten, root: root) else { return nil }
        for path in removed { unlink(root + "/" + path) }

        var changes = OutputChanges()
        for ((path, bytes), stamp) in zip(rewritten, stamps) {
            if manifest.outputs[path] == nil { changes.added.append(path) } else { changes.modified.append(path) }
            // Made again by the next build that visits it (its keys describe the old bytes).
            manifest.outputs[path] = .init(key: 0, contentHash: XXHash64.hash(bytes), stamp: stamp, inputKey: 0)
        }
        for path in removed { manifest.outputs[path] = nil }
        changes.removed = removed
        changes.unchanged = manifest.outputs.count - rewritten.count
        manifest.inputDigest = scan.digest
        manifest.racyWindowNs = OutputManifest.racyWindow(manifest.outputs)
        let next = BodyEmbedIndex(token: UInt64.random(in: 1...UInt64.max), embeds: embeds)
        manifest.embedsToken = (try? next.write(to: cache.embedsPath(options.output))) != nil ? next.token : 0
        cache.replace(manifest, for: options.output)
        // The edited documents and bodies, for the next build (an edit of the same article is the common case).
        for store in entries { store() }
        cache.saveInputsAndDocuments(keepingAll: true)
        cache.count {
            $0.documentsParsed = changed.count; $0.markdownRendered = changed.count
            $0.pagesRendered = rewritten.count; $0.pagesReused = changes.unchanged
            $0.searchIndexReused = !indexEdited; $0.editedInPlace = true
        }
        return Outcome(changes: changes, manifest: manifest)
    }

    /// The article files changed since `previous`, when nothing else was added, removed or changed.
    static func changedArticles(_ scan: InputScan, since previous: InputScan) -> [String]? {
        guard scan.files.count == previous.files.count else { return nil }
        var changed: [String] = []
        for (path, entry) in scan.files {
            guard let old = previous.files[path] else { return nil }
            if old.hash == entry.hash { continue }
            guard path.hasPrefix("content/articles/"), path.hasSuffix(".md") || path.hasSuffix(".markdown") else { return nil }
            changed.append(path)
        }
        return changed.isEmpty ? nil : changed.sorted { $0.precedesInByteOrder($1) }
    }

    /// The new body's HTML, when the article differs from the one last built in its body's HTML alone, and
    /// how to file its document and rendered body in the cache as a build would.
    /// `oldTerms`, `newTerms`: the article's text terms (body and summary) in the search index.
    static func bodyHTML(_ file: String, was oldHash: UInt64, is newHash: UInt64, basePath: String, cache: BuildCache,
                         sources: SourceFiles) -> (html: String, store: () -> Void, oldTerms: [String], newTerms: [String])? {
        let maxBytes = sources.maxTextBytes
        guard let old = cache.entry(BuildCache.documentKey(file: file, kind: .article, maxBytes: maxBytes, hash: oldHash),
                                    decode: BuildCache.decodeDocumentEntry),
              let oldDocument = old.document, old.diagnostics.isEmpty,
              let raw = sources.bytes(file), XXHash64.hash(raw) == newHash else { return nil }
        let log = DiagnosticLog()
        guard let text = SourceFiles.decode(raw, file: file, maxBytes: maxBytes, log: log),
              let document = DocumentLoader.parse(text, file: file, kind: .article, log: log), log.all.isEmpty,
              frontMatter(document) == frontMatter(oldDocument) else { return nil }
        // The old body's extracts, whichever way the last build cached them, and the answers its links got.
        func markdownKey(_ document: ContentDocument, withHTML: Bool) -> UInt64 {
            BuildCache.markdownKey(bodyHash: document.bodyHash, file: file, firstLine: document.bodyFirstLine, basePath: basePath, withHTML: withHTML)
        }
        let found = [false, true].lazy.compactMap { withHTML in
            cache.entry(markdownKey(oldDocument, withHTML: withHTML), decode: BuildCache.decodeMarkdownEntry).map { ($0, withHTML) }
        }.first
        guard let (oldBody, withHTML) = found, oldBody.diagnostics.isEmpty else { return nil }
        var answers: [String: String?] = [:]
        for (code, answer) in oldBody.queries { answers[code] = answer }
        let asked = QueryRecorder()
        let known = answers
        let links = MarkdownLinkContext(basePath: basePath) { code in
            let answer = known[code] ?? nil
            asked.add(code, answer)
            return answer
        }
        let rendered = MarkdownRenderer.render(document.body, file: file, firstLine: document.bodyFirstLine, links: links, log: log)
        guard log.all.isEmpty, asked.queries.allSatisfy({ answers[$0.0] != nil }),
              extracts(rendered) == extracts(oldBody.markdown) else { return nil }
        var kept = rendered
        if !withHTML { kept.html = "" }
        let summary = SiteResolver.summary(document, firstParagraph: rendered.firstParagraph)
        let oldTerms = SearchIndex.terms(of: [oldBody.markdown.searchTerms, summary])
        let newTerms = SearchIndex.terms(of: [rendered.searchTerms, summary])
        return (rendered.html, {
            cache.store(BuildCache.documentKey(file: file, kind: .article, maxBytes: maxBytes, hash: newHash),
                        (document: document, diagnostics: []) as BuildCache.DocumentEntry, encode: BuildCache.encodeDocumentEntry)
            cache.store(markdownKey(document, withHTML: withHTML), (markdown: kept, diagnostics: [], queries: asked.queries) as BuildCache.MarkdownEntry,
                        encode: BuildCache.encodeMarkdownEntry)
        }, oldTerms, newTerms)
    }

    /// Everything a document holds but its body.
    static func frontMatter(_ document: ContentDocument) -> [UInt8] {
        var document = document
        document.body = ""; document.bodyHash = 0; document.hasBody = false
        var w = CacheWriter(capacity: 1024)
        DocumentCodec.encode(document, &w)
        return w.bytes
    }

    /// Everything a rendered body holds but its HTML and search terms (the index is edited with them).
    static func extracts(_ markdown: RenderedMarkdown) -> [UInt8] {
        var markdown = markdown
        markdown.html = ""; markdown.searchTerms = ""; markdown.sourceHash = 0
        var w = CacheWriter(capacity: 4096)
        DocumentCodec.encode(markdown, &w)
        return w.bytes
    }

    /// Each file written beside its old one and renamed over it (a reader sees the old or the new file,
    /// never part of one); all are written before any is renamed, so a failure leaves the site as it was.
    /// The new files' stamps, or nil when one could not be written.
    static func write(_ files: [(path: String, bytes: [UInt8])], root: String) -> [FileStamp]? {
        let temporary = files.map { "\(root)/\($0.path).loa-edit-\(getpid())" }
        for (index, file) in files.enumerated() where OutputWriter.createFile(file.bytes, at: temporary[index], exclusive: false) != 0 {
            for path in temporary { unlink(path) }
            return nil
        }
        var stamps: [FileStamp] = []
        for (index, file) in files.enumerated() {
            let path = "\(root)/\(file.path)"
            guard rename(temporary[index], path) == 0, let stamp = FileStamp(path: path, followLinks: false) else {
                for path in temporary[index...] { unlink(path) }
                return nil
            }
            stamps.append(stamp)
        }
        return stamps
    }
}
