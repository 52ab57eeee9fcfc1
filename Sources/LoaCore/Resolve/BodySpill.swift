import Foundation

/// The bodies' HTML made by the resolve stage, written to a spill file as it is made and read back when a
/// page or feed needs it (`ArticleBodies`): memory does not grow with the bodies, and a body is parsed
/// and its file read once, not again when its page is written (at 100,000 articles those reads went to
/// the disk: the pages written had pushed the sources out of the page cache).
final class BodySpill: @unchecked Sendable {
    struct Location: Sendable {
        let offset: Int
        let length: Int
    }

    private let lock = NSLock()
    private let file: SpillFile

    /// In `folder` (the site root: nothing there is read as input); nil when no file can be made there.
    init?(folder: String) {
        guard let file = SpillFile(folder: folder) else { return nil }
        self.file = file
    }

    /// Where the HTML went; nil when it could not be written (the body is then read again).
    func append(_ html: String) -> Location? {
        let bytes = Array(html.utf8)
        lock.lock(); defer { lock.unlock() }
        return file.append(bytes).map { Location(offset: $0, length: bytes.count) }
    }

    /// The pages read on all cores: the lock is held only to flush what is still buffered.
    func read(_ location: Location) -> String? {
        lock.lock()
        let written = file.written(upTo: location.offset + location.length)
        lock.unlock()
        guard written, let bytes = file.readWritten(at: location.offset, count: location.length) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }
}
