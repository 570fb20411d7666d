import ByteText

// The request head: request line, field lines, and the framing decision.

extension HTTPRequestParser {
    /// Handles one line of the head; returns an event when the head is complete.
    mutating func headLine(_ line: Range<Int>) throws(HTTPParseError) -> Event? {
        if case .requestLine = state {
            // RFC 9112 §2.2: a server SHOULD ignore at least one empty line before
            // the request line (left over from a client's previous body). Their
            // bytes still count against the head limit.
            if line.isEmpty { return nil }
            request = try parseRequestLine(line)
            state = .fields
            return nil
        }
        if line.isEmpty { return try finishHead() }
        // RFC 9112 §5.2: a server that receives obs-fold MUST reject the message
        // with 400 or replace it; continuation lines are a smuggling aid, so reject.
        if ASCII.isWhitespace(buffer[line.lowerBound]) { throw error(400, "obsolete line folding in field") }
        // `request` is set with the request line; optional chaining, not `!`, so no
        // input can trap here whatever the state.
        if (request?.headers.count ?? 0) >= Self.maximumFieldCount {
            throw error(431, "more than \(Self.maximumFieldCount) header fields")
        }
        let field = try parseField(line)
        request?.headers.add(name: field.name, value: field.value)
        return nil
    }

    /// RFC 9112 §3: `request-line = method SP request-target SP HTTP-version`,
    /// single spaces, no autocorrection.
    private func parseRequestLine(_ line: Range<Int>) throws(HTTPParseError) -> HTTPRequest {
        guard let firstSpace = buffer[line].firstIndex(of: ASCII.space),
              let secondSpace = buffer[(firstSpace + 1)..<line.upperBound].firstIndex(of: ASCII.space) else {
            throw error(400, "malformed request line")
        }
        let method = line.lowerBound..<firstSpace
        let target = (firstSpace + 1)..<secondSpace
        let version = (secondSpace + 1)..<line.upperBound
        guard !method.isEmpty, buffer[method].allSatisfy(ASCII.isToken) else { throw error(400, "invalid method") }
        // RFC 9112 §3.2: the target is visible ASCII; whitespace or controls are invalid.
        guard !target.isEmpty, buffer[target].allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw error(400, "invalid request target")
        }
        let methodValue = HTTPMethod(rawValue: String(decoding: buffer[method], as: UTF8.self))
        let targetValue = String(decoding: buffer[target], as: UTF8.self)
        let versionValue = try parseVersion(version)
        try checkTargetForm(targetValue, method: methodValue)
        return HTTPRequest(method: methodValue, target: targetValue, version: versionValue)
    }

    /// RFC 9112 §2.3: `HTTP-version = "HTTP" "/" DIGIT "." DIGIT`, case-sensitive.
    /// Another well-formed major version gets 505 (RFC 9110 §15.6.6).
    private func parseVersion(_ range: Range<Int>) throws(HTTPParseError) -> HTTPVersion {
        let bytes = buffer[range]
        guard bytes.count == 8, bytes.starts(with: "HTTP/".utf8),
              let major = ASCII.hexValue(bytes[range.lowerBound + 5]), major < 10,
              bytes[range.lowerBound + 6] == UInt8(ascii: "."),
              let minor = ASCII.hexValue(bytes[range.lowerBound + 7]), minor < 10 else {
            throw error(400, "malformed HTTP version")
        }
        switch (major, minor) {
        case (1, 0): return .http1_0
        case (1, _): return .http1_1  // RFC 9110 §6.2: a higher minor version is handled as the highest known.
        default: throw error(505, "HTTP version not supported")
        }
    }

    /// RFC 9112 §3.2: origin-form (`/p?q`), absolute-form (`http://h/p`),
    /// authority-form (CONNECT only) or asterisk-form (OPTIONS only).
    private func checkTargetForm(_ target: String, method: HTTPMethod) throws(HTTPParseError) {
        if target.hasPrefix("/") { return }
        if target == "*", method == .options { return }
        if method == .connect { return }
        if let scheme = HTTPRequest.schemeLength(of: Substring(target)) {
            // RFC 9112 §3.2.2: an absolute-form target names the host the request is for.
            // This is an origin server for http(s) only; an http URI needs a host and
            // SHOULD NOT carry userinfo (RFC 9110 §4.2.1, §4.2.4).
            let name = target.prefix(scheme).lowercased()
            guard name == "http" || name == "https" else { throw error(400, "request target scheme is not http") }
            let authority = HTTPRequest.authority(ofTarget: target) ?? ""
            guard !authority.isEmpty, !authority.hasPrefix(":") else { throw error(400, "request target without a host") }
            guard !authority.contains("@") else { throw error(400, "request target with userinfo") }
            return
        }
        throw error(400, "invalid request target form")
    }

    /// RFC 9112 §5: `field-line = field-name ":" OWS field-value OWS`.
    func parseField(_ line: Range<Int>) throws(HTTPParseError) -> HTTPField {
        guard let colon = buffer[line].firstIndex(of: ASCII.colon) else { throw error(400, "field line without colon") }
        let name = line.lowerBound..<colon
        guard !name.isEmpty else { throw error(400, "empty field name") }
        // RFC 9112 §5.1: no whitespace is allowed between the field name and the
        // colon; a server MUST reject such a request with 400.
        guard buffer[name].allSatisfy(ASCII.isToken) else { throw error(400, "invalid field name") }
        var start = colon + 1
        var end = line.upperBound
        while start < end, ASCII.isWhitespace(buffer[start]) { start += 1 }
        while end > start, ASCII.isWhitespace(buffer[end - 1]) { end -= 1 }
        // RFC 9110 §5.5: CR, LF and NUL (and other controls) are invalid in a value.
        guard buffer[start..<end].allSatisfy(ASCII.isFieldValueByte) else { throw error(400, "invalid character in field value") }
        return HTTPField(name: String(decoding: buffer[name], as: UTF8.self), value: String(decoding: buffer[start..<end], as: UTF8.self))
    }

    /// Decides how the body is framed (RFC 9112 §6.3) and checks the head as a whole.
    private mutating func finishHead() throws(HTTPParseError) -> Event? {
        guard let head = request else { throw error(400, "request without a request line") }
        var contentLength: Int?
        var codings: [Substring] = []
        var hasTransferEncoding = false
        var hostCount = 0
        var expectsContinue = false
        var unsupportedExpectation: Substring?
        for field in head.headers {
            if ASCII.equalsIgnoringCase(field.name, "Content-Length") {
                // RFC 9110 §8.6: `Content-Length = 1*DIGIT`; a list of one repeated
                // value MAY be accepted as that value. Anything else is invalid (400).
                // The digits are read without overflow: a value beyond Int64 is invalid
                // (400), one over the body limit is 413 below.
                for element in field.value.split(separator: ",", omittingEmptySubsequences: false) {
                    guard let number = DecimalNumber.value(of: element.trimmingASCIIWhitespace()), number <= UInt64(Int.max) else {
                        throw error(400, "invalid Content-Length")
                    }
                    let value = Int(number)
                    if let contentLength, contentLength != value { throw error(400, "conflicting Content-Length values") }
                    contentLength = value
                }
            } else if ASCII.equalsIgnoringCase(field.name, "Transfer-Encoding") {
                hasTransferEncoding = true
                codings += field.value.split(separator: ",").map { $0.trimmingASCIIWhitespace() }.filter { !$0.isEmpty }
            } else if ASCII.equalsIgnoringCase(field.name, "Host") {
                hostCount += 1
            } else if ASCII.equalsIgnoringCase(field.name, "Expect") {
                for member in field.value.split(separator: ",") {
                    let expectation = member.trimmingASCIIWhitespace()
                    if ASCII.equalsIgnoringCase(String(expectation), "100-continue") {
                        expectsContinue = true
                    } else if !expectation.isEmpty {
                        unsupportedExpectation = expectation
                    }
                }
            }
        }
        // RFC 9112 §3.2: a server MUST respond 400 to an HTTP/1.1 request without a
        // Host field, and to any request with more than one.
        if hostCount > 1 { throw error(400, "more than one Host field") }
        if hostCount == 0, head.version == .http1_1 { throw error(400, "missing Host field") }
        // RFC 9110 §10.1.1: 100-continue is the only expectation defined; a server
        // MAY answer any other with 417. Doing so (and closing) beats ignoring one
        // the client relies on.
        if let unsupportedExpectation { throw error(417, "expectation '\(unsupportedExpectation)' is not supported") }

        if hasTransferEncoding {
            // RFC 9112 §6.1: Transfer-Encoding in HTTP/1.0 means faulty framing.
            if head.version == .http1_0 { throw error(400, "Transfer-Encoding in an HTTP/1.0 request") }
            // RFC 9112 §6.1: a server MAY reject both together, and must close the
            // connection anyway; rejecting is the safe choice against smuggling.
            if contentLength != nil { throw error(400, "both Content-Length and Transfer-Encoding") }
            // RFC 9112 §6.3 rule 4: chunked must be the final coding, else 400.
            guard let last = codings.last, ASCII.equalsIgnoringCase(String(last), "chunked") else {
                throw error(400, "chunked is not the final transfer coding")
            }
            if codings.count > 1 {
                // RFC 9112 §7: chunked MUST NOT be applied twice; other codings are
                // not implemented (RFC 9112 §6.1: SHOULD answer 501).
                if codings.dropLast().contains(where: { ASCII.equalsIgnoringCase(String($0), "chunked") }) {
                    throw error(400, "chunked applied more than once")
                }
                throw error(501, "transfer coding not implemented")
            }
            state = .chunkSize
            sectionSize = 0
            body = []
            // RFC 9110 §10.1.1: a server MUST ignore 100-continue from HTTP/1.0.
            return expectsContinue ? .continueExpected : nil
        }
        let length = contentLength ?? 0
        if length > Self.maximumBodySize {
            throw error(413, "body of \(length) bytes exceeds the limit of \(Self.maximumBodySize)")
        }
        if length == 0 { return .request(try finishRequest()) }
        state = .fixedBody(remaining: length)
        if expectsContinue, head.version == .http1_1, bufferedCount < length { return .continueExpected }
        return nil
    }
}
