/// One hotline of `content/hotlines.yaml`.
public struct Hotline: Sendable, Hashable {
    /// nil for the jurisdiction's own agencies.
    public var unitID: String?
    public var agency: String
    public var purpose: String?
    public var person: String?
    public var title: String?
    public var phone: PhoneNumber
    public var email: String?
    public var hours: String?
    /// The day the number was last checked by calling it.
    public var verified: CalendarDay?
    public var file: String
    public var line: Int
    /// Line of `verified` (or of the entry), for the staleness warning.
    public var verifiedLine: Int
}
