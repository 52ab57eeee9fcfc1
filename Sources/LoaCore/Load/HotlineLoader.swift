/// Reads `content/hotlines.yaml`. A number that is not a valid Vietnamese fixed or mobile number is an
/// error at its line: a wrong hotline on a government portal is worse than none.
public enum HotlineLoader {
    public static let file = "content/hotlines.yaml"

    static let keys: Set<String> = ["unit", "agency", "purpose", "person", "title", "phone", "email", "hours", "verified"]

    public static func load(_ sources: SourceFiles, unitIDs: Set<String>, log: DiagnosticLog) -> [Hotline] {
        guard sources.exists(file) else { return [] }
        guard let text = sources.text(file, log: log),
              let root = YAMLValue.parse(text, file: file, log: log) else { return [] }
        guard let list = root["hotlines"], list.isSequence else {
            log.error(file, root.line, "hotlines.yaml phải có khóa 'hotlines' là một danh sách số điện thoại")
            return []
        }
        var hotlines: [Hotline] = []
        for item in list.items {
            guard item.isMapping else {
                log.error(file, item.line, "mỗi đường dây nóng phải có ít nhất agency và phone")
                continue
            }
            item.rejectUnknownKeys(keys, log: log, what: "một đường dây nóng")
            var ok = true
            let unit = item.string("unit", log: log)
            if let unit, !unitIDs.contains(unit) {
                let hint = unitIDs.sorted().first { YAMLValue.isNear($0, unit) }.map { " — có phải ý bạn là '\($0)'?" } ?? ""
                log.error(file, item["unit"]?.line ?? item.line, "đơn vị \"\(unit)\" không có trong content/units.yaml\(hint) (bỏ khóa unit nếu đây là số của cơ quan cấp huyện)")
                ok = false
            }
            let agency = item.string("agency", required: true, log: log)
            let phoneText = item.string("phone", required: true, log: log)
            var phone: PhoneNumber?
            if let phoneText {
                phone = PhoneNumber(phoneText)
                if phone == nil {
                    log.error(file, item["phone"]?.line ?? item.line, "số điện thoại \"\(phoneText)\" không hợp lệ — số cố định gồm 11 chữ số bắt đầu bằng 02 (ví dụ 0205 3 830 123), số di động gồm 10 chữ số bắt đầu bằng 03, 05, 07, 08 hoặc 09 (ví dụ 0912 345 678)")
                }
            }
            let email = item.string("email", log: log)
            if let email, !isEmail(email) {
                log.error(file, item["email"]?.line ?? item.line, "địa chỉ thư điện tử \"\(email)\" không hợp lệ")
                ok = false
            }
            let verified = item.date("verified", log: log)
            if let verified, verified.hasTime {
                log.warning(file, item["verified"]?.line ?? item.line, "verified chỉ cần ngày (ví dụ 2024-06-01), giờ bị bỏ qua")
            }
            guard ok, let agency, let phone else { continue }
            hotlines.append(Hotline(
                unitID: unit, agency: agency, purpose: item.string("purpose", log: log),
                person: item.string("person", log: log), title: item.string("title", log: log),
                phone: phone, email: email, hours: item.string("hours", log: log), verified: verified?.day,
                file: file, line: item.line, verifiedLine: item["verified"]?.line ?? item.line))
        }
        return hotlines
    }

    static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".")
            && !text.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "\"" })
    }
}
