/// Reads the site.yaml extension keys of feeds and sharing: `feed_items` and `social_hashtags`.
enum FeedSettings {
    static let maxFeedItems = 500

    static func load(_ root: YAMLValue, into config: inout SiteConfig, log: DiagnosticLog) {
        if let items = root.int("feed_items", log: log) {
            if items < 1 || items > maxFeedItems {
                log.error(SiteConfigLoader.file, root["feed_items"]?.line, "feed_items phải từ 1 đến \(maxFeedItems)")
            } else {
                config.feedItems = items
            }
        }
        config.socialHashtags = root.stringList("social_hashtags", log: log).map { entry in
            entry.text.hasPrefix("#") ? String(entry.text.dropFirst()) : entry.text
        }
    }
}
