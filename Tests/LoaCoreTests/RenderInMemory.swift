import Foundation
@testable import LoaCore

extension TestSite {
    /// A site from its site.yaml and some files (the helper's units.yaml and theme are added).
    init(config: String = TestSite.siteYAML, files: [String: String] = [:]) throws {
        var all = files
        all["content/site.yaml"] = config
        try self.init(all)
    }

    /// load → resolve → render in memory, nothing written; throws the build's diagnostics.
    func render(now: String = "2024-06-01") throws -> (site: ResolvedSite, files: [String: [UInt8]], input: RenderInput) {
        let log = DiagnosticLog()
        let sources = SourceFiles(root: root)
        guard let content = ContentLoader.load(sources, log: log),
              let theme = Theme.load(name: content.config.theme, sources: sources, log: log) else {
            throw BuildFailure(log.all)
        }
        try log.throwIfErrors()
        let site = SiteResolver.resolve(content, options: ResolveOptions(now: ContentDate(parsing: now)!), log: log)
        try log.throwIfErrors()
        let output = SiteRenderer.render(site, theme: theme, sources: sources, log: log)
        try log.throwIfErrors()
        var files: [String: [UInt8]] = [:]
        for file in output {
            switch file.contents {
            case .bytes(let bytes): files[file.path] = bytes
            case .copy(let source), .kept(let source, _): files[file.path] = [UInt8](FileManager.default.contents(atPath: source) ?? Data())
            }
        }
        let input = RenderInput(site: site, theme: theme, context: PageContext(site: site), sources: sources)
        return (site, files, input)
    }
}

extension Dictionary where Key == String, Value == [UInt8] {
    func text(_ path: String) -> String? { self[path].map { String(decoding: $0, as: UTF8.self) } }
}
