/// Paths of the procedure, hotline and ranking sections.
public extension SiteURLs {
    static let procedures = "thu-tuc/"
    static let hotlines = "duong-day-nong/"
    static let hotlineDirectoryCard = "duong-day-nong/danh-ba.vcf"
    static let rankings = "xep-hang/"

    /// Codes contain dots (1.001193), which are fine in a folder name.
    static func procedure(_ code: String) -> String { "thu-tuc/\(code)/" }
    static func procedureField(_ slug: String) -> String { "thu-tuc/linh-vuc/\(slug)/" }
    static func hotlineCard(_ slug: String) -> String { "duong-day-nong/\(slug).vcf" }
    static func ranking(_ id: String) -> String { "xep-hang/\(id)/" }
    static func rankingYear(_ id: String, _ year: Int) -> String { "xep-hang/\(id)/\(year)/" }
}
