/// Reads the site.yaml extension keys of feeds and sharing: `feed_items`, `outbox_items` and `social_hashtags`.
enum FeedSettings {
    static let maxFeedItems = 500

    static func load(_ root: YAMLValue, into config: inout SiteConfig, log: DiagnosticLog) {
        func count(_ key: String) -> Int? {
            guard let items = root.int(key, log: log) else { return nil }
            guard items >= 1 && items <= maxFeedItems else {
                log.error(SiteConfigLoader.file, root[key]?.line, "\(key) phải từ 1 đến \(maxFeedItems)")
                return nil
            }
            return items
        }
        if let items = count("feed_items") { config.feedItems = items }
        if let items = count("outbox_items") { config.outboxItems = items }
        config.socialHashtags = root.stringList("social_hashtags", log: log).map { entry in
            entry.text.hasPrefix("#") ? String(entry.text.dropFirst()) : entry.text
        }
    }
}
