import Foundation

extension StringProtocol {
    /// `trimmingCharacters(in: .whitespaces)` (or `.whitespacesAndNewlines`), without going through
    /// Foundation when neither end can be trimmed — nearly every front-matter value and CSV cell. Foundation
    /// bridges each string to an NSString to trim it: about 4 % of a clean build.
    func trimmingWhitespace(newlines: Bool = false) -> String {
        guard let first = unicodeScalars.first, let last = unicodeScalars.last,
              !Self.mayTrim(first, newlines: newlines), !Self.mayTrim(last, newlines: newlines) else {
            return trimmingCharacters(in: newlines ? .whitespacesAndNewlines : .whitespaces)
        }
        return String(self)
    }

    /// True for every character of Foundation's `.whitespaces` (tab and category Zs) or, with `newlines`,
    /// `.whitespacesAndNewlines` (adds Zl, Zp, U+000A–U+000D, U+0085). It may say true for others (then
    /// Foundation decides): U+180E, a space in older Unicode versions, is included for that reason.
    static func mayTrim(_ scalar: Unicode.Scalar, newlines: Bool) -> Bool {
        let v = scalar.value
        if v >= 0x21 && v <= 0x7E { return false }
        if v == 0x20 || v == 0x09 || v == 0x180E { return true }
        if v < 0x80 { return newlines && (0x0A...0x0D).contains(v) }
        switch scalar.properties.generalCategory {
        case .spaceSeparator: return true
        case .lineSeparator, .paragraphSeparator: return newlines
        default: return newlines && v == 0x85
        }
    }
}
