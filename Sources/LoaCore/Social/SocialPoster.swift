import Foundation

public struct SocialPostOptions: Sendable {
    /// The site root (holding `content/`).
    public var root: String
    public var network: SocialNetwork
    public var dryRun: Bool
    /// At most this many articles per run (oldest not yet posted first).
    public var limit: Int
    /// Decides what is published (drafts, publish_at, expires); the clock by default.
    public var now: ContentDate
    public var environment: [String: String]
    /// Record every pending article as posted without sending anything (first run on a site with a backlog).
    public var markOnly = false
    public var maxAttempts = 3
    /// First backoff delay in seconds; doubled on each further try.
    public var backoff = 2.0
    /// The longest `Retry-After` honoured; a longer wait stops the run.
    public var maxRetryAfter = 60.0
    public var timeout = 30.0

    public init(root: String, network: SocialNetwork, dryRun: Bool = false, limit: Int = 10, now: ContentDate? = nil,
                environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.root = root
        self.network = network
        self.dryRun = dryRun
        self.limit = limit
        self.now = now ?? ContentDate(instant: Date())
        self.environment = environment
    }
}

public struct SocialPostReport: Sendable {
    public var network: SocialNetwork
    /// Posted in this run (or, in a dry run, that would be), in posting order.
    public var posted: [(entry: OutboxEntry, id: String)] = []
    /// Published articles already in the state file.
    public var alreadyPosted = 0
    /// Not posted in this run because of `limit`.
    public var remaining = 0
    /// Articles the API refused, with its reason; the run went on with the next one.
    public var refused: [(entry: OutboxEntry, reason: String)] = []
    /// Requests sent (or shown in a dry run) — the network calls are all here, for `--dry-run` and tests.
    public var requests: [HTTPRequest] = []
}

public enum SocialPostError: Error, CustomStringConvertible, Sendable {
    case missingEnvironment(SocialNetwork, [String])
    case badToken(SocialNetwork, String)
    case rateLimited(SocialNetwork, retryAfter: Double?)
    case unavailable(SocialNetwork, String)
    case unreadableState(String)
    case unwritableState(String, String)

    public var description: String {
        switch self {
        case .missingEnvironment(let n, let names):
            return "Thiếu biến môi trường \(names.joined(separator: ", ")) để đăng lên \(n.label). Hãy đặt mã truy cập (token) vào biến môi trường, không ghi vào tệp nội dung."
        case .badToken(let n, let detail):
            return "Mã truy cập (token) \(n.label) không hợp lệ hoặc đã hết hạn (\(detail)). Hãy tạo token mới và đặt lại biến \(n.tokenVariable)."
        case .rateLimited(let n, let after):
            let wait = after.map { "khoảng \(Int($0.rounded(.up))) giây" } ?? "ít phút"
            return "\(n.label) đang giới hạn số lần đăng. Hãy chạy lại sau \(wait); các bài đã đăng được ghi nhận nên sẽ không đăng lại."
        case .unavailable(let n, let detail):
            return "Không kết nối được với \(n.label) sau nhiều lần thử (\(detail)). Hãy thử lại sau."
        case .unreadableState(let file):
            return "Không đọc được \(file) — tệp ghi nhận các bài đã đăng bị hỏng. Hãy khôi phục tệp từ git trước khi đăng, để tránh đăng trùng."
        case .unwritableState(let file, let detail):
            return "Không ghi được \(file) (\(detail)). Bài vừa đăng chưa được ghi nhận — hãy ghi thủ công trước khi chạy lại."
        }
    }
}

/// A run that stopped part way: what was done before the error.
public struct SocialPostFailure: Error, CustomStringConvertible, Sendable {
    public var error: SocialPostError
    public var report: SocialPostReport
    public var description: String { error.description }
}

/// `loa social post`: posts the published articles not posted before, one request at a time, and records
/// each success in the state file at once.
public enum SocialPoster {
    public static func run(_ options: SocialPostOptions, transport: HTTPTransport = URLSessionTransport(),
                           sleep: (Double) -> Void = { Thread.sleep(forTimeInterval: $0) }) throws -> SocialPostReport {
        let entries = try outbox(options)
        var state = try SocialState.load(root: options.root)
        var report = SocialPostReport(network: options.network)
        let pending = entries.filter { !state.isPosted($0.id, to: options.network) }
            .sorted { ($0.published, $0.id) < ($1.published, $1.id) }
        report.alreadyPosted = entries.count - pending.count
        let batch = pending.prefix(max(0, options.limit))
        report.remaining = pending.count - batch.count

        if options.markOnly {
            for entry in pending where !options.dryRun {
                state.record(entry.id, on: options.network, post: .init(id: "", postedAt: options.now.rfc3339, title: entry.title))
            }
            report.posted = pending.map { ($0, "") }
            report.remaining = 0
            if !options.dryRun, !pending.isEmpty { try state.save(root: options.root) }
            return report
        }
        if options.dryRun {
            let credentials = (try? options.network.credentials(options.environment).get())
                ?? SocialNetwork.Credentials(token: "<token>", pageID: "<page-id>", api: options.network.defaultAPI)
            for entry in batch {
                report.requests.append(options.network.request(for: entry, credentials: credentials))
                report.posted.append((entry, ""))
            }
            return report
        }
        let credentials: SocialNetwork.Credentials
        switch options.network.credentials(options.environment) {
        case .success(let c): credentials = c
        case .failure(let error): throw SocialPostFailure(error: error, report: report)
        }
        for entry in batch {
            let request = options.network.request(for: entry, credentials: credentials)
            do {
                switch try send(request, options: options, transport: transport, sleep: sleep, report: &report) {
                case .posted(let id):
                    report.posted.append((entry, id))
                    state.record(entry.id, on: options.network,
                                 post: .init(id: id, postedAt: options.now.rfc3339, title: entry.title))
                    try state.save(root: options.root)
                case .refused(let reason):
                    report.refused.append((entry, reason))
                default:
                    break
                }
            } catch let error as SocialPostError {
                throw SocialPostFailure(error: error, report: report)
            }
        }
        return report
    }

    /// One article, tried at most `maxAttempts` times: backoff on 5xx and timeouts, `Retry-After` honoured
    /// up to `maxRetryAfter`. Returns `.posted` or `.refused`; throws when the run has to stop.
    static func send(_ request: HTTPRequest, options: SocialPostOptions, transport: HTTPTransport,
                     sleep: (Double) -> Void, report: inout SocialPostReport) throws -> SocialNetwork.Outcome {
        let network = options.network
        var lastProblem = ""
        for attempt in 1...max(1, options.maxAttempts) {
            report.requests.append(request)
            let isLast = attempt == options.maxAttempts
            let backoff = options.backoff * pow(2, Double(attempt - 1))
            switch transport.send(request, timeout: options.timeout) {
            case .failure(.timedOut):
                lastProblem = "hết thời gian chờ \(Int(options.timeout)) giây"
                if !isLast { sleep(backoff) }
            case .failure(.unreachable(let detail)):
                lastProblem = detail
                if !isLast { sleep(backoff) }
            case .success(let response):
                switch network.outcome(of: response) {
                case .posted(let id): return .posted(id: id)
                case .refused(let reason): return .refused(reason)
                case .badToken(let detail): throw SocialPostError.badToken(network, detail)
                case .retryable(let detail):
                    lastProblem = detail
                    if !isLast { sleep(backoff) }
                case .rateLimited(let after):
                    guard let after, after <= options.maxRetryAfter, !isLast else {
                        throw SocialPostError.rateLimited(network, retryAfter: after)
                    }
                    sleep(after)
                }
            }
        }
        throw SocialPostError.unavailable(network, lastProblem)
    }

    /// The outbox as `loa build` would write it now: published, not draft, not expired.
    public static func outbox(_ options: SocialPostOptions) throws -> [OutboxEntry] {
        let log = DiagnosticLog()
        let sources = SourceFiles(root: options.root)
        guard let content = ContentLoader.load(sources, log: log) else { throw BuildFailure(log.all) }
        try log.throwIfErrors()
        let site = SiteResolver.resolve(content, options: ResolveOptions(includeDrafts: false, now: options.now), log: log)
        try log.throwIfErrors()
        let sharing = SharingContext.prepare(site, theme: site.config.theme, sources: sources, log: DiagnosticLog())
        return Outbox.entries(site, sharing: sharing)
    }
}
