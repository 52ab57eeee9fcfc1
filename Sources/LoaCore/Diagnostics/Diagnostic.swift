/// A problem found in a site's content or theme, with the place an editor has to look.
/// Modelled on Hugo's positioned errors: the file (relative to the site root) and line travel with the message.
public struct Diagnostic: Error, Hashable, Sendable, CustomStringConvertible, Comparable {
    public enum Severity: String, Sendable, Hashable { case error, warning }

    public var severity: Severity
    /// Path relative to the site root, e.g. `content/articles/2024/a.md`.
    public var file: String
    /// 1-based line; nil where the file has no lines (a binary, a missing file).
    public var line: Int?
    /// Vietnamese, for an editor: says what is wrong and what to do.
    public var message: String

    public init(_ severity: Severity = .error, file: String, line: Int?, _ message: String) {
        self.severity = severity
        self.file = file
        self.line = line
        self.message = message
    }

    public static func error(_ file: String, _ line: Int?, _ message: String) -> Diagnostic {
        Diagnostic(.error, file: file, line: line, message)
    }

    public static func warning(_ file: String, _ line: Int?, _ message: String) -> Diagnostic {
        Diagnostic(.warning, file: file, line: line, message)
    }

    /// `path:line: message` (warnings say so), the one format every tool and editor can read.
    public var description: String {
        let place = line.map { "\(file):\($0)" } ?? file
        let prefix = severity == .warning ? "cảnh báo: " : ""
        return "\(place): \(prefix)\(message)"
    }

    public static func < (a: Diagnostic, b: Diagnostic) -> Bool {
        if a.file != b.file { return a.file < b.file }
        if (a.line ?? 0) != (b.line ?? 0) { return (a.line ?? 0) < (b.line ?? 0) }
        return a.message < b.message
    }
}

/// Thrown when a stage found errors: carries every problem of the run, not just the first.
public struct BuildFailure: Error, CustomStringConvertible, Sendable {
    public var diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics.sorted() }
    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
