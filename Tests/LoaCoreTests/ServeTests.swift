import Foundation
import XCTest
@testable import LoaCore
@testable import LoaServer

/// `loa serve` in-process on a free port: a page is served with the reload script, an edit produces a
/// `reload` event on the SSE stream and the new page; a broken file produces an `error` event with
/// path:line while the last good page stays served.
final class ServeTests: XCTestCase {
    func testServeRebuildsAndSendsReloadAndErrorEvents() async throws {
        let site = try ScratchSite(name: "serve")
        defer { site.remove() }
        site.write("content/site.yaml", ScratchSite.siteYAML())
        site.write("content/units.yaml", ScratchSite.unitsYAML([("an-son", "Xã An Sơn")]))
        site.write("content/articles/a.md", "---\ntitle: \"Bài đầu tiên\"\ndate: 2024-05-01\n---\nNội dung.\n")
        let port = try freePort()
        let options = BuildOptions(root: site.root, output: site.root + "/.loa-cache/serve",
                                   now: ContentDate(parsing: "2024-06-01")!)
        let server = try PreviewServer(options: options, port: port, say: { _ in })
        let ready = DispatchSemaphore(value: 0)
        let task = Task { try await server.run(fixedNow: true, logLevel: .critical) { ready.signal() } }
        defer { task.cancel() }
        XCTAssertEqual(ready.wait(timeout: .now() + 30), .success, "server did not start")

        let page = try await waitFor(port, "/tin-tuc/bai-dau-tien/") { $0.status == 200 }
        XCTAssertTrue(page.body.contains("Bài đầu tiên"))
        XCTAssertTrue(page.headers.lowercased().contains("content-type: text/html; charset=utf-8"))
        XCTAssertTrue(page.body.contains("<script src=\"/__loa/live.js\"></script>\n</body>"))
        let onDisk = try String(contentsOfFile: site.root + "/.loa-cache/serve/tin-tuc/bai-dau-tien/index.html", encoding: .utf8)
        XCTAssertFalse(onDisk.contains("live.js"), "the script is injected only in responses")
        let missing = try HTTPClient.get(port: port, path: "/khong-co/")
        XCTAssertEqual(missing.status, 404)
        XCTAssertEqual(try HTTPClient.get(port: port, path: "/assets/style.css").headers.lowercased().contains("text/css"), true)
        XCTAssertEqual(try HTTPClient.get(port: port, path: "/../etc/passwd").status, 404)

        let events = try EventStream(port: port)
        XCTAssertTrue(try events.read(until: ": loa", timeout: 10))
        site.write("content/articles/a.md", "---\ntitle: \"Bài đã sửa\"\ndate: 2024-05-01\nslug: bai-dau-tien\n---\nNội dung mới.\n")
        XCTAssertTrue(try events.read(until: "event: reload", timeout: 20), events.received)
        let edited = try HTTPClient.get(port: port, path: "/tin-tuc/bai-dau-tien/")
        XCTAssertTrue(edited.body.contains("Bài đã sửa"))

        site.write("content/articles/a.md", "---\ntitle: \"Bài hỏng\"\nunits: [ khong-co ]\ndate: 2024-05-01\nslug: bai-dau-tien\n---\nX\n")
        XCTAssertTrue(try events.read(until: "event: error", timeout: 20), events.received)
        XCTAssertTrue(try events.read(until: "content/articles/a.md:3:", timeout: 5), events.received)
        XCTAssertTrue(try HTTPClient.get(port: port, path: "/tin-tuc/bai-dau-tien/").body.contains("Bài đã sửa"), "last good site kept")
        let script = try HTTPClient.get(port: port, path: "/__loa/live.js")
        XCTAssertTrue(script.body.contains("EventSource") && script.body.contains("role"))

        // Once the server has stopped, its watcher writes nothing more: the site's folder, removed, stays gone.
        task.cancel()
        _ = await task.result
        site.remove()
        try await Task.sleep(nanoseconds: 1_200_000_000)
        XCTAssertFalse(FileManager.default.fileExists(atPath: site.root), "the watcher wrote after the server stopped")
    }

    func waitFor(_ port: Int, _ path: String, _ ok: (HTTPClient.Reply) -> Bool) async throws -> HTTPClient.Reply {
        for _ in 0..<100 {
            if let reply = try? HTTPClient.get(port: port, path: path), ok(reply) { return reply }
            try await Task.sleep(nanoseconds: 200_000_000)
        }
        throw WriteError(description: "no page at \(path)")
    }

    func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// A minimal blocking HTTP/1.1 client over a socket, with timeouts, for tests on 127.0.0.1.
enum HTTPClient {
    struct Reply { var status: Int; var headers: String; var body: String }

    static func connect(port: Int, timeout: Double) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var tv = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - Double(Int(timeout))) * 1e6))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        let ok = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard ok == 0 else { close(fd); throw WriteError(description: "connect failed") }
        return fd
    }

    static func send(_ fd: Int32, path: String) {
        let request = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        _ = request.withCString { Glibc.send(fd, $0, strlen($0), 0) }
    }

    static func get(port: Int, path: String) throws -> Reply {
        let fd = try connect(port: port, timeout: 10)
        defer { close(fd) }
        send(fd, path: path)
        var data = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n <= 0 { break }
            data += buffer[0..<n]
        }
        let text = String(decoding: data, as: UTF8.self)
        guard let split = text.range(of: "\r\n\r\n") else { throw WriteError(description: "no reply") }
        let head = String(text[..<split.lowerBound])
        let status = Int(head.split(separator: " ").dropFirst().first ?? "") ?? 0
        return Reply(status: status, headers: head, body: String(text[split.upperBound...]))
    }
}

/// An open SSE connection read incrementally.
final class EventStream {
    let fd: Int32
    private(set) var received = ""

    init(port: Int) throws {
        fd = try HTTPClient.connect(port: port, timeout: 0.5)
        HTTPClient.send(fd, path: PreviewServer.eventsPath)
    }

    deinit { close(fd) }

    /// Reads until `marker` has arrived (in text not yet consumed) or `timeout` seconds pass.
    func read(until marker: String, timeout: Double) throws -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            if let range = received.range(of: marker) {
                received = String(received[range.upperBound...])
                return true
            }
            if Date() > deadline { return false }
            let n = recv(fd, &buffer, buffer.count, 0)
            if n > 0 { received += String(decoding: buffer[0..<n], as: UTF8.self) } else if n == 0 { return false }
        }
    }
}
