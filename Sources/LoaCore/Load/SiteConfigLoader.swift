/// Reads `content/site.yaml`.
public enum SiteConfigLoader {
    public static let file = "content/site.yaml"

    static let keys: Set<String> = ["title", "base_url", "theme", "jurisdiction", "responsible", "social",
                                    "per_page", "categories", "notice", "hotline_max_age_days",
                                    "feed_items", "outbox_items", "social_hashtags", "emblem"]

    public static func load(_ sources: SourceFiles, log: DiagnosticLog) -> SiteConfig? {
        guard sources.exists(file) else {
            log.error(file, nil, "không tìm thấy tệp cấu hình trang — cần có content/site.yaml")
            return nil
        }
        guard let text = sources.text(file, log: log) else { return nil }
        guard let root = YAMLValue.parse(text, file: file, log: log) else {
            if !log.all.contains(where: { $0.file == file && $0.severity == .error }) {
                log.error(file, 1, "tệp site.yaml đang trống — cần ít nhất title, base_url, theme và jurisdiction")
            }
            return nil
        }
        guard root.isMapping else {
            log.error(file, root.line, "site.yaml phải là một khối khóa: giá trị (title: …, base_url: …)")
            return nil
        }
        root.rejectUnknownKeys(keys, log: log, what: "site.yaml")
        let title = root.string("title", required: true, log: log)
        var baseURL = root.string("base_url", required: true, log: log)
        if let url = baseURL {
            if !URLSafety.isWebAddress(url) {
                log.error(file, root["base_url"]?.line, "base_url phải là địa chỉ tuyệt đối, ví dụ \"https://cchc.vanquan.langson.gov.vn/\"")
            } else if !url.hasSuffix("/") {
                baseURL = url + "/"
            }
        }
        let theme = root.string("theme", log: log) ?? "default"
        let themeLine = root["theme"]?.line ?? root.line
        var themeUsable = true
        if theme.contains("/") || theme.contains("\\") || theme.hasPrefix(".") || theme.isEmpty {
            log.error(file, themeLine, "tên giao diện (theme) không hợp lệ: \"\(theme)\" — chỉ ghi tên một thư mục trong themes/")
            themeUsable = false
        } else if !sources.isDirectory("themes/\(theme)") {
            log.error(file, themeLine, "không tìm thấy giao diện \"\(theme)\" (thư mục themes/\(theme)/)")
            themeUsable = false
        }

        var jurisdiction: SiteConfig.Jurisdiction?
        if let j = root["jurisdiction"] {
            let name = j.string("name", required: true, log: log)
            let level = j.string("level", required: true, log: log)
            if let level, !["province", "district", "commune"].contains(level) {
                log.error(file, j["level"]?.line, "jurisdiction.level phải là province, district hoặc commune, không phải \"\(level)\"")
            }
            if let name, let level {
                jurisdiction = .init(name: name, level: level, parent: j.string("parent", log: log))
            }
        } else {
            log.error(file, root.line, "thiếu khóa bắt buộc 'jurisdiction' (tên và cấp của cơ quan chủ quản)")
        }

        let r = root["responsible"]
        let responsible = SiteConfig.Responsible(
            name: r?.string("name", log: log), title: r?.string("title", log: log),
            phone: r?.string("phone", log: log), email: r?.string("email", log: log),
            address: r?.string("address", log: log))
        let s = root["social"]
        var facebook = s?.string("facebook", log: log)
        if let url = facebook, !URLSafety.isWebAddress(url) {
            log.error(file, s?["facebook"]?.line, "social.facebook phải là địa chỉ trang web bắt đầu bằng https://, ví dụ \"https://facebook.com/ten-trang\"")
            facebook = nil
        }
        let social = SiteConfig.Social(facebook: facebook, zaloOA: s?.string("zalo_oa", log: log))

        var perPage = root.int("per_page", log: log) ?? 20
        if perPage < 1 || perPage > 500 {
            log.error(file, root["per_page"]?.line, "per_page phải từ 1 đến 500")
            perPage = 20
        }

        var categoryNames: [String: String] = [:]
        for entry in root["categories"]?.entries ?? [] {
            if let name = entry.value.scalarText { categoryNames[VietnameseText.slug(entry.key)] = name }
        }

        var notice: SiteConfig.Notice?
        if let n = root["notice"] {
            if let text = n.scalarText {
                notice = .init(text: text)
            } else if let text = n.string("text", required: true, log: log) {
                notice = .init(text: text, from: n.date("from", log: log)?.day, until: n.date("until", log: log)?.day)
            }
        }

        var hotlineMaxAgeDays = root.int("hotline_max_age_days", log: log) ?? 180
        if hotlineMaxAgeDays < 1 {
            log.error(file, root["hotline_max_age_days"]?.line, "hotline_max_age_days phải là số ngày dương, ví dụ 180")
            hotlineMaxAgeDays = 180
        }

        var emblem = root.string("emblem", log: log)
        if let path = emblem {
            let clean = path.hasPrefix("/") ? String(path.dropFirst()) : path
            if !clean.hasPrefix("media/") || !PathSafety.isSafeMediaPath(clean) || !sources.exists("content/" + clean) {
                log.error(file, root["emblem"]?.line, "emblem phải là một tệp ảnh có trong content/media/, ví dụ \"media/quoc-huy.svg\" (không tìm thấy \"\(path)\")")
            }
            emblem = clean
        }

        guard let title, let baseURL, let jurisdiction, themeUsable else { return nil }
        var config = SiteConfig(title: title, baseURL: baseURL, theme: theme, jurisdiction: jurisdiction,
                                responsible: responsible, social: social, perPage: perPage,
                                categoryNames: categoryNames, notice: notice, hotlineMaxAgeDays: hotlineMaxAgeDays)
        config.emblem = emblem
        FeedSettings.load(root, into: &config, log: log)
        return config
    }
}
