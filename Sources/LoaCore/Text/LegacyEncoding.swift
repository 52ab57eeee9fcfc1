import Foundation

/// The 8-bit Vietnamese encodings still found in old office files.
public enum LegacyVietnameseEncoding: String, Sendable, CaseIterable {
    /// TCVN 5712:1993 VN3, "ABC" (fonts .VnTime, .VnArial…): one byte per precomposed lowercase letter.
    case tcvn3
    /// VNI-Windows (fonts VNI-Times…): ASCII vowel followed by a byte for its marks.
    case vni
}

public enum LegacyEncodingError: Error, CustomStringConvertible, Equatable {
    case unrecognized(path: String)
    case io(path: String, reason: String)

    public var description: String {
        switch self {
        case .unrecognized(let path):
            return "\(path): tệp không phải UTF-8 và không nhận ra bảng mã TCVN3 hay VNI"
        case .io(let path, let reason):
            return "\(path): lỗi đọc/ghi tệp khi chuyển bảng mã — \(reason)"
        }
    }
}

/// Detection of, and conversion from/to, TCVN3 and VNI-Windows.
///
/// Bytes 0x80–0x9F are read as Windows-1252 punctuation (curly quotes, dashes), as the
/// Windows fonts of both encodings draw them; high bytes that the encoding does not use
/// for Vietnamese are read as Latin-1, so decoding never fails.
public enum LegacyEncoding {

    // MARK: Public API

    /// nil for UTF-8 (and ASCII); otherwise the encoding whose decoding reads most like
    /// Vietnamese (well-formed syllables, no stray bytes), or nil when neither does.
    /// Ties go to TCVN3, the more common one in government offices.
    public static func detect(_ bytes: [UInt8]) -> LegacyVietnameseEncoding? {
        if String(validating: bytes, as: UTF8.self) != nil { return nil }
        let sample = Array(bytes.prefix(64 * 1024))  // plenty of words; keeps huge files fast
        let tcvn = score(decodeTCVN3(sample))
        let vni = score(decodeVNI(sample))
        let best = max(tcvn, vni)
        guard best > 0 else { return nil }
        return tcvn >= vni ? .tcvn3 : .vni
    }

    /// Unicode (NFC) text of legacy bytes.
    public static func decode(_ bytes: [UInt8], as encoding: LegacyVietnameseEncoding) -> String {
        switch encoding {
        case .tcvn3: return decodeTCVN3(bytes).text
        case .vni: return decodeVNI(bytes).text
        }
    }

    /// Legacy bytes for `s`; nil if some character has no code in that encoding
    /// (TCVN3 has no capitals with a tone, e.g. "Á"). With `lossy`, such capitals are
    /// written with the lowercase code, as the capital .VnTimeH fonts expect, and other
    /// characters become "?".
    public static func encode(_ s: String, as encoding: LegacyVietnameseEncoding, lossy: Bool = false) -> [UInt8]? {
        let table = encoding == .tcvn3 ? Tables.tcvn3Encode : Tables.vniEncode
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        for u in VietnameseText.nfc(s).unicodeScalars {
            if u.value < 0x80 { out.append(UInt8(u.value)); continue }
            if let bytes = table[u.value] { out.append(contentsOf: bytes); continue }
            guard lossy else { return nil }
            let lower = u.properties.lowercaseMapping.unicodeScalars
            if lower.count == 1, let bytes = table[lower.first!.value] { out.append(contentsOf: bytes) } else { out.append(0x3F) }
        }
        return out
    }

    /// Rewrites a legacy-encoded file as UTF-8 NFC after keeping the original as
    /// `<path>.bak` (or .bak2, .bak3… if that exists). Returns the encoding converted from,
    /// nil when the file already is UTF-8 (left untouched).
    @discardableResult
    public static func convertFile(at path: String) throws -> LegacyVietnameseEncoding? {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LegacyEncodingError.io(path: path, reason: "không đọc được tệp")
        }
        let bytes = [UInt8](data)
        if String(validating: bytes, as: UTF8.self) != nil { return nil }
        guard let encoding = detect(bytes) else { throw LegacyEncodingError.unrecognized(path: path) }
        let text = decode(bytes, as: encoding)
        var n = 1
        while true {
            let backup = path + (n == 1 ? ".bak" : ".bak\(n)")
            if !FileManager.default.fileExists(atPath: backup) {
                do {
                    // withoutOverwriting: never clobber a backup created meanwhile.
                    try data.write(to: URL(fileURLWithPath: backup), options: .withoutOverwriting)
                    break
                } catch where FileManager.default.fileExists(atPath: backup) {
                    // lost a race for this name; try the next one
                } catch {
                    throw LegacyEncodingError.io(path: path, reason: "không ghi được bản sao lưu \(backup): \(error.localizedDescription)")
                }
            }
            n += 1
        }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw LegacyEncodingError.io(path: path, reason: "không ghi được tệp: \(error.localizedDescription)")
        }
        return encoding
    }

    // MARK: Decoding

    /// Decoded text and the number of bytes that would be odd in that encoding.
    struct Decoded {
        var text: String
        var strayBytes: Int
    }

    static func decodeTCVN3(_ bytes: [UInt8]) -> Decoded {
        var out = String.UnicodeScalarView()
        var stray = 0
        for b in bytes {
            let v = Tables.tcvn3Decode[Int(b)]
            if b >= 0xA0 && !Tables.tcvn3Letters.contains(b) { stray += 1 }
            out.append(Unicode.Scalar(v)!)
        }
        return Decoded(text: VietnameseText.nfc(String(out)), strayBytes: stray)
    }

    static func decodeVNI(_ bytes: [UInt8]) -> Decoded {
        var out = String.UnicodeScalarView()
        var stray = 0
        // The letter a mark byte may still sit on: lowercase base (a e i o u y, or ơ ư), else 0.
        var carrier: UInt32 = 0
        for b in bytes {
            if let mark = Tables.vniMarks[b] {
                if carrier != 0 && mark.fits(carrier) {
                    if mark.vowelMark != 0 { out.append(Unicode.Scalar(mark.vowelMark)!) }
                    if mark.tone != 0 { out.append(Unicode.Scalar(mark.tone)!) }
                } else {
                    stray += 1  // a mark byte after a consonant never happens in real VNI text
                    out.append(Unicode.Scalar(b))
                }
                carrier = 0
                continue
            }
            if let letter = Tables.vniLetters[b] {
                out.append(Unicode.Scalar(letter.scalar)!)
                carrier = letter.carrier
                continue
            }
            if b < 0x80 {
                let lower = UInt32(b | 0x20)  // only the letters A E I O U Y land on a vowel this way
                carrier = Tables.vowels.contains(lower) ? lower : 0
                out.append(Unicode.Scalar(b))
                continue
            }
            if b >= 0xA1 && b <= 0xBF { stray += 1 }  // Latin-1 symbols: rare, but letters in TCVN3
            out.append(Unicode.Scalar(Tables.cp1252(b))!)
            carrier = 0
        }
        return Decoded(text: VietnameseText.nfc(String(out)), strayBytes: stray)
    }

    // MARK: Detection

    /// Well-formed Vietnamese words with a non-ASCII letter, minus malformed ones and stray bytes.
    static func score(_ decoded: Decoded) -> Int {
        var score = -decoded.strayBytes
        var word: [Unicode.Scalar] = []
        func finishWord() {
            defer { word.removeAll(keepingCapacity: true) }
            guard word.contains(where: { $0.value >= 0x80 }) else { return }
            score += Syllable.isWellFormed(String(String.UnicodeScalarView(word))) ? 1 : -1
        }
        for u in decoded.text.unicodeScalars {
            if u.properties.isAlphabetic || VietnameseText.isMark(u) { word.append(u) } else { finishWord() }
        }
        finishWord()
        return score
    }
}

/// Spelling rules of a Vietnamese syllable: initial consonant + vowel nucleus + final, one tone
/// at most; only sắc or nặng before a stop (c ch k p t). Strict enough that legacy bytes read
/// with the wrong table rarely spell words ("Laïng" read as TCVN3 gives "Laùng").
enum Syllable {
    private static let initials = [
        "ngh", "ng", "nh", "gh", "gi", "kh", "ph", "th", "tr", "ch", "qu",
        "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
    ]
    private static let finals = ["ng", "nh", "ch", "c", "k", "m", "n", "p", "t", ""]  // k: Đắk Lắk
    private static let stops: Set<String> = ["c", "ch", "k", "p", "t"]
    private static let anyFinal: Set<String> = [
        "a", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "oa", "oe", "uê", "uy",
    ]
    /// Nuclei ending in a glide, or the ia/ua/ưa spellings, take no final consonant.
    private static let openNuclei = anyFinal.union([
        "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "iu", "oi", "ôi", "ơi", "ui", "ưi", "ưu", "ia", "ua", "ưa",
        "uơ", "iêu", "oai", "oao", "oay", "oeo", "uây", "uôi", "ươi", "ươu", "yêu", "uyu", "uya",
    ])
    /// ă, â and the diphthongs iê/yê/uô/ươ need a final consonant.
    private static let closedNuclei = anyFinal.union(["ă", "â", "iê", "yê", "uô", "ươ", "uyê", "uâ", "oă", "oo"])
    private static let tones: Set<UInt32> = [0x300, 0x301, 0x303, 0x309, 0x323]

    static func isWellFormed(_ word: String) -> Bool {
        var tone: UInt32 = 0
        var letters = String.UnicodeScalarView()
        for u in word.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
            if tones.contains(u.value) {
                guard tone == 0 else { return false }
                tone = u.value
            } else if u.value >= 0x61 && u.value <= 0x7A || u.value == 0x111 || u.value == 0x302 || u.value == 0x306 || u.value == 0x31B {
                letters.append(u)
            } else {
                return false
            }
        }
        let bare = String(letters).precomposedStringWithCanonicalMapping
        for initial in initials where bare.hasPrefix(initial) {
            let rest = bare.dropFirst(initial.count)
            for final in finals where rest.hasSuffix(final) && rest.count > final.count {
                let nucleus = String(rest.dropLast(final.count))
                if final.isEmpty ? !openNuclei.contains(nucleus) : !closedNuclei.contains(nucleus) { continue }
                if (final == "ch" || final == "nh") && !["a", "ê", "i", "y"].contains(nucleus.last!) { continue }
                if stops.contains(final) && tone != 0x301 && tone != 0x323 { continue }
                return true
            }
        }
        return false
    }
}

/// The code tables. TCVN3 from TCVN 5712:1993 (VN3); VNI-Windows as drawn by the VNI fonts.
private enum Tables {
    static let vowels: Set<UInt32> = [0x61, 0x65, 0x69, 0x6F, 0x75, 0x79]

    private static let cp1252High: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x192, 0x201E, 0x2026, 0x2020, 0x2021, 0x2C6, 0x2030, 0x160, 0x2039, 0x152, 0x8D, 0x17D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x2DC, 0x2122, 0x161, 0x203A, 0x153, 0x9D, 0x17E, 0x178,
    ]

    /// Windows-1252 (Latin-1 plus punctuation in 0x80–0x9F).
    static func cp1252(_ b: UInt8) -> UInt32 {
        b >= 0x80 && b < 0xA0 ? cp1252High[Int(b - 0x80)] : UInt32(b)
    }

    // MARK: TCVN3

    /// Runs of consecutive bytes. Capitals with a tone do not exist in VN3.
    private static let tcvn3Runs: [(UInt8, String)] = [
        (0xA1, "ĂÂÊÔƠƯĐăâêôơưđ"),
        (0xB5, "àảãáạ"),
        (0xBB, "ằẳẵắ"),
        (0xC6, "ặầẩẫấậè"),
        (0xCE, "ẻẽéẹềểễếệìỉ"),
        (0xDC, "ĩíịò"),
        (0xE1, "ỏõóọồổỗốộờởỡớợù"),
        (0xF1, "ủũúụừửữứựỳỷỹýỵ"),
    ]

    static let tcvn3Letters: Set<UInt8> = Set(tcvn3Runs.flatMap { run in
        (0..<run.1.unicodeScalars.count).map { run.0 + UInt8($0) }
    })

    static let tcvn3Decode: [UInt32] = {
        var t = (0..<256).map { cp1252(UInt8($0)) }
        for (start, letters) in tcvn3Runs {
            for (i, u) in letters.unicodeScalars.enumerated() { t[Int(start) + i] = u.value }
        }
        return t
    }()

    static let tcvn3Encode: [UInt32: [UInt8]] = {
        var e: [UInt32: [UInt8]] = [:]
        // Unused bytes read back as themselves, except Latin-1 letters: "Á" written as 0xC1
        // would not show as Á in a TCVN3 font (capitals with a tone do not exist there).
        for b in 0x80..<0xC0 where !tcvn3Letters.contains(UInt8(b)) { e[tcvn3Decode[b]] = [UInt8(b)] }
        for b in tcvn3Letters { e[tcvn3Decode[Int(b)]] = [b] }  // letters win over Latin-1 look-alikes
        return e
    }()

    // MARK: VNI-Windows

    struct Mark {
        var vowelMark: UInt32  // 0x302 circumflex, 0x306 breve, or 0
        var tone: UInt32       // combining tone, or 0

        func fits(_ carrier: UInt32) -> Bool {
            switch vowelMark {
            case 0x306: return carrier == 0x61
            case 0x302: return carrier == 0x61 || carrier == 0x65 || carrier == 0x6F
            default: return true
            }
        }
    }

    /// Index 0…5: none, sắc, huyền, hỏi, ngã, nặng (the VNI typing order 1–5).
    private static let toneScalars: [UInt32] = [0, 0x301, 0x300, 0x309, 0x303, 0x323]
    private static let toneBytes: [[UInt8]] = [[0, 0xF9, 0xF8, 0xFB, 0xF5, 0xEF], [0, 0xD9, 0xD8, 0xDB, 0xD5, 0xCF]]
    private static let circumflexBytes: [[UInt8]] = [[0xE2, 0xE1, 0xE0, 0xE5, 0xE3, 0xE4], [0xC2, 0xC1, 0xC0, 0xC5, 0xC3, 0xC4]]
    private static let breveBytes: [[UInt8]] = [[0xEA, 0xE9, 0xE8, 0xFA, 0xFC, 0xEB], [0xCA, 0xC9, 0xC8, 0xDA, 0xDC, 0xCB]]
    /// i with a tone is one byte (the plain i is ASCII).
    private static let iBytes: [[UInt8]] = [[0x69, 0xED, 0xEC, 0xE6, 0xF3, 0xF2], [0x49, 0xCD, 0xCC, 0xC6, 0xD3, 0xD2]]
    /// ơ, ư, đ and ỵ are one byte too; [lowercase, uppercase].
    private static let horn: (o: [UInt8], u: [UInt8]) = ([0xF4, 0xD4], [0xF6, 0xD6])
    private static let dStroke: [UInt8] = [0xF1, 0xD1]
    private static let yDot: [UInt8] = [0xEE, 0xCE]

    static let vniMarks: [UInt8: Mark] = {
        var m: [UInt8: Mark] = [:]
        for c in 0..<2 {
            for t in 0..<6 {
                if t > 0 { m[toneBytes[c][t]] = Mark(vowelMark: 0, tone: toneScalars[t]) }
                m[circumflexBytes[c][t]] = Mark(vowelMark: 0x302, tone: toneScalars[t])
                m[breveBytes[c][t]] = Mark(vowelMark: 0x306, tone: toneScalars[t])
            }
        }
        return m
    }()

    /// Single-byte letters; `carrier` is the lowercase letter a following tone byte may sit on (ơ, ư).
    static let vniLetters: [UInt8: (scalar: UInt32, carrier: UInt32)] = {
        var l: [UInt8: (scalar: UInt32, carrier: UInt32)] = [:]
        for c in 0..<2 {
            l[horn.o[c]] = (c == 0 ? 0x1A1 : 0x1A0, 0x1A1)
            l[horn.u[c]] = (c == 0 ? 0x1B0 : 0x1AF, 0x1B0)
            l[dStroke[c]] = (c == 0 ? 0x111 : 0x110, 0)
            l[yDot[c]] = (c == 0 ? 0x1EF5 : 0x1EF4, 0)
            for t in 1..<6 { l[iBytes[c][t]] = (compose(c == 0 ? "i" : "I", [toneScalars[t]]), 0) }
        }
        return l
    }()

    static let vniEncode: [UInt32: [UInt8]] = {
        var e: [UInt32: [UInt8]] = [:]
        func add(_ base: String, _ marks: [UInt32], _ bytes: [UInt8]) {
            e[compose(base, marks.filter { $0 != 0 })] = bytes
        }
        for c in 0..<2 {
            let up = { (s: String) in c == 0 ? s : s.uppercased() }
            let ascii = { (s: String) in UInt8(up(s).unicodeScalars.first!.value) }
            for t in 0..<6 {
                let tone = toneScalars[t]
                let toneTail: [UInt8] = t == 0 ? [] : [toneBytes[c][t]]
                for v in ["a", "e", "o", "u", "y"] where t > 0 && !(v == "y" && t == 5) {
                    add(up(v), [tone], [ascii(v)] + toneTail)
                }
                for v in ["a", "e", "o"] { add(up(v), [0x302, tone], [ascii(v), circumflexBytes[c][t]]) }
                add(up("a"), [0x306, tone], [ascii("a"), breveBytes[c][t]])
                add(up("o"), [0x31B, tone], [horn.o[c]] + toneTail)
                add(up("u"), [0x31B, tone], [horn.u[c]] + toneTail)
                if t > 0 { add(up("i"), [tone], [iBytes[c][t]]) }
            }
            add(up("y"), [0x323], [yDot[c]])
            e[c == 0 ? 0x111 : 0x110] = [dStroke[c]]
        }
        // Other Windows-1252 characters, when their byte means nothing special in VNI.
        for b in 0x80..<0x100 where vniMarks[UInt8(b)] == nil && vniLetters[UInt8(b)] == nil {
            let v = cp1252(UInt8(b))
            if e[v] == nil { e[v] = [UInt8(b)] }
        }
        return e
    }()

    /// The NFC scalar of a base letter plus combining marks (all Vietnamese letters compose to one).
    private static func compose(_ base: String, _ marks: [UInt32]) -> UInt32 {
        var s = String.UnicodeScalarView(base.unicodeScalars)
        for m in marks { s.append(Unicode.Scalar(m)!) }
        let composed = String(s).precomposedStringWithCanonicalMapping.unicodeScalars
        precondition(composed.count == 1, "not a precomposed letter")
        return composed.first!.value
    }
}
