import Foundation
import XCTest
@testable import LoaCore

/// `loa social post` end to end against a server on 127.0.0.1 answering like the Zalo and Facebook APIs.
final class SocialPostTests: XCTestCase {
    var site: FeedTestSite!
    var server: FakeSocialServer?
    var sleeps: [Double] = []

    override func setUpWithError() throws {
        site = try FeedTestSite.standard()
    }

    override func tearDown() {
        server?.stop()
        site.remove()
        super.tearDown()
    }

    /// The six articles that may be shared, oldest first: never the expired, draft or scheduled ones.
    let shareable = ["tin-tuc/bai-2/", "tin-tuc/bai-3/", "tin-tuc/bai-4/", "tin-tuc/bai-5/", "tin-tuc/bai-6/",
                     "tin-tuc/tin-dac-biet/"]

    func options(_ network: SocialNetwork, scenario: String, token: String = "good-token",
                 dryRun: Bool = false, timeout: Double = 5) throws -> SocialPostOptions {
        let server = try FakeSocialServer(scenario: scenario)
        self.server = server
        let env = network == .zalo
            ? ["LOA_ZALO_TOKEN": token, "LOA_ZALO_API": server.api]
            : ["LOA_FACEBOOK_TOKEN": token, "LOA_FACEBOOK_PAGE_ID": "123456", "LOA_FACEBOOK_API": server.api]
        var options = SocialPostOptions(root: site.root, network: network, dryRun: dryRun, now: FeedTestSite.now, environment: env)
        options.timeout = timeout
        options.backoff = 0.5
        return options
    }

    func run(_ options: SocialPostOptions) throws -> SocialPostReport {
        try SocialPoster.run(options) { self.sleeps.append($0) }
    }

    func state() throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: site.root + "/" + SocialState.file))
        return try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    func testZaloSuccessPostsOldestFirstAndRecordsState() throws {
        let report = try run(try options(.zalo, scenario: "ok"))
        XCTAssertEqual(report.posted.map(\.entry.id), shareable)
        XCTAssertEqual(report.posted.map(\.id), (1...6).map { "zalo-article-\($0)" })
        let requests = try XCTUnwrap(server?.requests)
        XCTAssertEqual(requests.count, 6)
        let first = requests[5]
        XCTAssertEqual(first["path"] as? String, "/v2.0/article/create")
        XCTAssertEqual((first["headers"] as? [String: String])?.first { $0.key.lowercased() == "access_token" }?.value, "good-token")
        let body = try XCTUnwrap(JSONSerialization.jsonObject(with: Data((first["body"] as? String ?? "").utf8)) as? [String: Any])
        XCTAssertEqual(body["type"] as? String, "normal")
        XCTAssertEqual(body["status"] as? String, "show")
        XCTAssertEqual(body["author"] as? String, "Trung tâm Văn hóa, Thể thao và Truyền thông huyện…")
        XCTAssertLessThanOrEqual((body["author"] as? String ?? "").count, 50)
        XCTAssertEqual((body["cover"] as? [String: Any])?["photo_url"] as? String, "https://cchc.example.gov.vn/media/anh.png")
        XCTAssertEqual((body["cover"] as? [String: Any])?["cover_type"] as? String, "photo")
        XCTAssertEqual(((body["body"] as? [[String: Any]])?.first)?["type"] as? String, "text")
        let zalo = try XCTUnwrap(try state()["zalo"] as? [String: [String: String]])
        XCTAssertEqual(zalo.keys.sorted(), shareable.sorted())
        XCTAssertEqual(zalo["tin-tuc/bai-2/"]?["id"], "zalo-article-1")
        XCTAssertEqual(zalo["tin-tuc/bai-2/"]?["posted_at"], "2025-06-01T12:00:00+07:00")
        XCTAssertTrue(sleeps.isEmpty)
    }

    func testSecondRunDoesNotPostTwice() throws {
        let options = try options(.zalo, scenario: "ok")
        _ = try run(options)
        let stateText = try String(contentsOfFile: site.root + "/" + SocialState.file, encoding: .utf8)
        let again = try run(options)
        XCTAssertTrue(again.posted.isEmpty)
        XCTAssertEqual(again.alreadyPosted, 6)
        XCTAssertEqual(server?.requests.count, 6)
        XCTAssertEqual(try String(contentsOfFile: site.root + "/" + SocialState.file, encoding: .utf8), stateText)
        // a new article is the only one posted next time
        try site.write("content/articles/moi.md", Array(FeedTestSite.article("moi", date: "2025-05-31").utf8))
        XCTAssertEqual(try run(options).posted.map(\.entry.id), ["tin-tuc/moi/"])
    }

    func testFacebookRequestShape() throws {
        var options = try options(.facebook, scenario: "ok")
        options.limit = 2
        let report = try run(options)
        XCTAssertEqual(report.posted.map(\.id), ["123456_1", "123456_2"])
        XCTAssertEqual(report.remaining, 4)
        let request = try XCTUnwrap(server?.requests.first)
        XCTAssertEqual(request["path"] as? String, "/v19.0/123456/feed")
        let fields = try XCTUnwrap(URLComponents(string: "?" + (request["body"] as? String ?? ""))?.queryItems)
        XCTAssertEqual(fields.map(\.name), ["message", "link", "access_token"])
        XCTAssertEqual(fields[1].value, "https://cchc.example.gov.vn/tin-tuc/bai-2/")
        XCTAssertEqual(fields[2].value, "good-token")
        XCTAssertTrue(fields[0].value?.hasPrefix("Bài bai-2\n\n") ?? false, "\(fields)")
        XCTAssertEqual((try state()["facebook"] as? [String: Any])?.count, 2)
    }

    func testRetriesAfterA5xx() throws {
        let report = try run(try options(.zalo, scenario: "flaky"))
        XCTAssertEqual(report.posted.map(\.entry.id), shareable)
        XCTAssertEqual(server?.requests.count, 7)
        XCTAssertEqual(sleeps, [0.5])
    }

    func testRetriesAfterATimeout() throws {
        let report = try run(try options(.facebook, scenario: "slow", timeout: 1))
        XCTAssertEqual(report.posted.count, 6)
        XCTAssertEqual(sleeps, [0.5])
    }

    func testRateLimitBeyondTheCapStopsWithAClearMessage() throws {
        XCTAssertThrowsError(try run(try options(.zalo, scenario: "ratelimit"))) { error in
            let failure = error as? SocialPostFailure
            guard case .rateLimited(.zalo, let after)? = failure?.error else { return XCTFail("\(error)") }
            XCTAssertEqual(after, 120)
            XCTAssertTrue(failure!.description.contains("giới hạn"), failure!.description)
            XCTAssertTrue(failure!.description.contains("120 giây"), failure!.description)
        }
        XCTAssertEqual(server?.requests.count, 1)
        XCTAssertFalse(FileManager.default.fileExists(atPath: site.root + "/" + SocialState.file))
    }

    func testShortRetryAfterIsHonoured() throws {
        let report = try run(try options(.zalo, scenario: "ratelimit1"))
        XCTAssertEqual(report.posted.count, 6)
        XCTAssertEqual(sleeps, [1])
    }

    func testBadTokenFailsInVietnameseAndPostsNothing() throws {
        for network in SocialNetwork.allCases {
            XCTAssertThrowsError(try run(try options(network, scenario: "ok", token: "sai"))) { error in
                guard case .badToken(network, _)? = (error as? SocialPostFailure)?.error else { return XCTFail("\(error)") }
                XCTAssertTrue("\(error)".contains("không hợp lệ hoặc đã hết hạn"))
                XCTAssertTrue("\(error)".contains(network.tokenVariable))
            }
            XCTAssertEqual(server?.requests.count, 1, "a bad token is not retried")
            server?.stop()
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: site.root + "/" + SocialState.file))
    }

    func testRefusedArticlesAreReportedAndNotRecorded() throws {
        let report = try run(try options(.facebook, scenario: "refuse"))
        XCTAssertEqual(report.refused.count, 6)
        XCTAssertTrue(report.posted.isEmpty)
        XCTAssertFalse(FileManager.default.fileExists(atPath: site.root + "/" + SocialState.file))
    }

    func testMissingTokenNamesTheVariables() throws {
        let options = SocialPostOptions(root: site.root, network: .facebook, now: FeedTestSite.now, environment: [:])
        XCTAssertThrowsError(try run(options)) { error in
            XCTAssertTrue("\(error)".contains("LOA_FACEBOOK_TOKEN, LOA_FACEBOOK_PAGE_ID"), "\(error)")
        }
    }

    func testDryRunSendsNothing() throws {
        let report = try run(try options(.zalo, scenario: "ok", dryRun: true))
        XCTAssertEqual(report.posted.map(\.entry.id), shareable)
        XCTAssertEqual(report.requests.count, 6)
        XCTAssertEqual(server?.requests.count, 0)
        XCTAssertFalse(FileManager.default.fileExists(atPath: site.root + "/" + SocialState.file))
    }

    func testUnreadableStateStopsBeforePosting() throws {
        try site.write(SocialState.file, Array("{ hỏng".utf8))
        XCTAssertThrowsError(try run(try options(.zalo, scenario: "ok")))
        XCTAssertEqual(server?.requests.count, 0)
    }

    // MARK: - The `loa` executable

    func testCommandLineEndToEnd() throws {
        let loa = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("loa").path
        guard FileManager.default.isExecutableFile(atPath: loa) else { throw XCTSkip("the loa executable is not built next to the tests") }
        let server = try FakeSocialServer(scenario: "ok")
        self.server = server
        func loaRun(_ token: String) throws -> (Int32, String, String) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: loa)
            process.arguments = ["social", "post", "--to", "zalo", "--source", site.root, "--now", "2025-06-01T12:00:00+07:00"]
            process.environment = ["LOA_ZALO_TOKEN": token, "LOA_ZALO_API": server.api, "PATH": "/usr/bin:/bin"]
            let out = Pipe(), err = Pipe()
            process.standardOutput = out
            process.standardError = err
            try process.run()
            let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return (process.terminationStatus, stdout, stderr)
        }
        let bad = try loaRun("sai")
        XCTAssertEqual(bad.0, 1)
        XCTAssertTrue(bad.2.contains("lỗi: Mã truy cập (token) Zalo không hợp lệ"), bad.2)
        let good = try loaRun("good-token")
        XCTAssertEqual(good.0, 0, good.2)
        XCTAssertTrue(good.1.contains("6 bài đã đăng, 0 bài đã đăng trước đó"), good.1)
        let again = try loaRun("good-token")
        XCTAssertTrue(again.1.contains("0 bài đã đăng, 6 bài đã đăng trước đó"), again.1)
        XCTAssertEqual(server.requests.count, 7)
    }
}

extension SocialPostTests {
    func testMarkPostedRecordsTheBacklogWithoutSending() throws {
        var options = try options(.zalo, scenario: "ok")
        options.markOnly = true
        XCTAssertEqual(try run(options).posted.count, 6)
        XCTAssertEqual(server?.requests.count, 0)
        options.markOnly = false
        XCTAssertEqual(try run(options).posted.count, 0)
        XCTAssertEqual(server?.requests.count, 0)
    }
}
