import Foundation
import XCTest
@testable import LoaCore

/// Paths of the package, its fixtures and the built `loa` binary, found from this file's location.
enum TestPaths {
    static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }   // Support/, LoaCoreTests/, Tests/, package
        return url.path
    }()

    static var fixtures: String { packageRoot + "/Tests/Fixtures" }
    static var baseSite: String { fixtures + "/base-site" }

    /// The `loa` executable built beside the test bundle (`.build/debug/loa`).
    static var loaBinary: String {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("loa").path
        if FileManager.default.isExecutableFile(atPath: beside) { return beside }
        for candidate in [Bundle.main.bundleURL.appendingPathComponent("loa").path, packageRoot + "/.build/debug/loa"]
        where FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        return packageRoot + "/.build/debug/loa"
    }
}

/// A scratch folder removed when the test case ends.
final class TempDir {
    let path: String

    init(_ label: String = "site") {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("loa-guard-\(label)-\(UUID().uuidString.prefix(8))").path
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func write(_ relative: String, _ text: String) throws {
        try write(relative, Array(text.utf8))
    }

    func write(_ relative: String, _ bytes: [UInt8]) throws {
        let target = path + "/" + relative
        try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: target))
    }
}

enum SiteFiles {
    /// Copies a folder's files over `destination`, replacing files of the same name.
    static func overlay(_ source: String, onto destination: String, skipping: Set<String> = []) throws {
        let fm = FileManager.default
        guard let enumerator = fm.enumerator(atPath: source) else { return }
        while let item = enumerator.nextObject() as? String {
            if skipping.contains(item) { continue }
            var isDir: ObjCBool = false
            _ = fm.fileExists(atPath: source + "/" + item, isDirectory: &isDir)
            let target = destination + "/" + item
            if isDir.boolValue {
                try fm.createDirectory(atPath: target, withIntermediateDirectories: true)
            } else {
                if fm.fileExists(atPath: target) { try fm.removeItem(atPath: target) }
                try fm.copyItem(atPath: source + "/" + item, toPath: target)
            }
        }
    }

    /// Path → (size, FNV-1a 64) of every regular file below `root`: enough to tell two builds apart.
    static func snapshot(_ root: String) -> [String: String] {
        var result: [String: String] = [:]
        for file in OutputWriter.listFiles(root) {
            let bytes = [UInt8](FileManager.default.contents(atPath: root + "/" + file) ?? Data())
            result[file] = "\(bytes.count):\(String(fnv1a(bytes), radix: 16))"
        }
        return result
    }

    static func fnv1a(_ bytes: [UInt8]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }
}

/// Runs an executable to completion, output captured through files so no pipe can fill up.
struct ProcessResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

enum Run {
    static func loa(_ arguments: [String], timeout: TimeInterval = 60) throws -> ProcessResult {
        try process(TestPaths.loaBinary, arguments, timeout: timeout)
    }

    static func process(_ executable: String, _ arguments: [String], timeout: TimeInterval = 60) throws -> ProcessResult {
        let scratch = TempDir("out")
        let out = scratch.path + "/stdout", err = scratch.path + "/stderr"
        _ = FileManager.default.createFile(atPath: out, contents: nil)
        _ = FileManager.default.createFile(atPath: err, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = FileHandle(forWritingAtPath: out)
        process.standardError = FileHandle(forWritingAtPath: err)
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(5_000) }
        if process.isRunning { process.terminate(); process.waitUntilExit() }
        process.waitUntilExit()
        let read = { (path: String) in String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self) }
        return ProcessResult(status: process.terminationStatus, stdout: read(out), stderr: read(err))
    }
}

extension BuildOptions {
    /// A build at a fixed moment, so fixtures never depend on the day the tests run.
    static func fixed(_ root: String, maxFileBytes: Int? = nil) -> BuildOptions {
        var options = BuildOptions(root: root, now: ContentDate(parsing: "2025-01-01T08:00:00+07:00")!)
        if let maxFileBytes { options.maxFileBytes = maxFileBytes }
        return options
    }
}
