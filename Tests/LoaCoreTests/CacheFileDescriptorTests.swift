import XCTest
@testable import LoaCore

/// A cache file that cannot be used is closed once. Closed twice (by the failed initializer and again by
/// `deinit`), the second `close` could close a file another thread had just opened under the same number:
/// in the property test, the procedures' CSV then could not be read ("không đọc được tệp") in a build
/// that met a corrupt cache file.
final class CacheFileDescriptorTests: XCTestCase {
    func testAFailedCacheFileLeavesOtherThreadsFilesOpen() throws {
        let temporary = try TemporaryFolder("fd"), folder = temporary.path
        defer { temporary.remove() }
        let corrupt = folder + "/documents.bin", text = folder + "/cap-xa.csv"
        try Data("LOA-DOCUMENTS-5 hỏng".utf8).write(to: URL(fileURLWithPath: corrupt))
        let expected = Array(String(repeating: "Mã thủ tục,Tên thủ tục\n", count: 200).utf8)
        try Data(expected).write(to: URL(fileURLWithPath: text))

        let done = DispatchGroup()
        nonisolated(unsafe) var stop = false
        let failedReads = Tally()
        for _ in 0..<2 {
            DispatchQueue.global().async(group: done) {
                while !stop { if OutputWriter.readBytes(text) != expected { failedReads.add() } }
            }
        }
        var thrown = 0
        for _ in 0..<300_000 where (try? EntryFile(corrupt, magic: BuildCache.documentsMagic)) == nil { thrown += 1 }
        stop = true
        done.wait()
        XCTAssertEqual(thrown, 300_000)
        XCTAssertEqual(failedReads.value, 0, "reads on other threads failed while corrupt cache files were opened")
    }
}

/// A count shared by threads.
private final class Tally: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add() { lock.lock(); count += 1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return count }
}
