#if canImport(Glibc)
import Glibc
#endif

extension String {
    /// Byte order of the UTF-8 encodings, as `utf8.lexicographicallyPrecedes` gives it: the order of output
    /// paths, search terms and manifests everywhere, independent of locale. Compared with `memcmp` on the
    /// contiguous bytes; the generic comparison of the two views was 3 % of a one-article edit (its sorts).
    func precedesInByteOrder(_ other: String) -> Bool {
        var a = self, b = other
        let result = a.withUTF8 { x in
            b.withUTF8 { y -> Bool in
                let common = min(x.count, y.count)
                if common > 0, let xs = x.baseAddress, let ys = y.baseAddress {
                    let order = memcmp(xs, ys, common)
                    if order != 0 { return order < 0 }
                }
                return x.count < y.count
            }
        }
        return result
    }
}
