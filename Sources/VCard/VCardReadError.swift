/// Why bytes could not be read as vCards, and where.
public struct VCardReadError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The 1-based line where the problem was found.
    public let line: Int
    /// A short human-readable reason, e.g. `missing END:VCARD`.
    public let reason: String

    public init(line: Int, reason: String) {
        self.line = line
        self.reason = reason
    }

    public var description: String { "line \(line): \(reason)" }
}
