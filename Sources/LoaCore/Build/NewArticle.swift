import Foundation

/// `loa new article "Tiêu đề"`: a correctly named file with the front matter an editor fills in.
public enum NewArticle {
    public static func create(root: String, title: String, today: CalendarDay) throws -> String {
        let clean = VietnameseText.nfc(title).trimmingCharacters(in: .whitespacesAndNewlines)
        let slug = VietnameseText.slug(clean)
        guard !slug.isEmpty else { throw WriteError(description: "tiêu đề \"\(title)\" không tạo được tên tệp") }
        let folder = "content/articles/\(today.year)"
        let relative = "\(folder)/\(slug).md"
        let path = "\(root)/\(relative)"
        guard !FileManager.default.fileExists(atPath: path) else {
            throw WriteError(description: "\(relative) đã có — hãy chọn tiêu đề khác")
        }
        try FileManager.default.createDirectory(atPath: "\(root)/\(folder)", withIntermediateDirectories: true)
        let quoted = clean.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        let text = """
        ---
        title: "\(quoted)"
        date: \(today.iso)
        summary: ""
        units: []
        category: tuyen-truyen
        tags: []
        author: ""
        draft: true
        ---
        Nội dung bài viết (Markdown). Bỏ dòng `draft: true` ở trên khi bài đã sẵn sàng đăng.

        """
        try OutputWriter.writeBytes(Array(text.utf8), to: path)
        return relative
    }
}
