import Foundation

/// A day in Asia/Ho_Chi_Minh (UTC+7, no daylight saving), as content dates are defined.
///
/// Stored in 6 bytes, not three `Int`s: every article holds up to five days (its date, updated, publish_at,
/// expires, the source document's), and at 100,000 articles the 24-byte days were 15 MB of the resolved site.
public struct CalendarDay: Hashable, Comparable, Sendable, CustomStringConvertible {
    private var storedYear: Int32
    private var storedMonth: UInt8
    private var storedDay: UInt8

    public var year: Int {
        get { Int(storedYear) }
        set { storedYear = Int32(clamping: newValue) }
    }
    public var month: Int {
        get { Int(storedMonth) }
        set { storedMonth = UInt8(clamping: newValue) }
    }
    public var day: Int {
        get { Int(storedDay) }
        set { storedDay = UInt8(clamping: newValue) }
    }

    /// Years beyond ±2 billion and months or days outside 0…255 are clamped (no content date comes near).
    public init(year: Int, month: Int, day: Int) {
        storedYear = Int32(clamping: year)
        storedMonth = UInt8(clamping: month)
        storedDay = UInt8(clamping: day)
    }

    /// Vietnam has used a fixed UTC+7 offset since 1975, so plain arithmetic is exact.
    public static let vietnamOffsetSeconds = 7 * 3600

    /// Parses `YYYY-MM-DD`, rejecting impossible days such as 2024-02-30.
    public init?(iso text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1...12).contains(m), d >= 1, d <= CalendarDay.daysIn(month: m, year: y) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (proleptic Gregorian), from Howard Hinnant's algorithm.
    public var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    public init(daysSinceEpoch z0: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
    }

    /// The day in Vietnam on which an instant falls.
    public init(instant: Date) {
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down)) + CalendarDay.vietnamOffsetSeconds
        self.init(daysSinceEpoch: Int((Double(seconds) / 86400).rounded(.down)))
    }

    /// Midnight at the start of this day in Vietnam.
    public var start: Date {
        Date(timeIntervalSince1970: TimeInterval(daysSinceEpoch * 86400 - CalendarDay.vietnamOffsetSeconds))
    }

    public func adding(days: Int) -> CalendarDay { CalendarDay(daysSinceEpoch: daysSinceEpoch + days) }

    public var iso: String {
        // Not String(format:): it goes through NSString and showed in every page's profile.
        guard year >= 0 else { return String(format: "%04d-%02d-%02d", year, month, day) }
        return CalendarDay.padded(year, 4) + "-" + CalendarDay.padded(month, 2) + "-" + CalendarDay.padded(day, 2)
    }

    /// A non-negative number with leading zeros to `width` digits ("%0*d").
    static func padded(_ n: Int, _ width: Int) -> String {
        let digits = String(n)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
    public var description: String { iso }

    public static func < (a: CalendarDay, b: CalendarDay) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }
}

/// A content date: either a whole day or an exact moment with its written offset.
public struct ContentDate: Hashable, Comparable, Sendable {
    /// The instant it stands for (a day stands for its first moment in Vietnam).
    public var instant: Date
    /// The day in Vietnam, for display.
    public var day: CalendarDay
    /// True when a time was written, so feeds can say so.
    public var hasTime: Bool

    public init(day: CalendarDay) {
        self.day = day
        self.instant = day.start
        self.hasTime = false
    }

    public init(instant: Date) {
        self.instant = instant
        self.day = CalendarDay(instant: instant)
        self.hasTime = true
    }

    /// Accepts `2024-04-15`, `2024-04-15T07:00:00+07:00`, `2024-04-15 07:00`, `...Z`. A time without an
    /// offset is taken as Vietnam time, since editors write local time.
    public init?(parsing raw: String) {
        let text = raw.trimmingWhitespace()
        if let day = CalendarDay(iso: text) { self.init(day: day); return }
        guard text.count >= 16, let day = CalendarDay(iso: String(text.prefix(10))) else { return nil }
        let sep = text[text.index(text.startIndex, offsetBy: 10)]
        guard sep == "T" || sep == " " || sep == "t" else { return nil }
        var rest = Substring(text.dropFirst(11))
        var offset = CalendarDay.vietnamOffsetSeconds
        if rest.hasSuffix("Z") || rest.hasSuffix("z") {
            offset = 0; rest = rest.dropLast()
        } else if let signIndex = rest.lastIndex(where: { $0 == "+" || $0 == "-" }) {
            let zone = rest[rest.index(after: signIndex)...].replacingOccurrences(of: ":", with: "")
            guard zone.count == 4 || zone.count == 2, let value = Int(zone) else { return nil }
            let hours = zone.count == 4 ? value / 100 : value
            let minutes = zone.count == 4 ? value % 100 : 0
            guard hours <= 14, minutes < 60 else { return nil }
            offset = (hours * 3600 + minutes * 60) * (rest[signIndex] == "-" ? -1 : 1)
            rest = rest[..<signIndex]
        }
        let clock = rest.split(separator: ":", omittingEmptySubsequences: false)
        guard clock.count == 2 || clock.count == 3,
              let h = Int(clock[0]), let m = Int(clock[1]), (0...23).contains(h), (0...59).contains(m) else { return nil }
        var s = 0.0
        if clock.count == 3 {
            guard let sec = Double(clock[2]), sec >= 0, sec < 61 else { return nil }
            s = sec
        }
        let epoch = Double(day.daysSinceEpoch * 86400 + h * 3600 + m * 60 - offset) + s
        self.init(instant: Date(timeIntervalSince1970: epoch))
    }

    /// RFC 3339 in Vietnam time (+07:00), the form feeds and metadata use.
    public var rfc3339: String {
        let local = Int(instant.timeIntervalSince1970.rounded(.down)) + CalendarDay.vietnamOffsetSeconds
        let secondsOfDay = ((local % 86400) + 86400) % 86400
        return day.iso + "T" + CalendarDay.padded(secondsOfDay / 3600, 2) + ":" + CalendarDay.padded((secondsOfDay / 60) % 60, 2)
            + ":" + CalendarDay.padded(secondsOfDay % 60, 2) + "+07:00"
    }

    public static func < (a: ContentDate, b: ContentDate) -> Bool { a.instant < b.instant }
}

extension CalendarDay {
    /// "05/01/2024", as pages show a date in lists and tables.
    public var shortVietnamese: String { VietnameseFormat.shortDate(year: year, month: month, day: day) }
    /// "ngày 05 tháng 01 năm 2024", as pages show a date in running text.
    public var longVietnamese: String { VietnameseFormat.longDate(year: year, month: month, day: day) }
}
