/// The status code of a WebSocket Close frame (RFC 6455 §7.4).
///
/// A struct rather than an enum so that any code a peer sends can be carried,
/// with named values for the ones Cardbox sends.
///
/// ```swift
/// WebSocketCloseCode.protocolError.rawValue   // 1002
/// WebSocketCloseCode(rawValue: 4000).isValidOnTheWire // true
/// ```
public struct WebSocketCloseCode: RawRepresentable, Hashable, Sendable, ExpressibleByIntegerLiteral, CustomStringConvertible {
    /// The code as sent on the wire, big-endian in the first two payload bytes (§5.5.1).
    public let rawValue: UInt16

    /// Wraps any 16-bit code, valid or not.
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// Allows `let code: WebSocketCloseCode = 1000` in tests and tables.
    public init(integerLiteral value: UInt16) { self.rawValue = value }

    /// 1000: the purpose of the connection is fulfilled (§7.4.1).
    public static let normalClosure: Self = 1000
    /// 1001: the endpoint is going away — server shutdown, or a peer abandoned
    /// because it stopped answering pings (§7.4.1).
    public static let goingAway: Self = 1001
    /// 1002: the peer broke the framing rules (§7.4.1).
    public static let protocolError: Self = 1002
    /// 1003: a kind of data this endpoint cannot accept (§7.4.1).
    public static let unsupportedData: Self = 1003
    /// 1007: message data inconsistent with its type — text that is not UTF-8 (§7.4.1, §8.1).
    public static let invalidPayloadData: Self = 1007
    /// 1008: a policy was violated — here, a client reading too slowly (§7.4.1; SPEC §3).
    public static let policyViolation: Self = 1008
    /// 1009: a message too big to process (§7.4.1; 64 KiB in Cardbox).
    public static let messageTooBig: Self = 1009
    /// 1011: the server met an unexpected condition (§7.4.1).
    public static let internalError: Self = 1011

    /// Whether a Close frame may carry this code (RFC 6455 §7.4.1, §7.4.2 and the
    /// IANA "WebSocket Close Code Number Registry", §11.7): 1000–1003, 1007–1014
    /// and the application ranges 3000–4999. 1004 is reserved, 1005, 1006 and
    /// 1015 "MUST NOT be set … in a Close control frame", 0–999 are unused, and
    /// other codes below 3000 are unassigned, so receiving them is a protocol error.
    public var isValidOnTheWire: Bool {
        switch rawValue {
        case 1000...1003, 1007...1014, 3000...4999: true
        default: false
        }
    }

    /// The number, for logs.
    public var description: String { String(rawValue) }
}
