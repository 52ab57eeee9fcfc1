/// Old addresses that lead to current pages: each article's `aliases` and each unit's former names
/// (`/don-vi/<slug of the former name>/`). Written twice: a small HTML page per old address (works on any
/// host) and `nginx-redirects.map` for servers that can answer with a real 301.
public enum Redirects {
    public static let mapFile = "nginx-redirects.map"

    public struct Entry: Sendable, Hashable {
        /// Output file relative to the site root (`tin-tuc/cu.html`, `don-vi/xa-tan-my/index.html`).
        public var file: String
        /// Request paths (root-relative, with the base path) nginx matches.
        public var requestPaths: [String]
        /// Target folder relative to the site root.
        public var target: String
        public var title: String
    }

    /// In a stable order (byte order of the file); the first of two entries for one file wins.
    public static func entries(_ site: ResolvedSite, log: DiagnosticLog? = nil) -> [Entry] {
        let base = site.config.basePath
        var found: [Entry] = []
        for article in site.articles + site.pages {
            for alias in article.source.aliases {
                var path = Substring(alias.value)
                while path.hasPrefix("/") { path = path.dropFirst() }
                if base != "/", path.hasPrefix(base.dropFirst()) { path = path.dropFirst(base.count - 1) }
                guard !path.isEmpty else { continue }
                found.append(entry(String(path), base: base, target: article.path, title: article.title))
            }
        }
        let unitIDs = Set(site.units.map(\.id))
        for unit in site.units {
            for former in unit.formerly {
                let slug = VietnameseText.slug(former)
                guard !slug.isEmpty else { continue }
                if unitIDs.contains(slug) {
                    log?.warning(UnitsLoader.file, unit.line, "tên cũ \"\(former)\" trùng đường dẫn của một đơn vị hiện có — không tạo chuyển hướng")
                    continue
                }
                found.append(entry(SiteURLs.unit(slug), base: base, target: SiteURLs.unit(unit.id), title: unit.name))
            }
        }
        var seen: Set<String> = []
        return found.sorted { $0.file.precedesInByteOrder($1.file) }
            .filter { seen.insert($0.file).inserted }
    }

    static func entry(_ path: String, base: String, target: String, title: String) -> Entry {
        let last = path.split(separator: "/").last ?? ""
        if path.hasSuffix("/") {
            return Entry(file: path + "index.html", requestPaths: [base + path, base + path.dropLast()], target: target, title: title)
        }
        if last.contains(".") {
            return Entry(file: path, requestPaths: [base + path], target: target, title: title)
        }
        return Entry(file: path + "/index.html", requestPaths: [base + path, base + path + "/"], target: target, title: title)
    }

    /// Each old address gets a page of the theme (its `redirect` template, or `page`) whose head carries the
    /// canonical link to the new address, an immediate refresh and noindex (`partials/share-meta`).
    static func jobs(_ input: RenderInput) -> [RenderJob] {
        let urls = input.context.urls
        let entries = self.entries(input.site)
        let template = input.theme.has("redirect") ? "redirect" : "page"
        var jobs = entries.map { entry in
            RenderJob.page(entry.file, template: template, theme: input.theme) {
                let target = urls.absolute(entry.target)
                let html = "<p>Trang này đã chuyển đến <a href=\"\(HTML.escape(target))\">\(HTML.escape(entry.title))</a>.</p>"
                return input.context.page(path: entry.file, title: movedTitle, description: "Trang này đã chuyển đến \(entry.title)",
                                          extra: ["page.canonical": target,
                                                  "redirect": ["url": target, "title": entry.title],
                                                  "article": ["title": movedTitle, "html": html]])
            }
        }
        jobs.append(RenderJob(path: mapFile) { .bytes(Array(nginxMap(entries, urls: urls).utf8)) })
        return jobs
    }

    static let movedTitle = "Trang đã chuyển"

    /// For `map $uri $loa_redirect { include …/nginx-redirects.map; }` then
    /// `if ($loa_redirect) { return 301 $loa_redirect; }`.
    public static func nginxMap(_ entries: [Entry], urls: SiteURLs) -> String {
        func quoted(_ s: String) -> String {
            "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        var lines: [String] = []
        for entry in entries {
            for request in entry.requestPaths { lines.append("\(quoted(request)) \(quoted(urls.link(entry.target)));") }
        }
        let header = "# Loa: chuyển hướng địa chỉ cũ (aliases của bài viết, tên cũ của đơn vị). Tệp do loa build tạo ra.\n"
        return header + lines.sorted { $0.precedesInByteOrder($1) }.joined(separator: "\n") + (lines.isEmpty ? "" : "\n")
    }
}
