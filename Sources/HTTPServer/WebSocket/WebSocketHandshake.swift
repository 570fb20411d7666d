import ByteText

/// The server side of the WebSocket opening handshake (RFC 6455 §4.2): checks an
/// HTTP request for a valid upgrade and computes the `101 Switching Protocols`
/// answer.
///
/// Pure: the HTTP layer passes the request line's method and version and the
/// header fields in arrival order (repeats kept), then writes the response it
/// gets back. No subprotocol or extension is negotiated, so the answer carries
/// neither `Sec-WebSocket-Protocol` nor `Sec-WebSocket-Extensions` (§4.2.2
/// allows omitting both; the client then uses none).
///
/// ```swift
/// switch WebSocketHandshake.accept(method: "GET", version: (1, 1), headers: fields) {
/// case .success(let headers): // write "101 Switching Protocols" with `headers`
/// case .failure(let error):   // write `error.status` with `error.headers`
/// }
/// ```
public enum WebSocketHandshake {
    /// A header field as the HTTP layer passes it: name in any case, value as sent.
    public typealias HeaderField = (name: String, value: String)

    /// The GUID appended to the key before hashing (RFC 6455 §1.3, §4.2.2 item 5.4).
    public static let acceptGUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"

    /// The only protocol version this server speaks (RFC 6455 §4.2.1 item 6).
    public static let supportedVersion = "13"

    /// The `Sec-WebSocket-Accept` value for a client's `Sec-WebSocket-Key`:
    /// base64(SHA-1(key + GUID)) (RFC 6455 §4.2.2 item 5.4).
    ///
    /// ```swift
    /// WebSocketHandshake.acceptValue(forKey: "dGhlIHNhbXBsZSBub25jZQ==") // "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="
    /// ```
    public static func acceptValue(forKey key: String) -> String {
        Base64.encode(SHA1.hash(Array((key + acceptGUID).utf8)))
    }

    /// Validates an upgrade request (RFC 6455 §4.2.1) and returns the header
    /// fields of the `101` response (§4.2.2), or the error that says which
    /// `400`/`426` answer to send instead.
    ///
    /// The checks, in order: method `GET`; HTTP/1.1 or later; a `Host` field;
    /// `Upgrade` listing the token `websocket`; `Connection` listing the token
    /// `upgrade`; `Sec-WebSocket-Version: 13`; exactly one `Sec-WebSocket-Key`
    /// that decodes to 16 bytes. Tokens compare case-insensitively and header
    /// fields repeated on several lines count as one comma-separated list
    /// (RFC 9110 §5.3).
    public static func accept(
        method: String, version: (major: Int, minor: Int), headers: [HeaderField]
    ) -> Result<[HeaderField], WebSocketHandshakeError> {
        // §4.2.1 item 1: "An HTTP/1.1 or higher GET request".
        guard method == "GET" else { return .failure(.methodNotGET) }
        guard version.major > 1 || (version.major == 1 && version.minor >= 1) else {
            return .failure(.httpVersionTooOld)
        }
        // §4.2.1 item 2.
        guard !values(named: "host", in: headers).isEmpty else { return .failure(.missingHost) }
        // §4.2.1 item 3; RFC 9110 §7.8: the field is a list of protocols.
        guard tokens(named: "upgrade", in: headers).contains("websocket") else {
            return .failure(.missingUpgrade)
        }
        // §4.2.1 item 4.
        guard tokens(named: "connection", in: headers).contains("upgrade") else {
            return .failure(.missingConnectionUpgrade)
        }
        // §4.2.1 item 6 and §4.4: anything but exactly "13" gets 426 listing 13.
        let versions = tokens(named: "sec-websocket-version", in: headers)
        guard versions == [supportedVersion] else { return .failure(.unsupportedVersion) }
        // §4.2.1 item 5: one key, base64 of 16 bytes (§4.1 item 7).
        let keys = values(named: "sec-websocket-key", in: headers).map { String($0.trimmingASCIIWhitespace()) }
        guard keys.count == 1, let key = keys.first, Base64.decode(key)?.count == 16 else {
            return .failure(.invalidKey)
        }
        return .success([
            (name: "Upgrade", value: "websocket"),
            (name: "Connection", value: "Upgrade"),
            (name: "Sec-WebSocket-Accept", value: acceptValue(forKey: key)),
        ])
    }

    /// Every value of the fields called `name` (compared case-insensitively,
    /// RFC 9110 §5.1), in order.
    static func values(named name: String, in headers: [HeaderField]) -> [String] {
        headers.filter { $0.name.lowercased() == name }.map(\.value)
    }

    /// The comma-separated elements of the fields called `name`, trimmed,
    /// lower-cased, empty elements dropped (RFC 9110 §5.6.1).
    static func tokens(named name: String, in headers: [HeaderField]) -> [String] {
        values(named: name, in: headers).flatMap { value in
            value.split(separator: ",").map { $0.trimmingASCIIWhitespace().lowercased() }.filter { !$0.isEmpty }
        }
    }
}
