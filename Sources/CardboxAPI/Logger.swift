import Platform
import VCard

/// Log lines on standard error with a level (SPEC §5: one line per event worth
/// knowing; each request at `debug`).
public struct Logger: Sendable {
    public enum Level: Int, Sendable, Comparable, CaseIterable {
        case debug, info, warning, error

        public init?(name: String) {
            switch name.lowercased() {
            case "debug": self = .debug
            case "info": self = .info
            case "warning", "warn": self = .warning
            case "error": self = .error
            default: return nil
            }
        }

        public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }

        var name: String {
            switch self {
            case .debug: return "debug"
            case .info: return "info"
            case .warning: return "warning"
            case .error: return "error"
            }
        }
    }

    public let minimum: Level

    public init(minimum: Level = .info) {
        self.minimum = minimum
    }

    public func isEnabled(_ level: Level) -> Bool { level >= minimum }

    /// Writes `message` if `level` is enabled: `2026-11-29T14:52:27Z info message`.
    public func log(_ level: Level, _ message: @autoclosure () -> String) {
        guard isEnabled(level) else { return }
        StandardError.write("\(TimestampText.now()) \(level.name) \(message())")
    }

    public func debug(_ message: @autoclosure () -> String) { log(.debug, message()) }
    public func info(_ message: @autoclosure () -> String) { log(.info, message()) }
    public func warning(_ message: @autoclosure () -> String) { log(.warning, message()) }
    public func error(_ message: @autoclosure () -> String) { log(.error, message()) }
}

/// The current time as RFC 3339 text.
enum TimestampText {
    static func now() -> String {
        VCardTimestamp(secondsSince1970: WallClock.secondsSince1970()).rfc3339
    }
}

/// Writes lines to standard error (logs and diagnostics never go to stdout).
public enum StandardError {
    /// Writes `line` and a line break, unbuffered. A failed write is dropped:
    /// there is nowhere else to report it.
    public static func write(_ line: String) {
        var bytes = Array(line.utf8)
        bytes.append(0x0A)
        try? FileDescriptor.standardError.writeAll(bytes)
    }
}
