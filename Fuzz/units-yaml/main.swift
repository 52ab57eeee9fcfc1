import LoaCore

/// units.yaml loader (libyaml through Yams, positions, typed reads) on arbitrary bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let log = DiagnosticLog()
    guard let text = SourceFiles.decode(bytes, file: UnitsLoader.file, maxBytes: 1 << 20, log: log) else { return 0 }
    let units = UnitsLoader.parse(text, log: log)
    let lines = text.utf8.filter { $0 == 0x0A }.count + 1
    for unit in units { precondition(UnitsLoader.isValidID(unit.id)) }
    for diagnostic in log.all {
        precondition(diagnostic.line.map { $0 >= 1 && $0 <= lines + 1 } ?? true, "line out of file: \(diagnostic)")
    }
    return 0
}
