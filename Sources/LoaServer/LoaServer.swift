import Foundation
import Hummingbird
import LoaCore
import Logging
import NIOCore

/// `loa serve`: rebuilds on every change (as `loa watch`) and serves the output on 127.0.0.1, with live
/// reload through Server-Sent Events. The reload script is added to HTML responses on the way out, never
/// to the files in the output folder.
public final class PreviewServer: @unchecked Sendable {
    public let options: BuildOptions
    public let port: Int
    let hub = EventHub()
    let watcher: SiteWatcher
    let stopFlag = StopFlag()
    let say: @Sendable (String) -> Void

    /// `options.output` should be a preview folder (the CLI uses `.loa-cache/serve`): the pages carry the
    /// local address as their base URL.
    public init(options: BuildOptions, port: Int, say: @escaping @Sendable (String) -> Void = { print($0) }) throws {
        var options = options
        options.baseURLOverride = options.baseURLOverride ?? "http://127.0.0.1:\(port)/"
        self.options = options
        self.port = port
        self.say = say
        watcher = try SiteWatcher(options: options)
    }

    public static let eventsPath = "/__loa/events"
    public static let scriptPath = "/__loa/live.js"

    /// Serves until the task is cancelled (tests) or the process is interrupted (`serveForever`).
    public func run(fixedNow: Bool = false, logLevel: Logger.Level = .warning,
                    onReady: @escaping @Sendable () -> Void = {}) async throws {
        let hub = self.hub, output = options.output
        let stopped = DispatchSemaphore(value: 0)
        let thread = Thread { [self] in
            defer { stopped.signal() }
            watcher.run(fixedNow: fixedNow, shouldStop: { stopFlag.isSet }) { result, changed in
                let message = PreviewServer.describe(result, changed: changed)
                say(message)
                let event: ServerEvent
                switch result {
                case .success: event = .reload
                case .failure(let error): event = .error(PreviewServer.diagnostics(error))
                }
                let done = DispatchSemaphore(value: 0)
                Task { await hub.publish(event); done.signal() }
                done.wait()
            }
        }
        thread.start()
        let responder = CallbackResponder<BasicRequestContext> { request, _ in
            try await PreviewServer.respond(request, output: output, hub: hub)
        }
        var logger = Logger(label: "loa")
        logger.logLevel = logLevel
        let app = Application(responder: responder,
                              configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: "loa"),
                              onServerRunning: { _ in onReady() }, logger: logger)
        do { try await app.run() } catch {
            await stopWatching(stopped)
            throw error
        }
        await stopWatching(stopped)
    }

    /// Stops the watcher and waits for it (the next tick, or the end of the build in progress and of its
    /// saving): once `run` returns, nothing writes to the output or the cache any more. Waited for off the
    /// cooperative threads, which the watcher needs to tell the browsers about a build still finishing.
    private func stopWatching(_ stopped: DispatchSemaphore) async {
        stopFlag.set()
        await withCheckedContinuation { (resume: CheckedContinuation<Void, Never>) in
            DispatchQueue.global().async {
                stopped.wait()
                resume.resume()
            }
        }
    }

    static func describe(_ result: Result<BuildReport, Error>, changed: [String]) -> String {
        let cause = changed.isEmpty ? "" : "(\(changed.prefix(3).joined(separator: ", "))\(changed.count > 3 ? "…" : "")) "
        switch result {
        case .success(let report):
            let c = report.changes
            return "\(cause)Đã dựng lại: \(c.added.count) mới, \(c.modified.count) thay đổi, \(c.removed.count) xóa trong \(String(format: "%.2f", report.seconds)) giây."
        case .failure(let error):
            return "\(cause)Dựng trang thất bại, vẫn phục vụ bản tốt gần nhất:\n" + diagnostics(error)
        }
    }

    static func diagnostics(_ error: Error) -> String {
        if let failure = error as? BuildFailure { return failure.errors.map(\.description).joined(separator: "\n") }
        return "\(error)"
    }

    // MARK: - Responses

    static func respond(_ request: Request, output: String, hub: EventHub) async throws -> Response {
        let path = request.uri.path.removingPercentEncoding ?? request.uri.path
        if path == eventsPath { return await events(hub) }
        if path == scriptPath {
            return Response(status: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "no-store"],
                            body: .init(byteBuffer: ByteBuffer(string: liveScript)))
        }
        guard request.method == .get || request.method == .head else {
            return Response(status: .methodNotAllowed)
        }
        if let file = resolve(path, in: output), let data = FileManager.default.contents(atPath: file) {
            return page(data, type: contentType(file), status: .ok)
        }
        let missing = FileManager.default.contents(atPath: output + "/404.html") ?? Data("<p>404</p>".utf8)
        return page(missing, type: "text/html; charset=utf-8", status: .notFound)
    }

    static func page(_ data: Data, type: String, status: HTTPResponse.Status) -> Response {
        var bytes = data
        if type.hasPrefix("text/html") { bytes = injectScript(data) }
        return Response(status: status, headers: [.contentType: type, .cacheControl: "no-store"],
                        body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// The file a URL path names inside the output folder: `index.html` for folders, nothing outside it.
    public static func resolve(_ path: String, in output: String) -> String? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        if parts.contains(where: { $0 == ".." || $0 == "." || $0.contains("\0") || $0.hasPrefix(".") }) { return nil }
        var file = output + "/" + parts.joined(separator: "/")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory) else { return nil }
        if isDirectory.boolValue {
            file += "/index.html"
            guard FileManager.default.fileExists(atPath: file) else { return nil }
        }
        return file
    }

    public static func contentType(_ file: String) -> String {
        switch (file as NSString).pathExtension.lowercased() {
        case "html", "htm": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js": return "text/javascript; charset=utf-8"
        case "json": return "application/json"
        case "xml": return "application/xml; charset=utf-8"
        case "rss": return "application/rss+xml; charset=utf-8"
        case "atom": return "application/atom+xml; charset=utf-8"
        case "txt": return "text/plain; charset=utf-8"
        case "svg": return "image/svg+xml"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "gif": return "image/gif"
        case "webp": return "image/webp"
        case "ico": return "image/x-icon"
        case "pdf": return "application/pdf"
        case "woff2": return "font/woff2"
        case "csv": return "text/csv; charset=utf-8"
        case "docx": return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        case "xlsx": return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        default: return "application/octet-stream"
        }
    }

    /// Adds the live-reload script before the last `</body>` (or at the end).
    public static func injectScript(_ data: Data) -> Data {
        let tag = Data("<script src=\"\(scriptPath)\"></script>\n".utf8)
        var html = data
        let lower = Data(String(decoding: data, as: UTF8.self).lowercased().utf8)
        if lower.count == data.count, let range = lower.range(of: Data("</body>".utf8), options: .backwards) {
            html.insert(contentsOf: tag, at: range.lowerBound)
        } else {
            html.append(tag)
        }
        return html
    }

    static func events(_ hub: EventHub) async -> Response {
        let stream = await hub.subscribe()
        return Response(status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-store"],
                        body: ResponseBody { writer in
                            try await writer.write(ByteBuffer(string: ": loa\n\n"))
                            for await event in stream { try await writer.write(ByteBuffer(string: event.text)) }
                            try await writer.finish(nil)
                        })
    }

    static let liveScript = """
    (function () {
      "use strict";
      var source = new EventSource("\(eventsPath)");
      var box = null;
      source.addEventListener("reload", function () { location.reload(); });
      source.addEventListener("error", function (event) {
        if (!event.data) return;
        if (!box) {
          box = document.createElement("div");
          box.setAttribute("role", "alert");
          box.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;" +
            "background:#fff5f5;color:#7a0000;border-top:4px solid #c00;padding:1em;font:14px/1.5 monospace";
          var title = document.createElement("strong");
          title.textContent = "Dựng trang thất bại — trang đang hiển thị là bản tốt gần nhất. Sửa các lỗi sau:";
          var list = document.createElement("pre");
          list.style.whiteSpace = "pre-wrap";
          box.appendChild(title);
          box.appendChild(list);
          document.body.appendChild(box);
        }
        box.lastChild.textContent = event.data;
      });
    })();

    """
}

enum ServerEvent: Sendable {
    case reload
    case error(String)

    /// The SSE frame: `event:` line, one `data:` line per text line, blank line.
    var text: String {
        switch self {
        case .reload: return "event: reload\ndata: ok\n\n"
        case .error(let message):
            let lines = message.split(separator: "\n", omittingEmptySubsequences: false).map { "data: \($0)" }
            return "event: error\n" + lines.joined(separator: "\n") + "\n\n"
        }
    }
}

/// The open event streams; a stream opened after a failed build gets the errors at once.
actor EventHub {
    var subscribers: [UUID: AsyncStream<ServerEvent>.Continuation] = [:]
    var lastError: String?

    func subscribe() -> AsyncStream<ServerEvent> {
        let id = UUID()
        let (stream, continuation) = AsyncStream<ServerEvent>.makeStream()
        subscribers[id] = continuation
        continuation.onTermination = { _ in Task { await self.remove(id) } }
        if let lastError { continuation.yield(.error(lastError)) }
        return stream
    }

    func remove(_ id: UUID) { subscribers[id] = nil }

    func publish(_ event: ServerEvent) {
        if case .error(let text) = event { lastError = text } else { lastError = nil }
        for continuation in subscribers.values { continuation.yield(event) }
    }
}

final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }
    func set() { lock.lock(); value = true; lock.unlock() }
}
