/// A deterministic hash of a template context (`[String: Any]`): independent of key order, every value tagged with its
/// kind. Two contexts with equal fingerprints render to equal bytes through the same templates, so an
/// unchanged page skips Mustache. A value of a kind not listed here (a lambda, a custom type) makes the
/// page uncacheable: it is rendered on every build rather than risk a stale page.
public enum ContextFingerprint {
    public static func hash(_ context: [String: Any], template: String, templates: UInt64) -> UInt64? {
        var h = XXHash64(seed: 0x3C)
        h.update(templates)
        h.field(template)
        return add(context, to: &h) ? h.finish() : nil
    }

    /// Feeds one value into the hasher; false when the value cannot be fingerprinted.
    static func add(_ value: Any, to h: inout XXHash64) -> Bool {
        // Exact types first: casting a `[String: String]` to `[String: Any]` (or `[String]` to `[Any]`)
        // builds a converted copy, so the general cases come last. Both paths hash alike.
        switch value {
        case let s as String:
            h.update(1); h.field(s)
        case let d as [String: String]:
            addStrings(d, to: &h)
        case let a as [String]:
            h.update(6); h.update(UInt64(a.count))
            for item in a { h.update(1); h.field(item) }
        case let a as [[String: String]]:
            h.update(6); h.update(UInt64(a.count))
            for item in a { addStrings(item, to: &h) }
        case let d as [String: Any]:
            return addDictionary(d, to: &h)
        case let a as [[String: Any]]:
            h.update(6); h.update(UInt64(a.count))
            for item in a where !addDictionary(item, to: &h) { return false }
        case let entry as ArticleListEntry:
            return addDictionary(entry.dictionary, to: &h)
        // Values already as templates see them (`Theme.templateValue`: a page's `site`) hash like the
        // values they wrap.
        case let text as TemplateText:
            h.update(1); h.field(text.text)
        case is BlankText:
            h.update(1); h.field("")
        case let object as TemplateObject:
            return addDictionary(object.values, to: &h)
        case let a as [Any]:
            h.update(6); h.update(UInt64(a.count))
            for item in a where !add(item, to: &h) { return false }
        case let b as Bool:
            h.update(b ? 3 : 2)
        case let i as Int:
            h.update(4); h.update(UInt64(bitPattern: Int64(i)))
        case let d as Double:
            h.update(7); h.update(d.bitPattern)
        case let s as Substring:
            h.update(1); h.field(String(s))
        case let i as Int64:
            h.update(4); h.update(UInt64(bitPattern: i))
        default:
            return false
        }
        return true
    }

    /// Dictionaries are hashed without sorting their keys: each entry is hashed on its own and the entry
    /// hashes are summed (mod 2⁶⁴), which does not depend on the order. Keys are unique, so no two entries cancel.
    static func addStrings(_ d: [String: String], to h: inout XXHash64) {
        var sum: UInt64 = 0
        for (key, value) in d {
            var e = XXHash64(seed: 0x5E)
            e.field(key); e.update(1); e.field(value)
            sum &+= e.finish()
        }
        h.update(5); h.update(UInt64(d.count)); h.update(sum)
    }

    static func addDictionary(_ d: [String: Any], to h: inout XXHash64) -> Bool {
        var sum: UInt64 = 0
        for (key, value) in d {
            var e = XXHash64(seed: 0x5E)
            e.field(key)
            if !add(value, to: &e) { return false }
            sum &+= e.finish()
        }
        h.update(5); h.update(UInt64(d.count)); h.update(sum)
        return true
    }
}
