import Testing
@testable import HTTPServer

@Suite("WebSocket opening handshake (RFC 6455 §4.2)")
struct WebSocketHandshakeTests {
    /// The client handshake of RFC 6455 §1.2 / §4.1.
    static let rfcRequest: [WebSocketHandshake.HeaderField] = [
        ("Host", "server.example.com"),
        ("Upgrade", "websocket"),
        ("Connection", "Upgrade"),
        ("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="),
        ("Origin", "http://example.com"),
        ("Sec-WebSocket-Protocol", "chat, superchat"),
        ("Sec-WebSocket-Version", "13"),
    ]

    func accept(_ headers: [WebSocketHandshake.HeaderField], method: String = "GET", version: (Int, Int) = (1, 1))
        -> Result<[WebSocketHandshake.HeaderField], WebSocketHandshakeError>
    {
        WebSocketHandshake.accept(method: method, version: version, headers: headers)
    }

    func replacing(_ name: String, with value: String?) -> [WebSocketHandshake.HeaderField] {
        var headers = Self.rfcRequest.filter { $0.name != name }
        if let value { headers.append((name, value)) }
        return headers
    }

    func error(_ result: Result<[WebSocketHandshake.HeaderField], WebSocketHandshakeError>) -> WebSocketHandshakeError? {
        if case .failure(let error) = result { return error }
        return nil
    }

    @Test func acceptValueOfRFCExample() {
        #expect(WebSocketHandshake.acceptValue(forKey: "dGhlIHNhbXBsZSBub25jZQ==") == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")
    }

    /// Key and accept pairs computed independently (Python hashlib + base64).
    @Test(arguments: [
        ("x3JJHMbDL1EzLkh9GBhXDw==", "HSmrc0sMlYUkAGmm5OPpG2HaGWk="),
        ("AQIDBAUGBwgJCgsMDQ4PEA==", "C/0nmHhBztSRGR1CwL6Tf4ZjwpY="),
    ])
    func acceptValues(key: String, accept: String) {
        #expect(WebSocketHandshake.acceptValue(forKey: key) == accept)
    }

    @Test func acceptsRFCExample() throws {
        let headers = try accept(Self.rfcRequest).get()
        #expect(headers.map(\.name) == ["Upgrade", "Connection", "Sec-WebSocket-Accept"])
        #expect(headers.map(\.value) == ["websocket", "Upgrade", "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="])
    }

    @Test func acceptsCaseInsensitiveNamesListsAndRepeatedFields() throws {
        let headers: [WebSocketHandshake.HeaderField] = [
            ("HOST", "localhost:8080"),
            ("upgrade", "h2c"),
            ("UPGRADE", "  WebSocket , foo/2 "),
            ("connection", "keep-alive,, Upgrade"),
            ("sec-websocket-key", " dGhlIHNhbXBsZSBub25jZQ==\t"),
            ("SEC-WEBSOCKET-VERSION", " 13 "),
        ]
        let response = try accept(headers, version: (2, 0)).get()
        #expect(response.last?.value == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")
    }

    @Test(arguments: ["POST", "get", "HEAD", "CONNECT"])
    func rejectsOtherMethods(method: String) {
        #expect(error(accept(Self.rfcRequest, method: method)) == .methodNotGET)
    }

    @Test func rejectsHTTP10() {
        #expect(error(accept(Self.rfcRequest, version: (1, 0))) == .httpVersionTooOld)
        #expect(error(accept(Self.rfcRequest, version: (0, 9))) == .httpVersionTooOld)
    }

    @Test func rejectsMissingHost() {
        #expect(error(accept(replacing("Host", with: nil))) == .missingHost)
    }

    @Test(arguments: [nil, "", "h2c", "websocket2", "web socket", "websocket/13"] as [String?])
    func rejectsMissingUpgrade(value: String?) throws {
        let failure = try #require(error(accept(replacing("Upgrade", with: value))))
        #expect(failure == .missingUpgrade)
        #expect(failure.status == 426)
        #expect(failure.headers.map(\.name).contains("Upgrade"))
    }

    @Test(arguments: [nil, "", "keep-alive", "upgraded", "close"] as [String?])
    func rejectsMissingConnectionUpgrade(value: String?) throws {
        let failure = try #require(error(accept(replacing("Connection", with: value))))
        #expect(failure == .missingConnectionUpgrade)
        #expect(failure.status == 400)
        #expect(failure.headers.isEmpty)
    }

    @Test(arguments: [nil, "", "8", "12", "14", "13, 8", "013"] as [String?])
    func rejectsOtherVersionsWith426(value: String?) throws {
        let failure = try #require(error(accept(replacing("Sec-WebSocket-Version", with: value))))
        #expect(failure == .unsupportedVersion)
        #expect(failure.status == 426)
        #expect(failure.headers.contains { $0.name == "Sec-WebSocket-Version" && $0.value == "13" })
    }

    @Test func rejectsRepeatedVersionField() {
        let headers = Self.rfcRequest + [("Sec-WebSocket-Version", "13")]
        #expect(error(accept(headers)) == .unsupportedVersion)
    }

    @Test(arguments: [
        nil, "", "dGhlIHNhbXBsZSBub25jZQ", // missing padding
        "dGhlIHNhbXBsZSBub25jZQ=", "dGhlIHNhbXBsZSBub25j", // 15 bytes
        "dGhlIHNhbXBsZSBub25jZSE=", // 17 bytes
        "AQIDBAUGBwgJCgsMDQ4PEC==", // non-zero pad bits
        "dGhlIHNhbXBsZSBub25jZQ==dGhlIHNhbXBsZSBub25jZQ==", "not base64 at all!!!!!!=",
    ] as [String?])
    func rejectsBadKeys(value: String?) throws {
        let failure = try #require(error(accept(replacing("Sec-WebSocket-Key", with: value))))
        #expect(failure == .invalidKey)
        #expect(failure.status == 400)
    }

    @Test func rejectsTwoKeys() {
        let headers = Self.rfcRequest + [("Sec-WebSocket-Key", "x3JJHMbDL1EzLkh9GBhXDw==")]
        #expect(error(accept(headers)) == .invalidKey)
    }

    @Test func plainGETAsksForAnUpgrade() throws {
        let failure = try #require(error(accept([("Host", "localhost")])))
        #expect(failure == .missingUpgrade)
        #expect(failure.status == 426)
        #expect(!failure.reason.isEmpty)
    }
}
