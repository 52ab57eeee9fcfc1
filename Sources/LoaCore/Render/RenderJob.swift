/// A page to render: the path is known up front, the bytes are made later on any core.
public struct RenderJob: @unchecked Sendable {
    public var path: String
    public var make: () -> OutputFile.Contents

    public init(path: String, make: @escaping () -> OutputFile.Contents) {
        self.path = path
        self.make = make
    }

    /// A page rendered through a theme template with a layout context.
    public static func page(_ path: String, template: String, theme: Theme, context: @escaping () -> [String: Any]) -> RenderJob {
        let file = path.hasSuffix("/") || path.isEmpty ? path + "index.html" : path
        return RenderJob(path: file) { .bytes(Array(theme.render(context(), template: template).utf8)) }
    }
}

/// Everything a section needs to turn the resolved site into jobs.
public struct RenderInput: Sendable {
    public var site: ResolvedSite
    public var theme: Theme
    public var context: PageContext
    public var sources: SourceFiles
}
