/// A response to send: status, header fields and body.
///
/// The server adds the framing itself when serializing (``HTTPResponseSerializer``):
/// `Content-Length`, `Date` and `Connection`; any `Content-Length`,
/// `Transfer-Encoding` or `Connection` set here is replaced (a `Connection: close`
/// set here is honoured by closing after the response). For `HEAD` requests the
/// body is not sent but its length is announced (RFC 9110 §9.3.2).
///
/// To switch protocols (WebSocket), answer `101` with the handshake headers and
/// ``upgrade``: once the 101 is queued, HTTP parsing stops and the callback is
/// given the connection (see ``UpgradedConnection``).
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: HTTPHeaders
    public var body: [UInt8]
    /// Called on the connection's loop thread right after a `101` response is
    /// queued; returns the delegate that receives the connection's bytes from then on.
    public var upgrade: (@Sendable (UpgradedConnection) -> any UpgradedConnectionDelegate)?

    public init(status: Int = 200, headers: HTTPHeaders = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A `101 Switching Protocols` response that hands the connection to `upgrade`.
    public static func switchingProtocols(headers: HTTPHeaders, upgrade: @escaping @Sendable (UpgradedConnection) -> any UpgradedConnectionDelegate) -> HTTPResponse {
        var response = HTTPResponse(status: 101, headers: headers)
        response.upgrade = upgrade
        return response
    }

    /// True if this status never has a body (RFC 9110 §6.4.1: 1xx, 204, 304).
    var statusForbidsBody: Bool { status < 200 || status == 204 || status == 304 }

    /// The reason phrase sent for `status` (RFC 9110 §15); clients ignore it.
    static func reasonPhrase(for status: Int) -> String {
        switch status {
        case 100: "Continue"
        case 101: "Switching Protocols"
        case 200: "OK"
        case 201: "Created"
        case 202: "Accepted"
        case 204: "No Content"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 304: "Not Modified"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 408: "Request Timeout"
        case 409: "Conflict"
        case 412: "Precondition Failed"
        case 413: "Content Too Large"
        case 415: "Unsupported Media Type"
        case 417: "Expectation Failed"
        case 422: "Unprocessable Content"
        case 426: "Upgrade Required"
        case 429: "Too Many Requests"
        case 431: "Request Header Fields Too Large"
        case 500: "Internal Server Error"
        case 501: "Not Implemented"
        case 503: "Service Unavailable"
        case 505: "HTTP Version Not Supported"
        default: "Status \(status)"
        }
    }
}
