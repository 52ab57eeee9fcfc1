import Foundation
import XCTest
@testable import LoaCore

/// Known XSS payloads through every field of every file type; the built site (all files) must hold no
/// script element but the theme's, no event-handler attribute, no script URL — and the payloads must be there,
/// as visible text.
final class HostileContentTests: XCTestCase {
    static let payloads = [
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        "'><svg onload=alert(1)>",
        "</script><script>alert(1)</script>",
        "</title></textarea><script>alert(1)</script>",
        "javascript:alert(1)",
        "jav&#x09;ascript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "vbscript:msgbox(1)",
        "<iframe src=javascript:alert(1)></iframe>",
        "<a href='javascript:alert(1)' onclick=alert(1)>x</a>",
        "{{site.title}}{{{page.url}}}{{#site}}x{{/site}}",
        "]]><script>alert(1)</script><![CDATA[",
        "<!--<script>alert(1)//-->",
        "<style>body{background:url(javascript:alert(1))}</style>",
    ]
    static let all = payloads.joined(separator: " ")

    /// YAML double-quoted scalar.
    static func q(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    static let urls = ["javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "jav&#x09;ascript:alert(1)",
                       "jav&#x0A;ascript:alert(1)", "&#106;avascript:alert(1)", "javascript&colon;alert(1)",
                       "vbscript:msgbox(1)", "data:text/html;base64,PHNjcmlwdD4=", "DATA:text/html,<script>alert(1)</script>",
                       "livescript:alert(1)", "java\tscript:alert(1)", "%6Aavascript:alert(1)", "\u{FEFF}javascript:alert(1)"]

    static var markdownBody: String {
        var body = "# \(all)\n\n\(all)\n\n## Mục \(payloads[1])\n\n"
        for (index, url) in urls.enumerated() {
            body += "- [liên kết \(index)](\(url)) và ![ảnh \(index)](\(url)) và [tham chiếu \(index)][r\(index)] <\(url)>\n"
        }
        body += "\n"
        for (index, url) in urls.enumerated() { body += "[r\(index)]: \(url) \"\(payloads[1])\"\n" }
        body += "\n[tiêu đề](https://example.gov.vn/ \"\\\" onmouseover=alert(1) x=\\\"\")\n\n"
        body += "<script>alert(1)</script>\n\n<div onclick=\"alert(1)\">khối HTML</div>\n\n`\(payloads[0])`\n\n"
        body += "```html\n\(all)\n```\n\n```csv \(payloads[1])\nCột \(payloads[0]),\"\(payloads[2].replacingOccurrences(of: "\"", with: "\"\""))\"\n\(payloads[5]),\(payloads[3])\n```\n\n"
        body += "Dòng có ký tự \u{2028} và \u{2029} \(payloads[3]) và [thủ tục \(payloads[1])](tthc:1.001193)\n"
        return body
    }

    func makeHostileSite() throws -> TempDir {
        let dir = TempDir("hostile")
        let q = HostileContentTests.q, all = HostileContentTests.all
        try FileManager.default.copyItem(atPath: TestPaths.packageRoot + "/themes", toPath: dir.path + "/themes")
        try dir.write("content/site.yaml", """
        title: \(q(all))
        base_url: "https://cchc.example.gov.vn/"
        theme: default
        jurisdiction: { name: \(q(all)), level: district, parent: \(q(all)) }
        responsible: { name: \(q(all)), title: \(q(all)), phone: \(q(all)), email: \(q(all)), address: \(q(all)) }
        social: { facebook: "https://facebook.com/cchc?x=1&y=javascript:alert(1)", zalo_oa: \(q(all)) }
        per_page: 2
        categories: { tin-tuc-hostile: \(q(all)) }
        notice: { text: \(q(all)) }
        """)
        try dir.write("content/units.yaml", """
        units:
          - id: hoang-viet
            name: \(q(all))
            kind: xa
            code: "06121"
            formerly: [ \(q(all)), \(q(HostileContentTests.payloads[1])) ]
          - id: dong-dang
            name: \(q(HostileContentTests.payloads[2]))
            kind: thi-tran
        """)
        let front = """
        title: \(q(all))
        date: 2024-04-15
        updated: 2024-04-20
        summary: \(q(all))
        units: [ hoang-viet, dong-dang ]
        category: \(q(all))
        tags: [ \(q(all)), \(q(HostileContentTests.payloads[5])), \(q(HostileContentTests.payloads[0])) ]
        image: media/anh.svg
        image_alt: \(q(all))
        author: \(q(all))
        document: { number: \(q(all)), date: 2024-04-01, issuer: \(q(all)) }
        aliases: [ "/tin-tuc/cu-(1).html", "/tin-tuc/cu%27onmouseover%3Dalert(1)/" ]
        """
        try dir.write("content/articles/2024/doc-hai.md", "---\n\(front)\n---\n\(HostileContentTests.markdownBody)")
        try dir.write("content/articles/2024/khong-tom-tat.md", """
        ---
        title: \(q(HostileContentTests.payloads[3]))
        date: 2024-04-16
        slug: khong-tom-tat
        tags: [ "{{site.title}}" ]
        category: "javascript:alert(1)"
        ---
        \(all)

        ## \(HostileContentTests.payloads[0])
        ## \(HostileContentTests.payloads[1])
        ## \(HostileContentTests.payloads[2])
        """)
        try dir.write("content/articles/2023/ngan.md", "---\ntitle: \(q(HostileContentTests.payloads[12]))\ndate: 2023-01-01\nexpires: 2023-06-01\n---\n\(HostileContentTests.payloads[13])\n")
        try dir.write("content/pages/trang-doc-hai.md", "---\ntitle: \(q(all))\ndate: 2024-01-01\nslug: trang-doc-hai\n---\n\(HostileContentTests.markdownBody)")
        try writeHostileData(dir)
        try dir.write("content/media/anh.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4\" height=\"4\"><rect width=\"4\" height=\"4\"/></svg>\n")
        return dir
    }

    /// Procedures (every CSV column and a detail page), hotlines and a ranking, payloads in every free-text field.
    func writeHostileData(_ dir: TempDir) throws {
        let q = HostileContentTests.q, all = HostileContentTests.all
        func cell(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        let header = "Mã thủ tục,Tên thủ tục,Lĩnh vực,Cấp thực hiện,Cơ quan thực hiện,Thời hạn giải quyết,Phí, lệ phí,Mức độ DVC,Căn cứ pháp lý,Quyết định công bố,Trạng thái,Đơn vị,Liên kết"
            .replacingOccurrences(of: "Phí, lệ phí", with: "\"Phí, lệ phí\"")
        let row = ["1.001193", cell(all), cell(all), "xã", cell(all), cell(all), cell(all), "toàn trình", cell(all + "; " + all),
                   cell(all), "còn hiệu lực", "hoang-viet", "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.001193&x=%22%3E%3Cscript%3E"]
        let row2 = ["1.000894", cell(HostileContentTests.payloads[1]), cell(HostileContentTests.payloads[3]), "xã;huyện", "", "", "", "một phần", "", "", "đã bãi bỏ", "", ""]
        try dir.write("content/procedures/cap-xa.csv", header + "\n" + row.joined(separator: ",") + "\n" + row2.joined(separator: ",") + "\n")
        try dir.write("content/procedures/1.001193.md", "## Trình tự \(all)\n\n\(HostileContentTests.markdownBody)")
        try dir.write("content/hotlines.yaml", """
        hotlines:
          - unit: hoang-viet
            agency: \(q(all))
            purpose: \(q(all))
            person: \(q(all))
            title: \(q(all))
            phone: "0912 345 678"
            email: "motcua@example.gov.vn"
            hours: \(q(all))
            verified: 2024-12-01
          - agency: \(q(HostileContentTests.payloads[3]))
            purpose: \(q(HostileContentTests.payloads[12]))
            phone: "0205 3 830 018"
            verified: 2024-12-01
        """)
        try dir.write("content/rankings/par-index.yaml", """
        id: par-index
        name: \(q(all))
        scale: percent
        higher_is_better: true
        scope: \(q(all))
        areas:
          2023: { \(q(all)): 50, \(q(HostileContentTests.payloads[1])): 50 }
        results:
          2022:
            - { unit: hoang-viet, score: 86.5, rank: 2, of: 2 }
            - { unit: dong-dang, score: 90, rank: 1, of: 2 }
          2023:
            - { unit: hoang-viet, score: 92, rank: 1, of: 2, areas: { \(q(all)): 45 } }
            - { unit: dong-dang, score: 91, rank: 2, of: 2 }
            - { unit: jurisdiction, score: 88, rank: 3, of: 11 }
        """)
    }

    func testPayloadsInEveryFieldNeverRunScript() throws {
        let dir = try makeHostileSite()
        let report: BuildReport
        do {
            report = try SiteBuilder.build(.fixed(dir.path))
        } catch let failure as BuildFailure {
            return XCTFail("the hostile site must build (payloads are text):\n\(failure)")
        }
        let output = dir.path + "/public"
        let files = OutputWriter.listFiles(output)
        XCTAssertGreaterThan(files.count, 15)
        let problems = OutputAudit.problems(in: output)
        XCTAssert(problems.isEmpty, "\(problems.count) problems:\n" + problems.prefix(40).joined(separator: "\n"))

        // The payloads did reach the pages, as text.
        let article = try String(contentsOfFile: output + "/tin-tuc/khong-tom-tat/index.html", encoding: .utf8)
        XCTAssertTrue(article.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "payload not shown as text")
        let home = try String(contentsOfFile: output + "/index.html", encoding: .utf8)
        XCTAssertTrue(home.contains("{{site.title}}"), "Mustache-looking text must stay literal")
        XCTAssertTrue(home.contains("&lt;/script&gt;&lt;script&gt;"))
        // Script URLs in the body were neutralised, with a warning naming the file.
        let kinds = Set(files.map { ($0 as NSString).pathExtension.lowercased() })
        for kind in ["html", "xml", "json", "svg", "vcf"] where !kind.isEmpty {
            if !kinds.contains(kind) { print("hostile suite: no .\(kind) output yet") }
        }
        XCTAssertTrue(kinds.isSuperset(of: ["html", "xml", "json"]), "kinds: \(kinds.sorted())")
        XCTAssertTrue(files.contains { $0.hasPrefix("thu-tuc/") }, "procedure pages")
        XCTAssertTrue(report.warnings.contains { $0.file == "content/articles/2024/doc-hai.md" && $0.message.contains("không an toàn") })
    }

    /// Values that cannot be made safe by escaping are refused: the build fails and writes nothing.
    func testScriptURLsInURLFieldsAreRefused() throws {
        let cases: [(String, String, String)] = [
            ("content/articles/2024/a.md", "---\ntitle: \"A\"\ndate: 2024-04-15\nimage: \"javascript:alert(1)\"\nimage_alt: \"x\"\n---\nx\n", "đường dẫn ảnh"),
            ("content/articles/2024/a.md", "---\ntitle: \"A\"\ndate: 2024-04-15\nimage: \"data:text/html;base64,PHNjcmlwdD4=\"\nimage_alt: \"x\"\n---\nx\n", "đường dẫn ảnh"),
            ("content/articles/2024/a.md", "---\ntitle: \"A\"\ndate: 2024-04-15\nimage: \"media/a.svg\\\" onerror=\\\"alert(1)\"\nimage_alt: \"x\"\n---\nx\n", "đường dẫn ảnh"),
            ("content/articles/2024/a.md", "---\ntitle: \"A\"\ndate: 2024-04-15\naliases: [ \"javascript:alert(1)\" ]\n---\nx\n", "aliases"),
            ("content/articles/2024/a.md", "---\ntitle: \"A\"\ndate: 2024-04-15\naliases: [ \"//evil.example/x\" ]\n---\nx\n", "aliases"),
            ("content/articles/2024/a.md", "---\ntitle: \"A\"\ndate: 2024-04-15\naliases: [ \"/tin-tuc/cu.html?x=';alert(1);//\" ]\n---\nx\n", "aliases"),
            ("content/articles/2024/a.md", "---\ntitle: \"A\"\ndate: 2024-04-15\naliases: [ \"/cu.html\\\" onload=\\\"alert(1)\" ]\n---\nx\n", "aliases"),
            ("content/articles/2024/a.md", "---\ntitle: \"A\"\ndate: 2024-04-15\naliases: [ \"/a;return 301 https://evil.example$request_uri\" ]\n---\nx\n", "aliases"),
            ("content/articles/2024/a.md", "---\ntitle: \"A\"\ndate: 2024-04-15\nslug: \"<script>\"\n---\nx\n", "slug"),
            ("content/site.yaml", "title: \"T\"\nbase_url: \"javascript:alert(1)//\"\ntheme: mini\njurisdiction: { name: \"U\", level: district }\n", "base_url"),
            ("content/site.yaml", "title: \"T\"\nbase_url: \"https://x.gov.vn/\\\"><script>alert(1)</script>\"\ntheme: mini\njurisdiction: { name: \"U\", level: district }\n", "base_url"),
            ("content/site.yaml", "title: \"T\"\nbase_url: \"https://x.gov.vn/\"\ntheme: mini\njurisdiction: { name: \"U\", level: district }\nsocial: { facebook: \"javascript:alert(1)\" }\n", "facebook"),
            ("content/site.yaml", "title: \"T\"\nbase_url: \"https://x.gov.vn/\"\ntheme: mini\njurisdiction: { name: \"U\", level: district }\nsocial: { facebook: \"https://facebook.com/\\\" onmouseover=\\\"alert(1)\" }\n", "facebook"),
            ("content/media/x.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>", "SVG"),
            ("content/media/y.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"><a xlink:href=\"javascript:alert(1)\"><rect/></a></svg>", "SVG"),
            ("content/media/z.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"><animate onbegin = \"alert(1)\"/></svg>", "SVG"),
            ("content/media/trang.htm", "<p>x</p>", ".htm"),
            ("content/media/ma.js", "alert(1)", ".js"),
        ]
        for (file, text, word) in cases {
            let dir = TempDir("refused")
            try SiteFiles.overlay(TestPaths.baseSite, onto: dir.path)
            try dir.write(file, text)
            XCTAssertThrowsError(try SiteBuilder.build(.fixed(dir.path)), "\(file): \(text)") { error in
                let errors = (error as? BuildFailure)?.errors ?? []
                XCTAssert(errors.contains { $0.file == file && $0.message.contains(word) }, "\(text)\n→ \(errors)")
            }
            XCTAssertFalse(FileManager.default.fileExists(atPath: dir.path + "/public"), "nothing may be written")
        }
    }

    /// Every script URL spelling browsers accept is neutralised by the renderer itself.
    func testMarkdownNeutralisesEveryScriptURLSpelling() {
        let scanner = MarkupScanner(allowedScriptSources: [])
        for url in HostileContentTests.urls {
            for markdown in ["[x](\(url))", "![x](\(url))", "<\(url)>", "[x][r]\n\n[r]: \(url)", "[x](<\(url)>)"] {
                let log = DiagnosticLog()
                let html = MarkdownRenderer.render(markdown, file: "a.md", firstLine: 1, links: MarkdownLinkContext(basePath: "/"), log: log).html
                XCTAssertEqual(scanner.problems(html), [], "\(markdown.debugDescription) → \(html)")
            }
        }
    }

    /// The scanner itself must catch what it is there to catch.
    func testScannerFindsInjectedScript() {
        let scanner = MarkupScanner(allowedScriptSources: ["/assets/"])
        let bad = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<a href=\"jav&#x09;ascript:alert(1)\">x</a>",
                   "<svg/onload=alert(1)>", "<a href='data:text/html;base64,xx'>", "<iframe src=x></iframe>",
                   "<script src=\"https://evil.example/x.js\"></script>", "<a HREF=\" &#106;avascript:alert(1)\">",
                   "<div style=\"background:url(javascript:alert(1))\">", "<script type=\"application/ld+json\">{\"a\":1}</script><script>alert(1)</script>"]
        for html in bad { XCTAssertFalse(scanner.problems(html).isEmpty, html) }
        let good = ["&lt;script&gt;alert(1)&lt;/script&gt;", "<a href=\"/tin-tuc/\" title=\"&quot;&gt;&lt;img src=x onerror=alert(1)&gt;\">x</a>",
                    "<script src=\"/assets/site.js\" defer></script>", "<p>onload=alert(1) is text</p>", "<!-- <script>alert(1)</script> -->",
                    "<script type=\"application/ld+json\">{\"name\":\"<\\/script>\"}</script>"]
        for html in good { XCTAssertEqual(scanner.problems(html), [], html) }
        XCTAssertFalse(scanner.problems("<item><description>&lt;script&gt;alert(1)&lt;/script&gt;</description></item>", decodeText: true).isEmpty)
        XCTAssertFalse(scanner.problems("<item><description><![CDATA[<img src=x onerror=alert(1)>]]></description></item>", decodeText: true).isEmpty)
        XCTAssertEqual(scanner.problems("<item><title>&lt;b&gt;</title><description>&lt;p&gt;a&lt;/p&gt;</description></item>", decodeText: true), [])
    }
}
