import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One build at a time per output folder: a second build waits for the first (flock), so outputs never
/// interleave. The lock is released by the kernel if the process dies.
public final class BuildLock {
    private let fd: Int32

    /// `onWait` is called once if another build holds the lock, so the CLI can say it is waiting.
    public init(output: String, onWait: () -> Void = {}) throws {
        let url = URL(fileURLWithPath: output).standardizedFileURL
        let parent = url.deletingLastPathComponent().path
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        let path = "\(parent)/.\(url.lastPathComponent).lock"
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw WriteError(description: "không tạo được tệp khóa \(path)") }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            onWait()
            // On a throw, `deinit` closes the file (the object is fully initialized): closing it here too
            // would close it twice.
            guard flock(fd, LOCK_EX) == 0 else { throw WriteError(description: "không khóa được \(path)") }
        }
    }

    deinit {
        guard fd >= 0 else { return }
        flock(fd, LOCK_UN)
        close(fd)
    }
}
