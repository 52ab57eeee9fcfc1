import Foundation

/// Moments at which the built site changes by itself, without an edit: an article's `publish_at`, the
/// start (in Vietnam) of the day after its `expires`, the first day and the day after the last day of the
/// site notice. A timer that rebuilds at `next(after:)` keeps the site exact; the no-op fast path refuses
/// to skip a build across any of them.
///
/// Contributors: a page that depends on `now` other than through these, or other than through the day in
/// Vietnam (`now.day`), must add its moments here, or incremental builds could skip it.
public enum Schedule {
    public static func boundaries(_ content: LoadedContent, includeDrafts: Bool) -> [Double] {
        var moments: [Date] = []
        // Visited in place: `articles + pages` copied every document (34 MB at 100,000 articles, the
        // resolve stage's peak).
        for doc in [content.articles, content.pages].joined() where includeDrafts || !doc.draft {
            if let at = doc.publishAt { moments.append(at.instant) }
            if let expires = doc.expires { moments.append(expires.adding(days: 1).start) }
        }
        if let notice = content.config.notice {
            if let from = notice.from { moments.append(from.start) }
            if let until = notice.until { moments.append(until.adding(days: 1).start) }
        }
        return Array(Set(moments.map(\.timeIntervalSince1970))).sorted()
    }

    /// The earliest boundary strictly after `now`, nil when nothing is scheduled.
    public static func next(after now: ContentDate, in boundaries: [Double]) -> ContentDate? {
        boundaries.first { $0 > now.instant.timeIntervalSince1970 }.map { ContentDate(instant: Date(timeIntervalSince1970: $0)) }
    }
}

/// `loa build --changes FILE`: what changed in the output folder, for a deploy step or a CDN purge, and
/// when to rebuild next. Paths are relative to the output folder, sorted bytewise; the text is the same
/// for the same changes.
public enum ChangeManifest {
    public static func json(_ changes: OutputChanges, nextChange: ContentDate?) -> String {
        func list(_ paths: [String]) -> String {
            let sorted = paths.sorted { $0.precedesInByteOrder($1) }
            if sorted.isEmpty { return "[]" }
            return "[\n" + sorted.map { "    " + quote($0) }.joined(separator: ",\n") + "\n  ]"
        }
        return """
        {
          "added": \(list(changes.added)),
          "modified": \(list(changes.modified)),
          "removed": \(list(changes.removed)),
          "next_change": \(nextChange.map { quote($0.rfc3339) } ?? "null")
        }

        """
    }

    static func quote(_ text: String) -> String { JSONText.quote(text) }
}
