import Foundation

/// Writes JSON byte for byte as Foundation's `JSONSerialization` does with `.sortedKeys` and
/// `.withoutEscapingSlashes` (and `.prettyPrinted` when asked), for the values Loa builds: strings,
/// integers, booleans, `NSNull`, arrays and string-keyed dictionaries whose keys are made of ASCII
/// letters, `_` and `@`. Anything else returns nil and the caller uses `JSONSerialization`, which was a
/// quarter of a build's CPU (every page's JSON-LD, the JSON Feeds, the outbox).
///
/// Key order matches Foundation's (a collation, not code points): `_` before `@` before letters, letters
/// without regard to case, a key before its longer extensions. Keys that differ only in case, or that
/// hold digits or other characters, are left to Foundation.
enum JSONWriter {
    static func serialize(_ value: Any, pretty: Bool) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(1024)
        guard write(value, pretty: pretty, indent: 0, to: &out) else { return nil }
        return String(decoding: out, as: UTF8.self)
    }

    private static func write(_ value: Any, pretty: Bool, indent: Int, to out: inout [UInt8]) -> Bool {
        switch value {
        case let string as String:
            writeString(string, to: &out)
        case let bool as Bool:
            out += bool ? Array("true".utf8) : Array("false".utf8)
        case let int as Int:
            out += Array(String(int).utf8)
        case is NSNull:
            out += Array("null".utf8)
        case let array as [Any]:
            out.append(0x5B)
            if pretty { out.append(0x0A) }
            for (index, element) in array.enumerated() {
                if index > 0 { out.append(0x2C); if pretty { out.append(0x0A) } }
                if pretty { out += repeatElement(0x20, count: indent + 2) }
                guard write(element, pretty: pretty, indent: indent + 2, to: &out) else { return false }
            }
            if pretty { out.append(0x0A); out += repeatElement(0x20, count: indent) }
            out.append(0x5D)
        case let object as [String: Any]:
            guard let keys = sortedKeys(object) else { return false }
            out.append(0x7B)
            if pretty { out.append(0x0A) }
            for (index, key) in keys.enumerated() {
                if index > 0 { out.append(0x2C); if pretty { out.append(0x0A) } }
                if pretty { out += repeatElement(0x20, count: indent + 2) }
                writeString(key, to: &out)
                out += pretty ? [0x20, 0x3A, 0x20] : [0x3A]
                guard write(object[key]!, pretty: pretty, indent: indent + 2, to: &out) else { return false }
            }
            if pretty { out.append(0x0A); out += repeatElement(0x20, count: indent) }
            out.append(0x7D)
        default:
            return false
        }
        return true
    }

    /// Keys in Foundation's order, or nil when a key is outside what this order covers.
    static func sortedKeys(_ object: [String: Any]) -> [String]? {
        var weighted: [(key: String, weights: [UInt8])] = []
        weighted.reserveCapacity(object.count)
        for key in object.keys {
            var weights: [UInt8] = []
            for byte in key.utf8 {
                switch byte {
                case 0x5F: weights.append(1)                         // _
                case 0x40: weights.append(2)                         // @
                case 0x61...0x7A: weights.append(byte)               // a-z
                case 0x41...0x5A: weights.append(byte + 0x20)        // A-Z as a-z
                default: return nil
                }
            }
            weighted.append((key, weights))
        }
        weighted.sort { $0.weights.lexicographicallyPrecedes($1.weights) }
        for index in weighted.indices.dropFirst() where weighted[index].weights == weighted[index - 1].weights {
            return nil   // differ only in case
        }
        return weighted.map(\.key)
    }

    private static let hex = Array("0123456789abcdef".utf8)

    static func writeString(_ string: String, to out: inout [UInt8]) {
        out.append(0x22)
        for byte in string.utf8 {
            switch byte {
            case 0x22: out += [0x5C, 0x22]
            case 0x5C: out += [0x5C, 0x5C]
            case 0x0A: out += [0x5C, 0x6E]
            case 0x0D: out += [0x5C, 0x72]
            case 0x09: out += [0x5C, 0x74]
            case 0x08: out += [0x5C, 0x62]
            case 0x0C: out += [0x5C, 0x66]
            case 0..<0x20: out += [0x5C, 0x75, 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            default: out.append(byte)
            }
        }
        out.append(0x22)
    }
}
