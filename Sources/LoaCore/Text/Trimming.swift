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

    /// True for every character Foundation's `.whitespaces` trims (tab, space, U+00A0, U+1680, U+2000–U+200B,
    /// U+202F, U+205F, U+3000 — U+200B too, from an older Unicode) or, with `newlines`, `.whitespacesAndNewlines`
    /// (adds U+000A–U+000D, U+0085, U+2028, U+2029): the sets read from this toolchain's Foundation and
    /// checked by a test. U+180E (a space in older Unicode) is included in case another Foundation trims it.
    static func mayTrim(_ scalar: Unicode.Scalar, newlines: Bool) -> Bool {
        switch scalar.value {
        case 0x21...0x7E: return false
        case 0x09, 0x20, 0xA0, 0x1680, 0x180E, 0x2000...0x200B, 0x202F, 0x205F, 0x3000: return true
        case 0x0A...0x0D, 0x85, 0x2028, 0x2029: return newlines
        default: return false
        }
    }
}
