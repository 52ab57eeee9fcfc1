import CLoaSystem
import Foundation

/// Where an output file holds an article's body HTML, so that an edit of nothing but bodies can be written
/// into the files holding them without building the site again (`BodyOnlyEdit`).
///
/// Three makers put a body's HTML into a file, and each records where: the article's page (the HTML as it
/// is), the feeds (links made absolute, then XML- or JSON-escaped) and the social outbox (JSON). They find
/// it by searching the file's bytes for the body as that file encodes it; a body found anywhere but exactly
/// once is recorded as not located (`offset` -1), and an edit of it is built the usual way. A new place
/// that shows a body's HTML (`ResolvedSite.bodyHTML`) must record it too, or such an edit would leave it
/// stale: the property test's body edits compare every file with a clean build.
struct BodyEmbed: Sendable, Equatable {
    enum Form: UInt8, Sendable { case html = 1, xml = 2, json = 3 }

    /// The output file holding the body, relative to the output folder.
    var output: String
    /// The article's source file, relative to the site root.
    var file: String
    /// The encoded body's bytes in the output file; -1 when it could not be located.
    var offset: Int
    var length: Int
    var form: Form
    /// The article's absolute URL: the feeds and the outbox make the body's links absolute against it.
    var pageURL: String

    /// A body's HTML as a file of this form holds it.
    static func bytes(of html: String, form: Form, pageURL: String, urls: SiteURLs) -> [UInt8] {
        form == .html ? Array(html.utf8) : escaped(AbsoluteHTML.rewrite(html, urls: urls, pageURL: pageURL), form: form)
    }

    /// Links already made absolute, escaped as the feeds and the outbox escape them (both escapings work
    /// byte by byte, so the body's part of a longer escaped text is the body escaped alone).
    static func escaped(_ text: String, form: Form) -> [UInt8] {
        switch form {
        case .html: return Array(text.utf8)
        case .xml: return Array(XMLText.escape(text).utf8)
        case .json:
            var out: [UInt8] = []
            JSONWriter.writeString(text, to: &out)
            return Array(out.dropFirst().dropLast())
        }
    }

    /// The only place `needle` occurs in `haystack`; nil when it occurs nowhere or more than once.
    static func onlyOccurrence(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard let first = find(needle, in: haystack, from: 0) else { return nil }
        return find(needle, in: haystack, from: first + 1) == nil ? first : nil
    }

    static func occurs(_ needle: [UInt8], in haystack: [UInt8]) -> Bool { find(needle, in: haystack, from: 0) != nil }

    /// `haystack` with every occurrence of `needle` replaced, left to right.
    static func replacingAll(_ needle: [UInt8], with replacement: [UInt8], in haystack: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [], start = 0
        while let at = find(needle, in: haystack, from: start) {
            out += haystack[start..<at]
            out += replacement
            start = at + needle.count
        }
        return out + haystack[start...]
    }

    /// Whether `text` HTML-escaped occurs in `haystack`, when escaping changes it. Looked for by the
    /// escaping of its first bytes, which starts any escaped copy; the whole text is escaped only when
    /// that occurs (a page shows a body escaped only when a theme prints it as text).
    static func showsEscaped(_ text: String, in haystack: [UInt8]) -> Bool {
        var text = text
        return text.withUTF8 { utf8 in
            let head = UnsafeBufferPointer(rebasing: utf8.prefix(probeLength))
            guard occurs(HTML.escapedBytes(head) ?? Array(head), in: haystack), let escaped = HTML.escapedBytes(utf8) else { return false }
            return occurs(escaped, in: haystack)
        }
    }

    /// Needles are looked for by their first bytes, each place those occur then compared whole: glibc's
    /// `memmem` prepares a needle longer than 256 bytes in full on every call (`two_way_long_needle`),
    /// three times a page for an article's body, which was 3 % of a clean build.
    static let probeLength = 256

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, start >= 0, needle.count <= haystack.count - start else { return nil }
        return haystack.withUnsafeBytes { hay in
            needle.withUnsafeBytes { pin -> Int? in
                let probe = min(pin.count, probeLength), last = hay.count - pin.count
                var from = start
                while from <= last, let found = loa_find_bytes(hay.baseAddress! + from, hay.count - from, pin.baseAddress!, probe) {
                    let at = hay.baseAddress!.distance(to: UnsafeRawPointer(found))
                    guard at <= last else { return nil }
                    if probe == pin.count || memcmp(found + probe, pin.baseAddress! + probe, pin.count - probe) == 0 { return at }
                    from = at + 1
                }
                return nil
            }
        }
    }
}

/// The bodies located in the files this build made (`BodyEmbed`), and which files it made.
final class BodyEmbedRecorder: @unchecked Sendable {
    private let lock = NSLock()
    /// In the order recorded, each record's embeds one after another: an array per file in a dictionary
    /// was 20 MB at 100,000 articles, held through the render stage. A file made twice (a page the key
    /// audit renders again) keeps its last record (`take`). In chunks of `chunkSize`: one array doubled
    /// as the pages were written (7.4 MB, and its old and new copies at once while it grew).
    private var chunks: [[BodyEmbed]] = []
    private var count = 0
    static let chunkSize = 4096
    /// Where each record ends, counted over the chunks.
    private var ends: [Int32] = []

    /// A body shown in a file: its article's source file, its text (HTML for `.html`, otherwise with links
    /// already made absolute), the form and the article's URL.
    struct Shown {
        var file: String
        var text: String
        var form: BodyEmbed.Form
        var pageURL: String
    }

    /// Locates each body in the file's bytes. A page's body must also not appear HTML-escaped (a theme
    /// showing it twice, once as text): only the raw copy would be replaced.
    func record(_ path: String, contents: OutputFile.Contents, bodies: [Shown]) {
        guard !bodies.isEmpty else { return }
        let found = bodies.map { shown -> BodyEmbed in
            var offset = -1, length = 0
            if case .bytes(let bytes) = contents {
                let encoded = BodyEmbed.escaped(shown.text, form: shown.form)
                if let at = BodyEmbed.onlyOccurrence(of: encoded, in: bytes) { (offset, length) = (at, encoded.count) }
                if shown.form == .html, offset >= 0, BodyEmbed.showsEscaped(shown.text, in: bytes) { (offset, length) = (-1, 0) }
            }
            return BodyEmbed(output: path, file: shown.file, offset: offset, length: length, form: shown.form, pageURL: shown.pageURL)
        }
        lock.lock()
        for embed in found {
            if count % Self.chunkSize == 0 {
                chunks.append([])
                chunks[chunks.count - 1].reserveCapacity(Self.chunkSize)
            }
            chunks[chunks.count - 1].append(embed)
            count += 1
        }
        ends.append(Int32(count))
        lock.unlock()
    }

    /// What was recorded for the files `isKept` accepts, emptied: each file's last record (a file made
    /// twice), files in byte order. Taken as a dictionary of an array per file, then filtered and
    /// flattened into copies, they raised a 100,000-article build's peak by 20 MB while the cache was saved.
    func take(keeping isKept: (String) -> Bool = { _ in true }) -> [BodyEmbed] {
        lock.lock()
        let (recorded, ends) = (chunks, self.ends.map(Int.init))
        (chunks, self.ends, count) = ([], [], 0)
        lock.unlock()
        func embed(_ at: Int) -> BodyEmbed { recorded[at / Self.chunkSize][at % Self.chunkSize] }
        func start(_ record: Int) -> Int { record == 0 ? 0 : ends[record - 1] }
        func file(_ record: Int) -> String { embed(start(record)).output }
        // By file, a file's records in the order made: the last of each run is the one kept.
        let order = ends.indices.sorted { a, b in
            let order = file(a).byteOrder(to: file(b))
            return order != 0 ? order < 0 : a < b
        }
        var taken: [BodyEmbed] = []
        taken.reserveCapacity(ends.last ?? 0)
        for (position, record) in order.enumerated() {
            let path = file(record)
            if position + 1 < order.count, file(order[position + 1]).byteOrder(to: path) == 0 { continue }
            guard isKept(path) else { continue }
            for at in start(record)..<ends[record] { taken.append(embed(at)) }
        }
        return taken
    }
}

/// Per output folder, `embeds-<hash>.bin` in the cache: every body the output's files hold. It describes
/// the files of the manifest that carries the same token (`OutputManifest.embedsToken`), and lists every
/// body they hold: a file it does not name holds none.
struct BodyEmbedIndex: Sendable {
    var token: UInt64
    var embeds: [BodyEmbed]

    static let magic = "LOA-EMBEDS-1"

    func write(to path: String) throws {
        try CacheFiles.writeStreaming(magic: BodyEmbedIndex.magic, to: path) { w in
            w.u64(token)
            w.array(embeds) { w, e in
                w.string(e.output); w.string(e.file); w.int(e.offset); w.int(e.length); w.u8(e.form.rawValue); w.string(e.pageURL)
            }
        }
    }

    /// Whether the file holds an intact index with this token (checked whole, not decoded).
    static func isIntact(_ path: String, token: UInt64) -> Bool {
        guard token != 0, let bytes = CacheFiles.read(path), var r = try? CacheReader.open(bytes, magic: magic) else { return false }
        return (try? r.u64()) == token
    }

    /// nil when missing, broken or of another manifest than the one with `token`.
    static func read(_ path: String, token: UInt64) -> BodyEmbedIndex? {
        guard token != 0, let bytes = CacheFiles.read(path), var r = try? CacheReader.open(bytes, magic: magic),
              (try? r.u64()) == token else { return nil }
        let embeds = try? r.array { r in
            let output = try r.string(), file = try r.string(), offset = try r.int(), length = try r.int()
            guard let form = BodyEmbed.Form(rawValue: try r.u8()) else { throw CacheCorruption(description: "embed form") }
            return BodyEmbed(output: output, file: file, offset: offset, length: length, form: form, pageURL: try r.string())
        }
        return embeds.map { BodyEmbedIndex(token: token, embeds: $0) }
    }

    /// The index after a build: the bodies in the files it made, as recorded, and those in the files it
    /// kept, as the previous index had them (a kept file holds the bytes that index describes). nil when
    /// files were kept and there is no previous index to tell what they hold.
    /// `made`: the records of the files this build wrote (`BodyEmbedRecorder.take`), in byte order of
    /// their files. `madePaths`: the files made, known when there was a previous index. Without one, the
    /// record is complete when every file that shows bodies was made (`keptShowingBodies` 0).
    static func merging(previous: BodyEmbedIndex?, made: consuming [BodyEmbed], madePaths: Set<String>, keptShowingBodies: Int,
                        outputs: OutputRecords, token: UInt64) -> BodyEmbedIndex? {
        var embeds = consume made
        guard let previous else { return keptShowingBodies == 0 ? BodyEmbedIndex(token: token, embeds: embeds) : nil }
        let recorded = embeds.count
        func isRecorded(_ output: String) -> Bool {
            PathIndex.lastIndex(count: recorded) { embeds[$0].output.byteOrder(to: output) } != nil
        }
        let kept = previous.embeds.filter { !madePaths.contains($0.output) && !isRecorded($0.output) && outputs[$0.output] != nil }
        embeds += kept
        return BodyEmbedIndex(token: token, embeds: embeds)
    }
}
