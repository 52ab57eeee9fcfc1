import Foundation
import XCTest
@testable import LoaCore

/// A small site in a temporary folder, built with a fixed "now", for tests of generated files.
struct FeedTestSite {
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    static let now = ContentDate(parsing: "2025-06-01T12:00:00+07:00")!

    let root: String
    var output: String { root + "/public" }

    /// Writes `files` (path relative to the root → text) plus the default theme.
    init(files: [String: String], theme: Bool = true) throws {
        root = NSTemporaryDirectory() + "loa-test-" + UUID().uuidString
        let fm = FileManager.default
        try fm.createDirectory(atPath: root, withIntermediateDirectories: true)
        if theme {
            try fm.createDirectory(atPath: root + "/themes", withIntermediateDirectories: true)
            try fm.copyItem(atPath: FeedTestSite.repoRoot + "/themes/default", toPath: root + "/themes/default")
        }
        for (path, text) in files { try write(path, Array(text.utf8)) }
    }

    func write(_ path: String, _ bytes: [UInt8]) throws {
        let full = root + "/" + path
        try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: full))
    }

    @discardableResult
    func build(now: ContentDate = FeedTestSite.now) throws -> BuildReport {
        try SiteBuilder.build(BuildOptions(root: root, output: output, now: now))
    }

    func read(_ path: String) throws -> String {
        try String(contentsOfFile: output + "/" + path, encoding: .utf8)
    }

    func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: output + "/" + path) }

    func remove() { try? FileManager.default.removeItem(atPath: root) }

    // MARK: - The standard fixture

    static let siteYAML = """
    title: "Cổng thông tin thử nghiệm"
    base_url: "https://cchc.example.gov.vn/"
    theme: default
    jurisdiction: { name: "Ủy ban nhân dân huyện Thử", level: district, parent: "Tỉnh Mẫu" }
    responsible: { name: "Nguyễn Văn A", phone: "0205 3 830 123", email: "a@example.gov.vn" }
    social: { facebook: "https://facebook.com/thu", zalo_oa: "123" }
    per_page: 5
    feed_items: 3
    social_hashtags: [ "Cải cách hành chính" ]
    categories: { tin-dia-phuong: "Tin địa phương" }

    """

    static let unitsYAML = """
    units:
      - id: hoang-viet
        name: "Xã Hoàng Việt"
        kind: xa
        formerly: [ "Xã Tân Mỹ" ]
      - id: dong-son
        name: "Xã Đồng Sơn"
        kind: xa

    """

    static func article(_ slug: String, date: String, extra: String = "", body: String = "Nội dung bài viết.") -> String {
        "---\ntitle: \"Bài \(slug)\"\ndate: \(date)\nslug: \(slug)\n\(extra)---\n\(body)\n"
    }

    /// Seven published articles (one expired), a draft, a scheduled one; links, an image, a hostile title.
    /// The standard site built once, shared by the test classes that only read its output (feeds,
    /// discovery, share tags), so it is not rebuilt per class.
    static let sharedBuilt: FeedTestSite = {
        let site = try! standard()
        try! site.build()
        return site
    }()

    static func standard() throws -> FeedTestSite {
        var files = ["content/site.yaml": siteYAML, "content/units.yaml": unitsYAML]
        files["content/articles/a1.md"] = """
        ---
        title: "Tin <script>alert(1)</script> & \\"đặc biệt\\" \\x01 </script><!--"
        date: 2025-05-20T08:30:00+07:00
        updated: 2025-05-25
        slug: tin-dac-biet
        units: [ hoang-viet ]
        category: tin-dia-phuong
        tags: [ "Một cửa", SIPAS ]
        image: media/anh.png
        image_alt: "Ảnh hội nghị"
        author: "Trung tâm Văn hóa, Thể thao và Truyền thông huyện Thử nghiệm rất dài tên"
        aliases: [ /tin-tuc/cu/tin-dac-biet.html, /bai-cu ]
        ---
        Xem [bài khác](/tin-tuc/bai-2/), [mục](#muc), [nguồn](https://example.org/x?a=1&b=2) và ![ảnh](media/anh.png).

        ## Mục
        Chữ có ký tự điều khiển \u{0001} ở giữa.
        """
        for n in 2...6 {
            let units = n % 2 == 0 ? "units: [ dong-son ]\n" : ""
            files["content/articles/a\(n).md"] = article("bai-\(n)", date: "2025-05-0\(n)", extra: units + "category: tin-dia-phuong\n")
        }
        files["content/articles/expired.md"] = article("het-han", date: "2025-05-30", extra: "expires: 2025-05-31\nunits: [ hoang-viet ]\n")
        files["content/articles/draft.md"] = article("nhap", date: "2025-05-31", extra: "draft: true\n")
        files["content/articles/scheduled.md"] = article("hen-gio", date: "2025-05-31", extra: "publish_at: 2026-01-01T07:00:00+07:00\n")
        files["content/pages/gioi-thieu.md"] = "---\ntitle: \"Giới thiệu\"\ndate: 2024-01-01\n---\nTrang giới thiệu.\n"
        let site = try FeedTestSite(files: files)
        try site.write("content/media/anh.png", ImageFixtures.png(width: 800, height: 450))
        return site
    }
}

/// Headers of generated images (enough for `ImageHeader`, not decodable pictures).
enum ImageFixtures {
    static func png(width: Int, height: Int) -> [UInt8] {
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8)
            + be32(width) + be32(height) + [8, 2, 0, 0, 0, 0, 0, 0, 0]
    }

    static func jpeg(width: Int, height: Int) -> [UInt8] {
        let app0: [UInt8] = [0xFF, 0xE0, 0x00, 0x10] + Array("JFIF".utf8) + [0, 1, 1, 0, 0, 1, 0, 1, 0, 0]
        let dqt: [UInt8] = [0xFF, 0xDB, 0x00, 0x04, 0x00, 0x00]
        let sof: [UInt8] = [0xFF, 0xC2, 0x00, 0x11, 0x08] + be16(height) + be16(width) + [3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]
        return [0xFF, 0xD8] + app0 + dqt + sof + [0xFF, 0xDA, 0x00, 0x02]
    }

    static func webpLossy(width: Int, height: Int) -> [UInt8] {
        riff("VP8 ", [0, 0, 0, 0x9D, 0x01, 0x2A] + le16(width) + le16(height) + [0, 0])
    }

    static func webpLossless(width: Int, height: Int) -> [UInt8] {
        let bits = (width - 1) | (height - 1) << 14
        return riff("VP8L", [0x2F, UInt8(bits & 0xFF), UInt8(bits >> 8 & 0xFF), UInt8(bits >> 16 & 0xFF), UInt8(bits >> 24 & 0xFF), 0, 0, 0, 0])
    }

    static func webpExtended(width: Int, height: Int) -> [UInt8] {
        riff("VP8X", [0x10, 0, 0, 0] + le24(width - 1) + le24(height - 1))
    }

    static func riff(_ chunk: String, _ payload: [UInt8]) -> [UInt8] {
        Array("RIFF".utf8) + le32(payload.count + 12) + Array("WEBP".utf8) + Array(chunk.utf8) + le32(payload.count) + payload
    }

    static func be16(_ v: Int) -> [UInt8] { [UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
    static func be32(_ v: Int) -> [UInt8] { be16(v >> 16) + be16(v & 0xFFFF) }
    static func le16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] }
    static func le24(_ v: Int) -> [UInt8] { le16(v & 0xFFFF) + [UInt8(v >> 16 & 0xFF)] }
    static func le32(_ v: Int) -> [UInt8] { le16(v & 0xFFFF) + le16(v >> 16) }
}
