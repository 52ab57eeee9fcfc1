import Foundation
import XCTest

/// `Tests/social/fake_social_server.py` on 127.0.0.1 with a port the system picks; stopped by `stop()`.
final class FakeSocialServer {
    let process = Process()
    let log: String
    private(set) var port = 0

    var api: String { "http://127.0.0.1:\(port)" }

    init(scenario: String) throws {
        log = NSTemporaryDirectory() + "loa-social-\(UUID().uuidString).jsonl"
        FileManager.default.createFile(atPath: log, contents: nil)
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", FeedTestSite.repoRoot + "/Tests/social/fake_social_server.py", scenario, log]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        // The first line is "PORT <n>"; wait for it at most 10 seconds.
        let ready = DispatchSemaphore(value: 0)
        let reader = out.fileHandleForReading
        final class Box: @unchecked Sendable { var line = "" }
        let box = Box()
        DispatchQueue.global().async {
            var bytes: [UInt8] = []
            while true {
                let chunk = reader.readData(ofLength: 1)
                if chunk.isEmpty || chunk.first == UInt8(ascii: "\n") { break }
                bytes.append(chunk.first!)
            }
            box.line = String(decoding: bytes, as: UTF8.self)
            ready.signal()
        }
        guard ready.wait(timeout: .now() + 10) == .success, box.line.hasPrefix("PORT "),
              let port = Int(box.line.dropFirst(5)) else {
            stop()
            throw XCTSkip("python3 could not start the fake social server: \(box.line)")
        }
        self.port = port
    }

    /// Every request received, in order.
    var requests: [[String: Any]] {
        let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }

    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(atPath: log)
    }
}
