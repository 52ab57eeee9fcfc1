import Foundation

/// A text held as long as the build's articles, kept beside others in shared blocks of a megabyte instead
/// of an allocation of its own. A title of 74 bytes was a 112-byte block (a `String`'s header and the
/// allocator's rounding), allocated among the loaded documents' garbage and keeping its page resident
/// after the rest was freed: 12.4 MB at 100,000 articles, held from the resolve stage to the end of a build.
/// Read back as a new `String` each time.
struct PackedText: Sendable {
    private let block: TextBlock
    private let start: UInt32
    private let count: UInt32

    init(_ text: String) {
        (block, start, count) = TextBlock.store(text)
    }

    var string: String { block.string(from: Int(start), count: Int(count)) }
}

/// Bytes written once and then only read. Blocks are filled one at a time (a lock guards the one being
/// filled); a block goes when no text in it is held any more.
final class TextBlock: @unchecked Sendable {
    static let size = 1 << 20
    private let bytes: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    private var used = 0

    private init(capacity: Int) {
        self.capacity = capacity
        bytes = .allocate(capacity: capacity)
    }

    deinit { bytes.deallocate() }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var filling = TextBlock(capacity: size)

    /// Copies `text` into the block being filled (a new one when it has no room).
    static func store(_ text: String) -> (TextBlock, UInt32, UInt32) {
        var text = text
        return text.withUTF8 { utf8 in
            lock.lock()
            defer { lock.unlock() }
            if filling.used + utf8.count > filling.capacity { filling = TextBlock(capacity: max(size, utf8.count)) }
            let block = filling
            if let base = utf8.baseAddress { (block.bytes + block.used).update(from: base, count: utf8.count) }
            defer { block.used += utf8.count }
            return (block, UInt32(block.used), UInt32(utf8.count))
        }
    }

    func string(from start: Int, count: Int) -> String {
        String(decoding: UnsafeBufferPointer(start: bytes + start, count: count), as: UTF8.self)
    }
}
