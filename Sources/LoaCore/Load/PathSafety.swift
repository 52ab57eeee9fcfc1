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

    /// `aliases:` are old root-relative URLs of the site (`/tin-tuc/cu.html`): one leading `/`, no `..`, no
    /// empty segment, and only characters that are safe both as a file name in public/ and as a word of the
    /// generated nginx map (no `;`, `$`, quotes, `?`, `#`, spaces…).
    public static func isSafeAlias(_ alias: String) -> Bool {
        guard alias.hasPrefix("/"), alias.count > 1, !hasDotSegment(alias), !hasForbiddenCharacter(alias) else { return false }
        let segments = alias.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
        if segments.dropLast().contains(where: \.isEmpty) { return false }
        if segments.contains(where: { $0.utf8.count > 200 }) { return false }
        return alias.unicodeScalars.allSatisfy { u in
            ("a"..."z").contains(u) || ("A"..."Z").contains(u) || ("0"..."9").contains(u) || "-_.~/%+,()".unicodeScalars.contains(u)
                || (u.value >= 0x80 && (u.properties.isAlphabetic || u.properties.numericType != nil || u.properties.isDiacritic))
        }
    }
}
