/// Why a request could not be parsed, and the status it is answered with.
///
/// Every parse error ends the connection: after a framing error nothing that
/// follows can be trusted to start a new request (RFC 9112 §6.3, §11.2).
public struct HTTPParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The response status: 400, 413, 417, 431, 501 or 505.
    public let status: Int
    /// A short English explanation for the error response and logs.
    public let message: String
    /// The byte offset in the connection's stream where the problem was found.
    public let offset: Int

    public init(status: Int, message: String, offset: Int) {
        self.status = status
        self.message = message
        self.offset = offset
    }

    public var description: String { "\(status) \(message) (at byte \(offset))" }
}
