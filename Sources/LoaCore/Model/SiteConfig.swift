/// `content/site.yaml`: the portal and the government that publishes it.
public struct SiteConfig: Sendable, Hashable {
    public struct Jurisdiction: Sendable, Hashable {
        public var name: String
        /// province | district | commune
        public var level: String
        public var parent: String?
    }

    public struct Responsible: Sendable, Hashable {
        public var name: String?
        public var title: String?
        public var phone: String?
        public var email: String?
        public var address: String?
    }

    public struct Social: Sendable, Hashable {
        public var facebook: String?
        public var zaloOA: String?
    }

    /// A site-wide banner (extension): e.g. a planned interruption announced ahead.
    public struct Notice: Sendable, Hashable {
        public var text: String
        public var from: CalendarDay?
        public var until: CalendarDay?
    }

    public var title: String
    /// Absolute, always ending in `/`.
    public var baseURL: String
    public var theme: String
    public var jurisdiction: Jurisdiction
    public var responsible: Responsible
    public var social: Social
    public var perPage: Int
    /// Extension: display names of category slugs, e.g. `tuyen-truyen: "Tuyên truyền"`.
    public var categoryNames: [String: String]
    public var notice: Notice?
    /// Extension `hotline_max_age_days`: `loa check` warns about hotlines verified longer ago than this.
    public var hotlineMaxAgeDays: Int = 180
    /// Extension: how many newest articles each feed carries (`feed_items`, default 50).
    public var feedItems: Int = 50
    /// Extension: how many newest articles the social outbox carries (`outbox_items`, default 50). Older
    /// articles are not posted any more; a bound also keeps `outbox.json` small (every entry has its full text).
    public var outboxItems: Int = 50
    /// Extension: hashtags added to every social post (`social_hashtags`), without `#`.
    public var socialHashtags: [String] = []
    /// Extension: the emblem shown in the header, relative to `content/` (e.g. `media/quoc-huy.svg`).
    public var emblem: String? = nil

    /// The path part of the base URL ("/" or "/cchc/"): every internal link starts with it.
    public var basePath: String {
        guard let schemeEnd = baseURL.range(of: "://") else { return "/" }
        let afterHost = baseURL[schemeEnd.upperBound...].drop { $0 != "/" }
        return afterHost.isEmpty ? "/" : String(afterHost)
    }
}
