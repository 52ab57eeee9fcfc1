/// A Vietnamese telephone number, validated and normalised.
///
/// Since the 2017–2018 renumbering a fixed line is `02` + 9 digits (area code 02x or 02xx, 11 digits in
/// all, e.g. 0205 3 830 123, 024 3825 3536) and a mobile number is `03`, `05`, `07`, `08` or `09` + 8 digits
/// (10 in all). Editors write them with spaces, dots, dashes, parentheses and `+84`/`84`/`0084` prefixes;
/// all are accepted and the number is kept in national form.
public struct PhoneNumber: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable { case fixed, mobile }

    /// National form, digits only, starting with 0: "02053830123".
    public let national: String
    public let kind: Kind

    /// Area codes that are two digits after the 0 (Hà Nội, TP. Hồ Chí Minh): their subscriber numbers
    /// have 8 digits; every other province has a three-digit area code and 7 digits.
    static let twoDigitAreaCodes: Set<String> = ["024", "028"]

    public init?(_ raw: String) {
        var text = Substring(raw.trimmingCharacters(in: .whitespaces))
        var international = false
        if text.hasPrefix("+") { international = true; text = text.dropFirst() }
        var digits = ""
        for ch in text {
            if ch.isASCII, ch.isNumber { digits.append(ch) }
            else if ch == " " || ch == "." || ch == "-" || ch == "(" || ch == ")" || ch == "\u{00A0}" { continue }
            else { return nil }
        }
        if digits.hasPrefix("0084") { digits = String(digits.dropFirst(4)); international = true }
        else if international || (digits.hasPrefix("84") && digits.count >= 11) {
            guard digits.hasPrefix("84") else { return nil }
            digits = String(digits.dropFirst(2))
            international = true
        }
        if international {
            // "+84 (0) 205…" is a common mistake; the 0 is a trunk prefix and is dropped.
            if digits.hasPrefix("0") { digits.removeFirst() }
            digits = "0" + digits
        }
        guard digits.hasPrefix("0") else { return nil }
        let second = digits.dropFirst().first
        if second == "2", digits.count == 11 {
            kind = .fixed
        } else if let second, "35789".contains(second), digits.count == 10 {
            kind = .mobile
        } else {
            return nil
        }
        national = digits
    }

    /// E.164, for `tel:` links and vCards: "+842053830123".
    public var e164: String { "+84" + national.dropFirst() }

    /// The usual Vietnamese grouping: "0205 3 830 123", "024 3825 3536", "0912 345 678".
    public var display: String {
        let d = Array(national)
        func part(_ range: Range<Int>) -> String { String(d[range]) }
        switch kind {
        case .mobile:
            return "\(part(0..<4)) \(part(4..<7)) \(part(7..<10))"
        case .fixed where PhoneNumber.twoDigitAreaCodes.contains(part(0..<3)):
            return "\(part(0..<3)) \(part(3..<7)) \(part(7..<11))"
        case .fixed:
            return "\(part(0..<4)) \(part(4..<5)) \(part(5..<8)) \(part(8..<11))"
        }
    }

    public var description: String { display }
}
