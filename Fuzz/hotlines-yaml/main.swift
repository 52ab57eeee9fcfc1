import Foundation
import LoaCore

/// hotlines.yaml loader (phone numbers, e-mail, units) on arbitrary bytes, through a scratch site folder
/// so the real entry point (SourceFiles: UTF-8, size, symlink checks) is what runs.
let site: String = {
    let path = NSTemporaryDirectory() + "loa-fuzz-hotlines-\(getpid())"
    try? FileManager.default.createDirectory(atPath: path + "/content", withIntermediateDirectories: true)
    return path
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(bytes: data, count: size)
    _ = FileManager.default.createFile(atPath: site + "/" + HotlineLoader.file, contents: bytes)
    let log = DiagnosticLog()
    let hotlines = HotlineLoader.load(SourceFiles(root: site), unitIDs: ["hoang-viet", "thi-tran-mau"], log: log)
    // Lines as the loader counts them (VietnameseText.clean): LF, CRLF, and a lone CR.
    let lines = bytes.indices.filter { bytes[$0] == 0x0A || (bytes[$0] == 0x0D && ($0 + 1 == bytes.count || bytes[$0 + 1] != 0x0A)) }.count + 1
    for hotline in hotlines { precondition(!hotline.agency.isEmpty) }
    for diagnostic in log.all {
        precondition(diagnostic.line.map { $0 >= 1 && $0 <= lines + 1 } ?? true, "line out of file: \(diagnostic)")
    }
    return 0
}
