/// Paths written by editors (image, aliases) that later become file reads or output files: checked on load,
/// so nothing can point outside `content/` or write outside `public/`.
public enum PathSafety {
    /// Characters no path of the site may hold: controls, backslashes, and what breaks out of an attribute.
    static func hasForbiddenCharacter(_ path: String) -> Bool {
        path.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F || $0 == "\\" || $0 == "\"" || $0 == "<" || $0 == ">" || $0 == "`" }
    }

    static func hasDotSegment(_ path: String) -> Bool {
        path.split(separator: "/", omittingEmptySubsequences: false).contains { $0 == ".." || $0 == "." }
    }

    /// `image:` is relative to content/ (`media/2024/a.jpg`): no scheme, no leading `/`, no `..`.
    public static func isSafeMediaPath(_ path: String) -> Bool {
        !path.isEmpty && !path.hasPrefix("/") && !hasDotSegment(path) && !hasForbiddenCharacter(path)
            && !URLSafety.hasScheme(path.lowercased()) && !path.contains("//")
    }

    /// `aliases:` are old root-relative URLs of the site (`/tin-tuc/cu.html`): one leading `/`, no `..`.
    public static func isSafeAlias(_ alias: String) -> Bool {
        alias.hasPrefix("/") && !alias.hasPrefix("//") && alias.count > 1 && !hasDotSegment(alias)
            && !hasForbiddenCharacter(alias) && !alias.unicodeScalars.contains { $0.properties.isWhitespace }
            && !URLSafety.hasScheme(alias.lowercased())
    }
}
