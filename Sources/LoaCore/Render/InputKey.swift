import Foundation

/// Builds a page's input key (`RenderJob.Templated.inputKey`): a hash of the values its context is made
/// from, cheaper to compute than the context. Each section lists what its context reads; the incremental
/// property test audits that equal keys give equal pages (`BuildCache.keyAudit`).
struct InputKey {
    private var hash: XXHash64

    /// Starts from what every page of `template` shares (`RenderInput.globalKey`).
    init(global: UInt64, kind: UInt64) {
        hash = XXHash64(seed: kind)
        hash.update(global)
    }

    mutating func add(_ text: String?) { hash.field(text ?? "\u{0}") }
    mutating func add(_ texts: [String?]) { for text in texts { add(text) } }
    /// A date as the instant and whether a time was written, which fix every form pages print it in:
    /// formatting it (RFC 3339) for each key was a tenth of an article page's key.
    mutating func add(_ date: ContentDate?) {
        guard let date else { add(0 as UInt64); return }
        add(date.hasTime ? 2 as UInt64 : 1)
        add(date.instant.timeIntervalSince1970.bitPattern)
        add(date.day)
    }
    mutating func add(_ day: CalendarDay?) {
        guard let day else { add(0 as UInt64); return }
        add(1 as UInt64); add(day.year); add(day.month); add(day.day)
    }
    mutating func add(_ number: Int) { hash.update(UInt64(bitPattern: Int64(number))) }
    mutating func add(_ flag: Bool) { add(flag ? 1 : 0) }
    mutating func add(_ value: UInt64) { hash.update(value) }

    /// What `PageContext.item` reads of an article (an entry in a list).
    mutating func addItem(_ article: Article, _ c: PageContext) {
        add([article.path, article.title, article.summary, article.category?.slug, article.category?.name])
        add(article.date)
        add(article.isExpired)
        add(article.unitIDs.count)
        for id in article.unitIDs { add([id, c.site.unit(id)?.name]) }
    }

    /// What `ShareMeta.values` reads for a path beyond the site-wide values: the feeds of the page.
    mutating func addFeeds(forPage path: String, _ c: PageContext) {
        guard let sharing = c.sharing else { return }
        for feed in sharing.feeds(forPage: path) {
            add([feed.title, feed.rssPath, feed.atomPath, feed.jsonPath])
        }
    }

    func finish() -> UInt64 { hash.finish() }
}

extension RenderInput {
    /// `InputKey.addItem` of `site.articles[index]` as one value, hashed once for all the lists that show
    /// the article (hashing each list page's items was a twentieth of a clean build).
    func itemKey(_ index: Int) -> UInt64 {
        itemKeys.value(for: index) {
            var key = InputKey(global: 0, kind: 0x17E4)
            key.addItem(site.articles[index], context)
            return key.finish()
        }
    }

    /// What every page of `template` shares: the layout's site values, the sharing defaults (image,
    /// publisher, newest date, site feeds), the URLs and the theme — the context of a page at no path.
    /// nil when it cannot be fingerprinted (then every page's context is). Computed once per template.
    func globalKey(template: String) -> UInt64? {
        globalKeys.value(for: template) {
            ContextFingerprint.hash(context.page(path: "\u{0}", title: "", description: ""), template: template,
                                    templates: theme.fingerprint)
        }
    }
}

/// A value per key, made on first use from any core and then shared. It is made outside the lock, so
/// cores making different values do not wait for each other; two cores asking for the same new key may
/// both make it (the values are equal: the first stored is kept).
final class Memo<Key: Hashable, Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Key: Value] = [:]

    func value(for key: Key, _ make: () -> Value) -> Value {
        memoized(lock, get: { values[key] }, set: { values[key] = $0 }, make: make)
    }

    var count: Int { lock.lock(); defer { lock.unlock() }; return values.count }

    func removeAll() {
        lock.lock(); values = [:]; lock.unlock()
    }
}

/// A memo's value: looked up under `lock`, made outside it (another thread may make it meanwhile: the
/// first one stored is the one every caller gets).
private func memoized<Value>(_ lock: NSLock, get: () -> Value?, set: (Value) -> Void, make: () -> Value) -> Value {
    lock.lock()
    if let known = get() { lock.unlock(); return known }
    lock.unlock()
    let value = make()
    lock.lock(); defer { lock.unlock() }
    if let first = get() { return first }
    set(value)
    return value
}

/// `Memo` for the numbers `0..<count` (the site's articles): an array, where a dictionary of 100,000
/// entries (and its copies as it grew) was 12 MB at the render stage's peak.
final class IndexedMemo<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Value?]

    init(count: Int) { values = Array(repeating: nil, count: count) }

    private var made = 0

    func value(for index: Int, _ make: () -> Value) -> Value {
        memoized(lock, get: { values.isEmpty ? nil : values[index] },
                 set: { if !values.isEmpty { values[index] = $0; made += 1 } }, make: make)
    }

    /// How many values are held.
    var count: Int { lock.lock(); defer { lock.unlock() }; return made }

    /// Lets every value go, and the slots with them (a slot per article, 2.4 MB at 100,000): a value asked
    /// for afterwards is made and not kept.
    func removeAll() {
        lock.lock(); values = []; made = 0; lock.unlock()
    }
}

/// A count of things left to do, shared by threads: `countDown` is true for the call that reaches zero.
final class Countdown: @unchecked Sendable {
    private let lock = NSLock()
    private var left = 0

    func add(_ count: Int) { lock.lock(); left += count; lock.unlock() }

    func countDown() -> Bool {
        lock.lock(); defer { lock.unlock() }
        left -= 1
        return left == 0
    }
}

extension InputKey {
    /// What a body's HTML is made from: its Markdown (by hash) and the procedure pages its `tthc:` links
    /// point to — or the HTML itself where it was kept.
    mutating func addBody(_ body: RenderedMarkdown, _ site: ResolvedSite) {
        if body.sourceHash == 0 { add(body.html); return }
        add(body.sourceHash)
        add(body.procedureLinks.map { site.bodies?.links.procedurePath($0) })
    }
}
