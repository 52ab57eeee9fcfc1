/// Number and date formats in Vietnamese administrative style:
/// decimal comma, dot between thousands, two-digit day and month.
public enum VietnameseFormat {

    // MARK: Dates

    /// "ngày 05 tháng 01 năm 2024"
    public static func longDate(year: Int, month: Int, day: Int) -> String {
        "ngày \(twoDigits(day)) tháng \(twoDigits(month)) năm \(year)"
    }

    /// "05/01/2024"
    public static func shortDate(year: Int, month: Int, day: Int) -> String {
        "\(twoDigits(day))/\(twoDigits(month))/\(year)"
    }

    // MARK: Numbers

    /// 1234567.5 with 1 digit → "1.234.567,5"; -1.35 → "-1,35".
    ///
    /// Rounding is half away from zero on the shortest decimal that reads back as `x`
    /// (Swift's `description`), i.e. on the number as it was written in the source file:
    /// 83.155 gives "83,16" although the nearest Double is 83.15499999999999….
    /// Rounding the binary value (`String(format:)`, `rounded()`) would give "83,15".
    public static func number(_ x: Double, fractionDigits: Int) -> String {
        guard let rounded = RoundedDecimal(x, fractionDigits: max(0, fractionDigits)) else { return nonFinite(x) }
        return rounded.formatted()
    }

    /// Like `number`, without trailing zeros: 45.50 → "45,5", 92.0 → "92".
    public static func trimmedNumber(_ x: Double, maxFractionDigits: Int) -> String {
        guard var rounded = RoundedDecimal(x, fractionDigits: max(0, maxFractionDigits)) else { return nonFinite(x) }
        while let last = rounded.fraction.last, last == 0 { rounded.fraction.removeLast() }
        return rounded.formatted()
    }

    /// 83.156 → "83,16%"
    public static func percent(_ x: Double, fractionDigits: Int = 2) -> String {
        number(x, fractionDigits: fractionDigits) + "%"
    }

    /// 12345 → "12.345"
    public static func integer(_ n: Int) -> String {
        let digits = String(n.magnitude).utf8.map { $0 - 0x30 }
        return (n < 0 ? "-" : "") + grouped(digits)
    }

    /// Score changes: "+1,35", "-0,50", and "0,00" for no change (also when it rounds to zero).
    public static func signed(_ x: Double, fractionDigits: Int) -> String {
        guard let rounded = RoundedDecimal(x, fractionDigits: max(0, fractionDigits)) else { return nonFinite(x) }
        let text = rounded.formatted()
        return rounded.isZero || rounded.negative ? text : "+" + text
    }

    // MARK: Internals

    private static func twoDigits(_ n: Int) -> String {
        n >= 0 && n < 10 ? "0\(n)" : "\(n)"
    }

    private static func nonFinite(_ x: Double) -> String {
        x.isNaN ? "NaN" : (x < 0 ? "-∞" : "∞")
    }

    /// "1234567" → "1.234.567"
    fileprivate static func grouped(_ digits: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(digits.count + digits.count / 3)
        for (i, d) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(0x2E) }
            out.append(0x30 + d)
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// A Double rounded in decimal: sign, integer digits and exactly the requested fraction digits.
private struct RoundedDecimal {
    var negative: Bool
    var integer: [UInt8]
    var fraction: [UInt8]

    var isZero: Bool { integer.allSatisfy { $0 == 0 } && fraction.allSatisfy { $0 == 0 } }

    init?(_ x: Double, fractionDigits: Int) {
        guard x.isFinite else { return nil }
        // Shortest round-trip text, e.g. "83.155", "1e-05", "1.2345678e+16".
        var text = Substring(x.magnitude.description)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(text[text.index(after: e)...]) ?? 0
            text = text[..<e]
        }
        var digits: [UInt8] = []
        var integerCount = 0
        var seenPoint = false
        for c in text.utf8 {
            if c == 0x2E { seenPoint = true; continue }
            digits.append(c - 0x30)
            if !seenPoint { integerCount += 1 }
        }
        integerCount += exponent
        // Pad so that there is at least one integer digit and one digit past the cut.
        if integerCount < 1 {
            digits.insert(contentsOf: repeatElement(0, count: 1 - integerCount), at: 0)
            integerCount = 1
        }
        let keep = integerCount + fractionDigits
        if digits.count <= keep { digits.append(contentsOf: repeatElement(0, count: keep + 1 - digits.count)) }
        let roundUp = digits[keep] >= 5  // half away from zero: we work on the magnitude
        digits.removeSubrange(keep...)
        if roundUp {
            var i = digits.count - 1
            while i >= 0 {
                if digits[i] == 9 { digits[i] = 0; i -= 1 } else { digits[i] += 1; break }
            }
            if i < 0 { digits.insert(1, at: 0); integerCount += 1 }
        }
        var integer = Array(digits[..<integerCount])
        while integer.count > 1 && integer[0] == 0 { integer.removeFirst() }
        self.integer = integer
        self.fraction = Array(digits[integerCount...])
        self.negative = false
        // No "-0,00": the sign only stays when something non-zero is shown.
        self.negative = x < 0 && !isZero
    }

    func formatted() -> String {
        var s = negative ? "-" : ""
        s += VietnameseFormat.grouped(integer)
        if !fraction.isEmpty {
            s += ","
            s += String(decoding: fraction.map { $0 + 0x30 }, as: UTF8.self)
        }
        return s
    }
}
