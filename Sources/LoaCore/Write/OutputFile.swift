/// One file of the built site: bytes rendered by Loa, or a file copied as it is (media, theme assets).
public struct OutputFile: Sendable {
    public enum Contents: Sendable {
        case bytes([UInt8])
        /// Absolute path of the source file.
        case copy(String)
        /// The file of the previous site at this absolute path, found current by the build cache with this
        /// stamp: the writer links it without reading it or asking for its stamp again.
        case kept(String, FileStamp)
    }

    /// Relative to the output root, no leading `/`, e.g. `tin-tuc/abc/index.html`.
    public var path: String
    public var contents: Contents

    public init(path: String, contents: Contents) {
        self.path = path
        self.contents = contents
    }

    public static func text(_ path: String, _ text: String) -> OutputFile {
        OutputFile(path: path, contents: .bytes(Array(text.utf8)))
    }
}
