/// A page to render: the path is known up front, the bytes are made later on any core.
public struct RenderJob: @unchecked Sendable {
    public var path: String
    public var make: () -> OutputFile.Contents
    /// Set by `page`: lets the build cache fingerprint the context and skip rendering an unchanged page.
    public var templated: Templated?

    public struct Templated {
        public var template: String
        /// The theme's fingerprint (all its templates).
        public var templates: UInt64
        public var context: () -> [String: Any]
        public var render: ([String: Any]) -> OutputFile.Contents
    }

    public init(path: String, make: @escaping () -> OutputFile.Contents) {
        self.path = path
        self.make = make
    }

    /// A page rendered through a theme template with a layout context.
    public static func page(_ path: String, template: String, theme: Theme, context: @escaping () -> [String: Any]) -> RenderJob {
        let file = path.hasSuffix("/") || path.isEmpty ? path + "index.html" : path
        let render: ([String: Any]) -> OutputFile.Contents = { .bytes(Array(theme.render($0, template: template).utf8)) }
        var job = RenderJob(path: file) { render(context()) }
        job.templated = Templated(template: template, templates: theme.fingerprint, context: context, render: render)
        return job
    }
}

/// Everything a section needs to turn the resolved site into jobs.
public struct RenderInput: Sendable {
    public var site: ResolvedSite
    public var theme: Theme
    public var context: PageContext
    public var sources: SourceFiles
}
