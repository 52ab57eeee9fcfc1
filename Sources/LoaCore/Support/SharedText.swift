/// A text in a box of its own: one word where a `String` is two, for a field most values leave empty or
/// share (an article's author, which a few offices write; a path other than the one its slug gives).
final class SharedText: Sendable {
    let text: String
    init(_ text: String) { self.text = text }
}
