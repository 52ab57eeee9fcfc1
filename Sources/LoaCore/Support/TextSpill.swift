import Foundation

/// Text made once and read back later, written to an unnamed spill file as it is made instead of held in
/// memory: the bodies' HTML from the resolve stage (`ArticleBodies`), the list items' HTML
/// (`RenderInput.listItem`) and the search index's files (`SearchFiles`). Memory then does not grow with
/// them, and reading one back is a `pread` from the page cache.
///
/// The first `holding` bytes stay in memory (`keep`): a site of 10,000 articles holds all its list items
/// and its index as before (each read back would cost a system call), a larger one holds only that many.
final class TextSpill: @unchecked Sendable {
    /// Where a text is in the file: its offset (below 1 TB) and length (below 16 MB) in one word, held
    /// by every article for its body, terms and summary (two words each made an article 24 bytes longer).
    struct Location: Sendable, Hashable {
        private let packed: UInt64
        var offset: Int { Int(packed >> 24) }
        var length: Int { Int(packed & 0xFF_FFFF) }
        static let lengthLimit = 1 << 24

        /// nil past the limits: the text is then held, as when it cannot be written.
        init?(offset: Int, length: Int) {
            guard offset >= 0, offset < (1 << 40) - 1, length >= 0, length < Location.lengthLimit else { return nil }
            packed = UInt64(offset) << 24 | UInt64(length)
        }

        /// An optional location in one word: 0 for none, otherwise one more than the packed word (an offset
        /// below 2⁴⁰ − 1 leaves room for it).
        var slotValue: UInt64 { packed + 1 }
        init?(slotValue: UInt64) {
            guard slotValue != 0 else { return nil }
            packed = slotValue - 1
        }
    }

    private let lock = NSLock()
    private let file: SpillFile
    private var holdable: Int

    /// In `folder` (the site root: nothing there is read as input); nil when no file can be made there.
    /// `holding`: how many bytes `keep` leaves in memory before it spills.
    init?(folder: String, holding: Int = 0) {
        guard let file = SpillFile(folder: folder) else { return nil }
        self.file = file
        holdable = holding
    }

    /// Whether `count` more bytes fit in what `keep` may hold (and if so, counts them as held).
    private func holds(_ count: Int) -> Bool {
        lock.lock(); defer { lock.unlock() }
        guard count <= holdable else { return false }
        holdable -= count
        return true
    }

    /// Lets the write buffer go once the stage that spills is done (`SpillFile.finishWriting`).
    func finishWriting() { lock.lock(); file.finishWriting(); lock.unlock() }

    /// Bytes written to the file so far (tests).
    var spilledBytes: Int { lock.lock(); defer { lock.unlock() }; return file.end }

    /// Where the bytes went, or nil when they are to be held: within the budget, or not writable.
    func keep(_ bytes: [UInt8]) -> Location? {
        holds(bytes.count) ? nil : append(bytes)
    }

    /// `keep` for text: the bytes are copied out only when they are spilled.
    func keep(_ text: String) -> Location? {
        holds(text.utf8.count) ? nil : append(text)
    }

    /// Where the text went; nil when it could not be written (the caller then holds or remakes it).
    func append(_ text: String) -> Location? { append(Array(text.utf8)) }

    func append(_ bytes: [UInt8]) -> Location? {
        guard bytes.count < Location.lengthLimit else { return nil }
        lock.lock(); defer { lock.unlock() }
        return file.append(bytes).flatMap { Location(offset: $0, length: bytes.count) }
    }

    func read(_ location: Location) -> String? {
        bytes(at: location).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Read on all cores: the lock is held only to flush what is still buffered.
    func bytes(at location: Location) -> [UInt8]? {
        lock.lock()
        let written = file.written(upTo: location.offset + location.length)
        lock.unlock()
        guard written else { return nil }
        return file.readWritten(at: location.offset, count: location.length)
    }
}

/// Text kept for later: in a spill file when one could be made and written, in memory otherwise.
enum SpilledText: Sendable {
    case held(String)
    case spilled(TextSpill.Location)

    /// Held while `spill`'s budget lasts (or when it cannot be written), spilled then.
    init(_ text: String, spill: TextSpill?) {
        if let spill, let location = spill.keep(text) { self = .spilled(location) } else { self = .held(text) }
    }

    /// nil only when a spilled text could not be read back.
    func text(from spill: TextSpill?) -> String? {
        switch self {
        case .held(let text): return text
        case .spilled(let location): return spill?.read(location)
        }
    }
}
