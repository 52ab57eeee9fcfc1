import Foundation

/// One copy of each repeated text: the values a site's documents write again and again (authors, tags,
/// categories) share one string's storage instead of holding one each.
///
/// The load stage holds every document's front matter until its article is made, and what it holds then
/// is the heap's high-water mark that every later stage builds on. At 100,000 articles the authors (a few
/// offices write most articles) and the tags (a site's vocabulary is small) were 200,000 strings of their
/// own, about 15 MB. Texts of at most 15 UTF-8 bytes are inside the `String` already and are not looked
/// up. Thread-safe: the loader parses documents on all cores.
final class TextInterner: @unchecked Sendable {
    private let lock = NSLock()
    private var texts: Set<String> = []

    func callAsFunction(_ text: String) -> String {
        guard text.utf8.count > 15 else { return text }
        lock.lock(); defer { lock.unlock() }
        return texts.insert(text).memberAfterInsert
    }

    var count: Int { lock.lock(); defer { lock.unlock() }; return texts.count }
}
