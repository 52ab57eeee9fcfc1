import Foundation

/// Collects diagnostics from concurrent stages. A class because loaders running on all cores report into one log.
public final class DiagnosticLog: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [Diagnostic] = []

    public init() {}

    public func report(_ diagnostic: Diagnostic) {
        lock.lock(); defer { lock.unlock() }
        items.append(diagnostic)
    }

    public func error(_ file: String, _ line: Int?, _ message: String) {
        report(.error(file, line, message))
    }

    public func warning(_ file: String, _ line: Int?, _ message: String) {
        report(.warning(file, line, message))
    }

    public func merge(_ others: [Diagnostic]) {
        lock.lock(); defer { lock.unlock() }
        items.append(contentsOf: others)
    }

    /// Sorted and de-duplicated, so the report is stable whatever the thread order.
    public var all: [Diagnostic] {
        lock.lock(); defer { lock.unlock() }
        return Array(Set(items)).sorted()
    }

    public var hasErrors: Bool {
        lock.lock(); defer { lock.unlock() }
        return items.contains { $0.severity == .error }
    }

    /// Throws every collected problem at once when any is an error; the stage boundary calls this.
    public func throwIfErrors() throws {
        if hasErrors { throw BuildFailure(all) }
    }
}
