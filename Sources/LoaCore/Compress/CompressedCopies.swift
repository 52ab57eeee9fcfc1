import Foundation

/// `--gzip` as the pages stream: each compressible file's job is followed by the job of its `.gz` copy.
/// The two share the file's contents, made once (by whichever runs first: the cores take jobs in order, so
/// the two run together) and released when both have used them, so the site is never all in memory. With
/// the build cache, a copy is keyed by the hash of the file it compresses: when that file is unchanged and
/// the old copy is current, the copy is kept like a page (and recorded, so a no-op rebuild is found with
/// `--gzip` too); otherwise it is compressed again.
enum CompressedCopies {
    static func isCompressible(_ path: String) -> Bool {
        guard let dot = path.lastIndex(of: ".") else { return false }
        return Gzip.extensions.contains(path[path.index(after: dot)...].lowercased())
    }

    /// `jobs` with a `.gz` job after each compressible one. `cache` and `output`: to keep and record copies
    /// (the jobs are then the cache's, `BuildCache.reusing`); call before the write, which drops the
    /// output's manifest. A source that cannot be read is logged as an error, which stops the build before
    /// the swap.
    static func interleaving(_ jobs: [RenderJob], cache: BuildCache?, output: String, log: DiagnosticLog) -> [RenderJob] {
        let previous = cache?.manifest(for: output)
        var result: [RenderJob] = []
        result.reserveCapacity(jobs.count * 2)
        for job in jobs {
            guard isCompressible(job.path) else { result.append(job); continue }
            let shared = SharedContents { job.contents() }
            var original = RenderJob(path: job.path) { shared.take() }
            original.group = job.group
            let path = job.path + ".gz"
            var copy = RenderJob(path: path) {
                let contents = shared.take()
                func compressed() -> OutputFile.Contents {
                    guard let bytes = bytes(of: contents) else {
                        log.error(path, nil, "không đọc được tệp để nén: \(job.path)")
                        return .bytes([])
                    }
                    return .bytes(Gzip.compress(bytes))
                }
                guard let cache else { return compressed() }
                return cache.reusingCopy(path, previous: previous, output: output,
                                         key: key(compressing: cache.recordedContentHash(job.path)), make: compressed)
            }
            copy.group = job.group
            result.append(original)
            result.append(copy)
        }
        return result
    }

    /// 0 (never reused) when the source's hash is unknown.
    static func key(compressing contentHash: UInt64?) -> UInt64 {
        guard let contentHash, contentHash != 0 else { return 0 }
        var h = XXHash64(seed: 0x6A1F)
        h.update(contentHash)
        return h.finish()
    }

    static func bytes(of contents: OutputFile.Contents) -> [UInt8]? {
        switch contents {
        case .bytes(let bytes): return bytes
        case .copy(let source), .kept(let source, _): return OutputWriter.readBytes(source)
        }
    }

    /// The contents of one job, made once for two users and then released.
    final class SharedContents: @unchecked Sendable {
        private let lock = NSLock()
        private var make: (() -> OutputFile.Contents)?
        private var contents: OutputFile.Contents?
        private var users = 2

        init(_ make: @escaping () -> OutputFile.Contents) { self.make = make }

        func take() -> OutputFile.Contents {
            lock.lock(); defer { lock.unlock() }
            if contents == nil, let make { contents = make(); self.make = nil }
            let taken = contents!
            users -= 1
            if users == 0 { contents = nil }
            return taken
        }
    }
}
