import Foundation
import LoaCore

/// rankings/<index>.yaml loader (scales, ranks, areas, years) on arbitrary bytes, through a scratch site.
let site: String = {
    let path = NSTemporaryDirectory() + "loa-fuzz-rankings-\(getpid())"
    try? FileManager.default.createDirectory(atPath: path + "/content/rankings", withIntermediateDirectories: true)
    return path
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(bytes: data, count: size)
    _ = FileManager.default.createFile(atPath: site + "/content/rankings/par-index.yaml", contents: bytes)
    let log = DiagnosticLog()
    let indices = RankingLoader.load(SourceFiles(root: site), unitIDs: ["hoang-viet", "thi-tran-mau"], log: log)
    // Lines as the loader counts them (VietnameseText.clean): LF, CRLF, and a lone CR.
    let lines = bytes.indices.filter { bytes[$0] == 0x0A || (bytes[$0] == 0x0D && ($0 + 1 == bytes.count || bytes[$0 + 1] != 0x0A)) }.count + 1
    for index in indices { precondition(UnitsLoader.isValidID(index.id)) }
    for diagnostic in log.all {
        precondition(diagnostic.line.map { $0 >= 1 && $0 <= lines + 1 } ?? true, "line out of file: \(diagnostic)")
    }
    return 0
}
