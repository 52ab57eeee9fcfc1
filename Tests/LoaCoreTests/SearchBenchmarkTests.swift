import Foundation
import XCTest
@testable import LoaCore

/// The 10,000-article benchmark: the first query of a visitor downloads under 300 KB of index.
final class SearchBenchmarkTests: XCTestCase {
    /// Syllables of administrative Vietnamese, most frequent first (picked with a Zipf-like weight).
    static let vocabulary = """
    và của các hành chính thủ tục cải cách xã huyện năm người dân công tác thực hiện đăng ký hồ sơ \
    trực tuyến dịch vụ công cấp giải quyết đơn vị cơ quan ủy ban nhân tỉnh kế hoạch chỉ số đánh giá \
    kết quả phòng nội vụ tiếp nhận trả bộ phận một cửa điện tử chuyển đổi số hài lòng tổ chức cá nhân \
    khai sinh tử kết hôn chứng thực bản sao đất đai quyền sử dụng xây dựng giấy phép kinh doanh hộ \
    tịch thường trú tạm cư trú bảo hiểm y tế xã hội lao động việc làm thương binh liệt sĩ người có \
    công giáo dục trường học sinh viên văn hóa thể thao du lịch nông nghiệp lâm thủy lợi môi trường \
    tài nguyên khoáng sản giao thông vận tải đường bộ cầu cống điện nước sạch vệ sinh an toàn thực \
    phẩm phòng cháy chữa tuyên truyền phổ biến pháp luật hội nghị tập huấn kiểm tra thanh tra khiếu \
    nại tố cáo phản ánh kiến nghị tiếp công dân dân vận quốc phòng an ninh trật tự biên giới thôn bản \
    khu phố tổ dân đoàn thanh niên phụ nữ cựu chiến binh nông dân mặt trận tổ quốc đảng ủy chi bộ
    """.split(separator: " ").map(String.init)

    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 33
        }
        mutating func word() -> String {
            // Zipf-like: index ~ n * u^3 favours the first words.
            let u = Double(next() % 10_000) / 10_000
            return SearchBenchmarkTests.vocabulary[Int(Double(SearchBenchmarkTests.vocabulary.count) * u * u * u)]
        }
        mutating func words(_ count: Int) -> String { (0..<count).map { _ in word() }.joined(separator: " ") }
    }

    static func generate(count: Int, into root: String) throws {
        var random = Random(state: 20_240_501)
        let fm = FileManager.default
        for n in 0..<count {
            let year = 2015 + n % 10
            let folder = "\(root)/content/articles/\(year)"
            if n < 10 { try fm.createDirectory(atPath: folder, withIntermediateDirectories: true) }
            let title = random.words(8 + Int(random.next() % 6))
            let paragraphs = (0..<4).map { _ in random.words(50 + Int(random.next() % 40)) + "." }
            let month = 1 + n % 12, day = 1 + n % 28
            let text = """
            ---
            title: "\(title) \(n)"
            date: \(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)
            category: tin-\(n % 7)
            tags: [ "chủ đề \(n % 23)" ]
            ---
            \(paragraphs.joined(separator: "\n\n"))

            """
            try OutputWriter.writeBytes(Array(text.utf8), to: "\(folder)/bai-\(n).md")
        }
    }

    func testFirstQueryOnTenThousandArticlesFetchesUnder300KB() throws {
        let site = try TestSite(config: TestSite.siteYAML.replacingOccurrences(of: "per_page: 2", with: "per_page: 20"))
        defer { site.remove() }
        try Self.generate(count: 10_000, into: site.root)
        // The build's own stages up to the search section; the 10,000 HTML pages are not what is measured here.
        let log = DiagnosticLog()
        let sources = SourceFiles(root: site.root)
        let content = try XCTUnwrap(ContentLoader.load(sources, log: log))
        let theme = try XCTUnwrap(Theme.load(name: "default", sources: sources, log: log))
        let resolved = SiteResolver.resolve(content, options: ResolveOptions(now: ContentDate(parsing: "2025-01-01")!), log: log)
        try log.throwIfErrors()
        XCTAssertEqual(resolved.articles.count, 10_000)
        let input = RenderInput(site: resolved, theme: theme, context: PageContext(site: resolved), sources: sources)
        var files: [String: [UInt8]] = [:]
        for job in SearchPage.jobs(input) where job.path.hasPrefix(SearchIndex.folder) {
            if case .bytes(let bytes) = job.make() { files[String(job.path.dropFirst(SearchIndex.folder.count))] = bytes }
        }
        let query = SearchQuery { files[$0] }
        let names = Array(files.keys)
        let total = files.values.reduce(0) { $0 + $1.count }
        print("search index: \(names.count) files, \(total / 1024) KB in all")
        XCTAssertGreaterThan(total, 1_000_000, "the whole index is far larger than what a query fetches")

        for text in ["thủ tục hành chính", "dang ky khai sinh", "đất đai", "cải cách hành chính xã", "tiep nhan ho so"] {
            let answer = query.run(text)
            let bytes = Set(answer.fetched).reduce(0) { $0 + files[$1]!.count }
            print("\"\(text)\": \(answer.results.count) results, fetched \(answer.fetched.count) files, \(bytes / 1024) KB")
            XCTAssertFalse(answer.results.isEmpty, text)
            XCTAssertLessThan(bytes, 300 * 1024, "\(text) fetches \(bytes) bytes")
        }
    }
}
