import Foundation
import Yams

/// A YAML node that knows which file and line it came from, so every type error points at the right place.
/// Loaders read content through this instead of `Decodable`, which loses positions.
public struct YAMLValue {
    public let node: Node
    public let file: String
    /// Added to libyaml's line numbers: a front matter starts below the file's first line.
    public let lineOffset: Int
    /// Line of the key this value was found under, used when the value itself has no position.
    private let fallbackLine: Int

    /// A mapping's keys → the position of their first pair, made once: a front matter is asked for twenty
    /// keys, and each look-up walked the pairs, copying every key and value (a third of loading).
    private let positions: KeyPositions?

    private final class KeyPositions: @unchecked Sendable {
        let first: [String: Int]
        init(_ mapping: Node.Mapping) {
            var first: [String: Int] = [:]
            for (offset, pair) in mapping.enumerated() {
                if let key = pair.key.string, first[key] == nil { first[key] = offset }
            }
            self.first = first
        }
    }

    public init(node: Node, file: String, lineOffset: Int, fallbackLine: Int = 1) {
        self.node = node
        self.file = file
        self.lineOffset = lineOffset
        self.fallbackLine = fallbackLine
        positions = node.mapping.map(KeyPositions.init)
    }

    static let resolver = Resolver.basic.appending(.null)

    /// Parses a YAML text; a syntax error becomes one diagnostic at its line. Empty input is nil.
    public static func parse(_ text: String, file: String, lineOffset: Int = 0, log: DiagnosticLog) -> YAMLValue? {
        do {
            // Loa reads every scalar as text (`string`, `bool`, `int`… parse it themselves), so Yams resolves
            // only null, not the bool/int/float/timestamp regular expressions it tried on every scalar. The
            // encoding is given: `.default` reads the whole environment on every parse (2 % of a clean build).
            guard let node = try Yams.compose(yaml: text, YAMLValue.resolver, .default, .utf8) else { return nil }
            return YAMLValue(node: node, file: file, lineOffset: lineOffset, fallbackLine: lineOffset + 1)
        } catch let error as YamlError {
            var (line, problem) = YAMLValue.describe(error, text: text)
            // A quote left open swallows the lines below it; libyaml then complains where the swallowing
            // stops. The editor has to look at the line that opened the quote.
            if let unclosed = YAMLValue.firstUnclosedQuoteLine(text, upTo: line ?? Int.max) {
                line = unclosed
                problem = "thiếu dấu ngoặc kép đóng ở cuối giá trị"
            }
            log.error(file, line.map { $0 + lineOffset } ?? lineOffset + 1, "YAML không hợp lệ: \(problem)")
        } catch {
            log.error(file, lineOffset + 1, "YAML không hợp lệ: cấu trúc không đọc được")
        }
        return nil
    }

    private static func describe(_ error: YamlError, text: String) -> (Int?, String) {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            // For something left open ([, {, a quote) the context mark is where it was opened.
            let opened = context.map { ["flow sequence", "flow mapping", "quoted scalar"].contains(where: $0.text.contains) } ?? false
            return (opened ? context!.mark.line : mark.line, YAMLValue.translate(problem, context: context?.text))
        case let .duplicatedKeysInMapping(duplicates, context):
            let line = secondOccurrence(of: duplicates, in: text, from: context.mark.line) ?? context.mark.line
            return (line, "khóa bị lặp lại: \(duplicates.joined(separator: ", ")) — mỗi khóa chỉ được viết một lần")
        case .reader:
            return (nil, "tệp có ký tự không đọc được")
        default:
            return (nil, "cấu trúc không đọc được")
        }
    }

    /// The line (1-based) where one of `keys` is written for the second time at or after line `start`,
    /// the line an editor has to delete or rename.
    static func secondOccurrence(of keys: [String], in text: String, from start: Int) -> Int? {
        var seen: [String: Int] = [:]
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where index + 1 >= start {
            let trimmed = line.drop { $0 == " " || $0 == "-" }
            for key in keys where trimmed.hasPrefix(key) && trimmed.dropFirst(key.count).drop(while: { $0 == " " }).first == ":" {
                seen[key, default: 0] += 1
                if seen[key] == 2 { return index + 1 }
            }
        }
        return nil
    }

    /// The first line (1-based, at most `limit`) whose value opens a double quote it does not close,
    /// e.g. `title: "Hội nghị` — the usual cause of a confusing libyaml error a few lines further down.
    static func firstUnclosedQuoteLine(_ text: String, upTo limit: Int) -> Int? {
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where index < limit {
            var trimmed = line.drop { $0 == " " || $0 == "-" }
            if let colon = trimmed.range(of: ": ") { trimmed = trimmed[colon.upperBound...] }
            trimmed = trimmed.drop { $0 == " " }
            guard trimmed.first == "\"" else { continue }
            var open = false, escaped = false
            for ch in trimmed {
                if escaped { escaped = false; continue }
                if ch == "\\" && open { escaped = true; continue }
                if ch == "\"" { open.toggle() }
            }
            if open { return index + 1 }
        }
        return nil
    }

    /// libyaml's English messages, with a Vietnamese explanation of the common ones.
    private static func translate(_ problem: String, context: String?) -> String {
        let known: [(String, String)] = [
            ("mapping values are not allowed", "dấu hai chấm ':' đặt sai chỗ — nếu giá trị có dấu ':', hãy đặt nó trong dấu ngoặc kép"),
            ("could not find expected ':'", "thiếu dấu hai chấm ':' sau tên khóa"),
            ("found character that cannot start any token", "có ký tự không hợp lệ (thường là phím Tab — hãy dùng dấu cách)"),
            ("did not find expected key", "thụt lề không thẳng hàng hoặc thiếu dấu '-' của danh sách"),
            ("found unexpected end of stream", "thiếu dấu ngoặc kép đóng"),
            ("did not find expected ',' or ']'", "danh sách [...] thiếu dấu ',' hoặc ']'"),
            ("did not find expected ',' or '}'", "khối {...} thiếu dấu ',' hoặc '}'"),
            ("found undefined alias", "dùng bí danh (*) chưa được định nghĩa"),
        ]
        for (english, vietnamese) in known where problem.contains(english) {
            return "\(vietnamese) (\(problem))"
        }
        return "cú pháp sai (\(context.map { "\(problem) \($0)" } ?? problem))"
    }

    // MARK: - Position

    public var line: Int { node.mark.map { $0.line + lineOffset } ?? fallbackLine }

    // MARK: - Structure

    public var isMapping: Bool { node.mapping != nil }

    /// Keys in the order written, with their lines.
    public var entries: [(key: String, keyLine: Int, value: YAMLValue)] {
        guard let mapping = node.mapping else { return [] }
        return mapping.map { pair in
            let keyLine = pair.key.mark.map { $0.line + lineOffset } ?? line
            return (pair.key.string ?? "", keyLine,
                    YAMLValue(node: pair.value, file: file, lineOffset: lineOffset, fallbackLine: keyLine))
        }
    }

    public subscript(key: String) -> YAMLValue? {
        guard let mapping = node.mapping, let offset = positions?.first[key] else { return nil }
        let pair = mapping[mapping.index(mapping.startIndex, offsetBy: offset)]
        if case .scalar(let s) = pair.value, pair.value.null != nil || (s.string.isEmpty && s.style == .plain) { return nil }
        let keyLine = pair.key.mark.map { $0.line + lineOffset } ?? line
        return YAMLValue(node: pair.value, file: file, lineOffset: lineOffset, fallbackLine: keyLine)
    }

    public var items: [YAMLValue] {
        guard case .sequence(let seq) = node else { return [] }
        return seq.map { YAMLValue(node: $0, file: file, lineOffset: lineOffset, fallbackLine: line) }
    }

    public var isSequence: Bool { if case .sequence = node { return true } else { return false } }

    /// The scalar's text, NFC-normalised and trimmed; nil for a mapping or sequence.
    public var scalarText: String? {
        guard case .scalar(let s) = node else { return nil }
        return VietnameseText.nfc(s.string).trimmingWhitespace(newlines: true)
    }
}

/// Typed reads that report a Vietnamese message at the value's line and return nil on error.
public extension YAMLValue {
    func string(_ key: String, required: Bool = false, log: DiagnosticLog) -> String? {
        guard let value = self[key] else {
            if required { log.error(file, line, "thiếu khóa bắt buộc '\(key)'") }
            return nil
        }
        guard let text = value.scalarText else {
            log.error(file, value.line, "'\(key)' phải là một chuỗi văn bản, không phải danh sách hay khối")
            return nil
        }
        if text.isEmpty {
            if required { log.error(file, value.line, "'\(key)' không được để trống") }
            return nil
        }
        return text
    }

    /// A list of strings; a single string is accepted as a list of one, as editors often write it so.
    func stringList(_ key: String, log: DiagnosticLog) -> [(text: String, line: Int)] {
        guard let value = self[key] else { return [] }
        if let single = value.scalarText { return single.isEmpty ? [] : [(single, value.line)] }
        guard value.isSequence else {
            log.error(file, value.line, "'\(key)' phải là một danh sách, ví dụ [ a, b ]")
            return []
        }
        var result: [(String, Int)] = []
        for item in value.items {
            guard let text = item.scalarText else {
                log.error(file, item.line, "mỗi phần tử của '\(key)' phải là một chuỗi")
                continue
            }
            if !text.isEmpty { result.append((text, item.line)) }
        }
        return result
    }

    func date(_ key: String, required: Bool = false, log: DiagnosticLog) -> ContentDate? {
        guard let text = string(key, required: required, log: log) else { return nil }
        guard let date = ContentDate(parsing: text) else {
            log.error(file, self[key]?.line ?? line,
                      "'\(key)' có ngày không hợp lệ: \"\(text)\" — hãy viết dạng 2024-04-15 hoặc 2024-04-15T07:00:00+07:00")
            return nil
        }
        return date
    }

    func bool(_ key: String, log: DiagnosticLog) -> Bool? {
        guard let text = string(key, log: log) else { return nil }
        switch text.lowercased() {
        case "true", "yes", "on", "có", "co": return true
        case "false", "no", "off", "không", "khong": return false
        default:
            log.error(file, self[key]?.line ?? line, "'\(key)' phải là true hoặc false, không phải \"\(text)\"")
            return nil
        }
    }

    func int(_ key: String, log: DiagnosticLog) -> Int? {
        guard let text = string(key, log: log) else { return nil }
        guard let value = Int(text) else {
            log.error(file, self[key]?.line ?? line, "'\(key)' phải là một số nguyên, không phải \"\(text)\"")
            return nil
        }
        return value
    }

    /// A decimal number; a decimal comma (92,5) is accepted because that is how Vietnamese write numbers.
    func number(_ key: String, log: DiagnosticLog) -> Double? {
        guard let text = string(key, log: log) else { return nil }
        guard let value = YAMLValue.parseNumber(text) else {
            log.error(file, self[key]?.line ?? line, "'\(key)' phải là một số, không phải \"\(text)\"")
            return nil
        }
        return value
    }

    static func parseNumber(_ text: String) -> Double? {
        let normalized = text.replacingOccurrences(of: ",", with: ".")
        guard let value = Double(normalized), value.isFinite else { return nil }
        return value
    }

    /// Warns about keys that are not in the allowed set: a typo such as `titel` must not pass silently,
    /// yet a key from a newer content format must not break the build.
    func rejectUnknownKeys(_ allowed: Set<String>, log: DiagnosticLog, what: String) {
        for entry in entries where !allowed.contains(entry.key) {
            let suggestion = allowed.sorted().first { YAMLValue.isNear($0, entry.key) }
            let hint = suggestion.map { " — có phải ý bạn là '\($0)'?" } ?? ""
            log.warning(file, entry.keyLine, "khóa '\(entry.key)' không có trong \(what)\(hint)")
        }
    }

    /// Edit distance at most 2: enough to catch typos, not to guess wildly.
    static func isNear(_ a: String, _ b: String) -> Bool {
        let x = Array(a), y = Array(b)
        if abs(x.count - y.count) > 2 { return false }
        var previous = Array(0...y.count)
        for i in 1...max(x.count, 1) where !x.isEmpty {
            var current = [i] + Array(repeating: 0, count: y.count)
            for j in 1...max(y.count, 1) where !y.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[y.count] <= 2
    }
}
