import ArgumentParser
import Foundation
import LoaCore
import LoaServer

@main
struct Loa: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "loa",
        abstract: "Loa — dựng cổng thông tin cải cách hành chính từ thư mục content/.",
        version: LoaVersion.current,
        subcommands: [Build.self, Check.self, Watch.self, Serve.self, New.self, Social.self, FixEncoding.self],
        defaultSubcommand: Build.self)
}

struct SiteOptions: ParsableArguments {
    @Option(name: .long, help: "Thư mục gốc của trang (chứa content/ và themes/).")
    var source: String = "."

    @Flag(name: .long, help: "Dựng cả các bài nháp (draft: true).")
    var drafts = false

    @Option(name: .long, help: "Thời điểm coi là hiện tại (2024-05-01 hoặc 2024-05-01T07:00:00+07:00), để thử lịch đăng.")
    var now: String?

    @Option(name: .customLong("base-url"), help: "Địa chỉ gốc thay cho base_url của site.yaml (bản xem trước).")
    var baseURL: String?

    @Option(name: .customLong("max-file-mb"), help: "Kích thước tối đa của một tệp văn bản (MB), mặc định 5.")
    var maxFileMB: Int = 5

    func options(output: String?, dryRun: Bool, gzip: Bool = false) throws -> BuildOptions {
        var moment: ContentDate?
        if let now {
            guard let parsed = ContentDate(parsing: now) else { throw ValidationError("--now không hợp lệ: \(now)") }
            moment = parsed
        }
        guard maxFileMB > 0 else { throw ValidationError("--max-file-mb phải lớn hơn 0") }
        var options = BuildOptions(root: source, output: output, includeDrafts: drafts, now: moment,
                                   baseURLOverride: baseURL, dryRun: dryRun, gzip: gzip)
        options.maxFileBytes = maxFileMB * 1024 * 1024
        return options
    }
}

/// Prints diagnostics the way editors and CI read them, and exits 1 on errors: never a stack trace.
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let failure as BuildFailure {
        for diagnostic in failure.diagnostics { printError(diagnostic.description) }
        let count = failure.errors.count
        printError("Dựng trang thất bại: \(count) lỗi. Trang cũ trong thư mục xuất vẫn giữ nguyên.")
        throw ExitCode(1)
    } catch let error as WriteError {
        printError("lỗi: \(error.description)")
        throw ExitCode(1)
    } catch let error as ExitCode {
        throw error
    } catch let error as ValidationError {
        throw error
    } catch {
        // A file-system error (disk full, permissions…): said plainly, never a stack trace.
        printError("lỗi: không ghi được trang — \(error.localizedDescription). Trang cũ trong thư mục xuất vẫn giữ nguyên.")
        throw ExitCode(1)
    }
}

/// One line: pages, what changed, time.
func summary(_ report: BuildReport) -> String {
    let c = report.changes
    let time = String(format: "%.2f", report.seconds)
    if report.upToDate {
        return "Không có gì thay đổi: \(report.pages) trang (\(report.files) tệp) đã đúng với nội dung, kiểm tra trong \(time) giây."
    }
    return "Đã dựng \(report.pages) trang (\(report.files) tệp: \(c.added.count) mới, \(c.modified.count) thay đổi, \(c.removed.count) xóa, \(c.unchanged) giữ nguyên) trong \(time) giây."
}

/// `--verbose`: seconds and peak memory per stage, and what the cache spared.
func printDetails(_ report: BuildReport) {
    print("thời gian: " + report.stages.enumerated().map { index, stage in
        let peak = index < report.stagePeaks.count ? " (đỉnh \(report.stagePeaks[index]) MB)" : ""
        return "\(stage.name) \(String(format: "%.3f", stage.seconds))s" + peak
    }.joined(separator: ", "))
    if let s = report.statistics {
        print("bộ nhớ đệm: \(s.inputsHashed) tệp nguồn băm lại; bài: \(s.documentsParsed) đọc lại, \(s.documentsCached) lấy từ bộ nhớ đệm; Markdown: \(s.markdownRendered) dựng lại, \(s.markdownCached) lấy lại; trang: \(s.pagesRendered) dựng lại, \(s.pagesReused) giữ nguyên; chỉ mục tìm kiếm: \(s.searchIndexReused ? "giữ nguyên" : "dựng lại")"
              + (s.copiesCompressed + s.copiesKept > 0 ? "; bản nén .gz: \(s.copiesCompressed) nén lại, \(s.copiesKept) giữ nguyên" : "")
              + (s.editedInPlace ? "; chỉ phần thân bài đổi: đã thay tại chỗ trong các tệp chứa nó" : ""))
    }
}

func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Dựng trang vào thư mục public/.")

    @OptionGroup var site: SiteOptions

    @Option(name: .long, help: "Thư mục xuất (mặc định: <source>/public).")
    var output: String?

    @Flag(name: .long, help: "Ghi thêm bản nén .gz (cố định từng byte) của các tệp HTML, CSS, JS, XML, JSON cho nginx gzip_static.")
    var gzip = false

    @Option(name: .long, help: "Ghi danh sách tệp thêm/sửa/xóa và thời điểm cần dựng lại tiếp theo (JSON) vào tệp này.")
    var changes: String?

    @Flag(name: .customLong("no-cache"), help: "Dựng lại toàn bộ, không dùng bộ nhớ đệm .loa-cache/.")
    var noCache = false

    @Flag(name: .long, help: "In thời gian từng bước và số liệu bộ nhớ đệm (tệp băm lại, bài đọc lại, trang dựng lại).")
    var verbose = false

    func run() throws {
        try reportingErrors {
            var options = try site.options(output: output, dryRun: false, gzip: gzip)
            options.useCache = !noCache
            options.exitsAfterBuild = true
            let report = try SiteBuilder.build(options) {
                printError("Đang chờ một lần dựng khác trên cùng thư mục kết thúc…")
            }
            for notice in report.notices { printError("lưu ý: \(notice)") }
            for warning in report.warnings { printError(warning.description) }
            if let changes {
                try OutputWriter.writeBytes(Array(ChangeManifest.json(report.changes, nextChange: report.nextChange).utf8), to: changes)
            }
            print(summary(report))
            if verbose { printDetails(report) }
        }
    }
}

struct Watch: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Dựng trang, rồi dựng lại mỗi khi content/ hoặc themes/ thay đổi.")

    @OptionGroup var site: SiteOptions

    @Option(name: .long, help: "Thư mục xuất (mặc định: <source>/public).")
    var output: String?

    @Flag(name: .long, help: "In thời gian từng bước và số liệu bộ nhớ đệm sau mỗi lần dựng.")
    var verbose = false

    func run() throws {
        setvbuf(stdout, nil, _IOLBF, 0)   // one line per rebuild, also through a pipe
        let watcher = try SiteWatcher(options: try site.options(output: output, dryRun: false))
        print("Đang theo dõi content/ và themes/ — nhấn Ctrl+C để dừng.")
        watcher.run(fixedNow: site.now != nil) { result, changed in
            let cause = changed.isEmpty ? "" : "(\(changed.prefix(3).joined(separator: ", "))\(changed.count > 3 ? "…" : "")) "
            switch result {
            case .success(let report):
                for notice in report.notices { printError("lưu ý: \(notice)") }
                for warning in report.warnings { printError(warning.description) }
                print(cause + summary(report))
                if verbose { printDetails(report) }
            case .failure(let failure as BuildFailure):
                for diagnostic in failure.diagnostics { printError(diagnostic.description) }
                printError("\(cause)Dựng trang thất bại: \(failure.errors.count) lỗi. Trang cũ vẫn giữ nguyên.")
            case .failure(let error):
                printError("lỗi: \(error)")
            }
        }
    }
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Xem trước trang trên máy này (127.0.0.1), tự tải lại khi nội dung thay đổi.")

    @OptionGroup var site: SiteOptions

    @Option(name: .long, help: "Cổng (mặc định 1313).")
    var port: Int = 1313

    @Option(name: .long, help: "Thư mục xuất của bản xem trước (mặc định: <source>/.loa-cache/serve, không đụng tới public/).")
    var output: String?

    func run() async throws {
        setvbuf(stdout, nil, _IOLBF, 0)
        let folder = output ?? (site.source.hasSuffix("/") ? site.source : site.source + "/") + ".loa-cache/serve"
        let server = try PreviewServer(options: try site.options(output: folder, dryRun: false), port: port) { text in
            print(text)
        }
        try await server.run(fixedNow: site.now != nil) {
            print("Xem trước tại http://127.0.0.1:\(port)/ — nhấn Ctrl+C để dừng.")
        }
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Kiểm tra nội dung, không ghi gì ra.")

    @OptionGroup var site: SiteOptions

    func run() throws {
        try reportingErrors {
            let report = try SiteBuilder.build(try site.options(output: nil, dryRun: true))
            for warning in report.warnings { printError(warning.description) }
            print("Nội dung hợp lệ: \(report.pages) trang, \(report.warnings.count) cảnh báo.")
        }
    }
}

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Tạo nội dung mới.", subcommands: [NewArticleCommand.self])
}

struct NewArticleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "article", abstract: "Tạo một bài viết mới (bản nháp).")

    @Argument(help: "Tiêu đề bài viết.")
    var title: String

    @Option(name: .long, help: "Thư mục gốc của trang.")
    var source: String = "."

    func run() throws {
        try reportingErrors {
            let path = try NewArticle.create(root: source, title: title, today: CalendarDay(instant: Date()))
            print("Đã tạo \(path)")
        }
    }
}

struct Social: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Đăng bài lên mạng xã hội (Zalo OA, Facebook).",
                                                    subcommands: [SocialPost.self])
}

extension SocialNetwork: ExpressibleByArgument {}

struct SocialPost: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "post",
        abstract: "Đăng các bài chưa đăng lên Zalo hoặc Facebook (token lấy từ biến môi trường).")

    @Option(name: .long, help: "Nơi đăng: zalo hoặc facebook.")
    var to: SocialNetwork

    @Flag(name: .customLong("dry-run"), help: "Chỉ in ra các bài sẽ đăng, không gửi gì.")
    var dryRun = false

    @Option(name: .long, help: "Số bài tối đa mỗi lần chạy (bài cũ nhất chưa đăng đi trước).")
    var limit = 10

    @Flag(name: .customLong("mark-posted"), help: "Ghi nhận mọi bài hiện có là đã đăng mà không đăng (dùng lần đầu, khi trang đã có nhiều bài cũ).")
    var markPosted = false

    @Option(name: .long, help: "Thư mục gốc của trang (chứa content/).")
    var source: String = "."

    @Option(name: .long, help: "Thời điểm coi là hiện tại (để thử lịch đăng).")
    var now: String?

    func run() throws {
        var moment: ContentDate?
        if let now {
            guard let parsed = ContentDate(parsing: now) else { throw ValidationError("--now không hợp lệ: \(now)") }
            moment = parsed
        }
        var options = SocialPostOptions(root: source, network: to, dryRun: dryRun, limit: limit, now: moment)
        options.markOnly = markPosted
        try reportingErrors {
            do {
                let report = try SocialPoster.run(options)
                printSocial(report, dryRun: dryRun)
                if !report.refused.isEmpty { throw ExitCode(1) }
            } catch let failure as SocialPostFailure {
                if !failure.report.posted.isEmpty { printSocial(failure.report, dryRun: dryRun) }
                printError("lỗi: \(failure.description)")
                throw ExitCode(1)
            }
        }
    }

    func printSocial(_ report: SocialPostReport, dryRun: Bool) {
        let network = report.network.label
        for (entry, id) in report.posted {
            if markPosted {
                print("\(dryRun ? "Sẽ ghi nhận" : "Đã ghi nhận") là đã đăng lên \(network) (không gửi): \(entry.title)")
            } else {
                print(dryRun ? "Sẽ đăng lên \(network): \(entry.title) — \(entry.url)" : "Đã đăng lên \(network): \(entry.title) (\(id))")
            }
        }
        for (entry, reason) in report.refused { printError("\(network) từ chối bài \(entry.id): \(reason)") }
        print("\(report.posted.count) bài \(dryRun ? "sẽ đăng" : "đã đăng"), \(report.alreadyPosted) bài đã đăng trước đó, \(report.remaining) bài chờ lần sau.")
    }
}

struct FixEncoding: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fix-encoding",
        abstract: "Chuyển tệp gõ bằng bảng mã cũ (TCVN3/ABC, VNI-Windows) sang Unicode UTF-8, giữ bản gốc .bak.")

    @Argument(help: "Các tệp cần chuyển.")
    var files: [String]

    func run() throws {
        var failed = 0
        for file in files {
            do {
                if let encoding = try LegacyEncoding.convertFile(at: file) {
                    let name = encoding == .tcvn3 ? "TCVN3 (ABC)" : "VNI-Windows"
                    print("\(file): đã chuyển từ \(name) sang Unicode UTF-8 (bản gốc giữ trong tệp .bak bên cạnh)")
                } else {
                    print("\(file): đã là Unicode UTF-8, không thay đổi")
                }
            } catch let error as LegacyEncodingError {
                printError(error.description)
                failed += 1
            }
        }
        if failed > 0 { throw ExitCode(1) }
    }
}
