import ByteText

/// An incremental HTTP/1.1 request parser: a pure state machine over bytes.
///
/// Feed it whatever the socket delivered with ``feed(_:)``, then call ``next()``
/// until it returns nil (it needs more bytes). It yields
/// ``Event/continueExpected`` when a head asks for `Expect: 100-continue`
/// (the connection then sends `HTTP/1.1 100 Continue` in its turn) and
/// ``Event/request(_:)`` for each complete request, so several pipelined
/// requests in one chunk come out one after another. It does no I/O and knows
/// nothing of sockets, so tests feed it byte fixtures split anywhere.
///
/// ```swift
/// var parser = HTTPRequestParser()
/// parser.feed(Array("GET / HTTP/1.1\r\nHost: a\r\n\r\n".utf8))
/// if case .request(let request)? = try parser.next() { … }
/// ```
///
/// Errors are ``HTTPParseError`` values carrying the status to answer with;
/// once one is thrown the parser stays failed. Choices where RFC 9112 leaves
/// room are documented where they are made: bare LF ends head lines (§2.2 MAY)
/// but not chunked framing lines; obs-fold, whitespace before a colon, bare CR,
/// `Content-Length` together with `Transfer-Encoding`, and HTTP/1.0 with
/// `Transfer-Encoding` are rejected with 400.
///
/// - Complexity: O(*n*) in the bytes fed, however they are split: scanning
///   resumes where the previous call stopped.
public struct HTTPRequestParser: Sendable {
    /// The largest request head (request line, fields and blank line): 16 KiB,
    /// the Cardbox contract (SPEC §2.5). Larger heads get 431 (RFC 6585 §5).
    public static let maximumHeadSize = 16 * 1024
    /// The largest body, after removing chunked framing: 1 MiB (SPEC §2.5); 413.
    /// A contact with an embedded photo fits; anything bigger is not a contact.
    public static let maximumBodySize = 1024 * 1024
    /// At most this many field lines in a head, so lookups stay cheap; more get 431.
    public static let maximumFieldCount = 128
    /// The longest chunk-size line, extensions included. Extensions carry no
    /// meaning here, so a long one is only an attack on memory; 400.
    public static let maximumChunkLineSize = 1024
    /// The largest trailer section; like the head it gets 431.
    public static let maximumTrailerSize = 16 * 1024

    /// What ``next()`` found.
    public enum Event: Sendable {
        /// The head of the next request carries `Expect: 100-continue` and its body
        /// has not fully arrived: send `HTTP/1.1 100 Continue` (RFC 9110 §10.1.1).
        case continueExpected
        /// A complete request.
        case request(HTTPRequest)
    }

    enum State: Sendable {
        case requestLine
        case fields
        case fixedBody(remaining: Int)
        case chunkSize
        case chunkData(remaining: Int)
        case chunkDataEnd
        case trailers
        case failed(HTTPParseError)
    }

    var buffer: [UInt8] = []
    /// Index in `buffer` of the first unconsumed byte.
    var readIndex = 0
    /// Stream offset of `buffer[0]`, for error positions.
    var discardedCount = 0
    /// How far past `readIndex` the current line has been searched for LF.
    var scannedCount = 0
    var state = State.requestLine
    /// Bytes of the current head (or trailer section) consumed so far.
    var sectionSize = 0
    var request: HTTPRequest?
    var body: [UInt8] = []

    public init() {}

    /// Appends bytes received from the connection.
    public mutating func feed(_ bytes: some Collection<UInt8>) {
        if readIndex == buffer.count {
            discardedCount += buffer.count
            buffer.removeAll(keepingCapacity: true)
            readIndex = 0
        } else if readIndex >= 4096, readIndex * 2 >= buffer.count {
            discardedCount += readIndex
            buffer.removeFirst(readIndex)
            readIndex = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// The number of bytes fed but not yet consumed by a request.
    public var bufferedCount: Int { buffer.count - readIndex }

    /// True between the first byte of a request and the end of its body.
    public var isInsideRequest: Bool {
        switch state {
        case .requestLine: sectionSize > 0 || bufferedCount > 0
        case .failed: false
        default: true
        }
    }

    /// True once the head is complete and the body is being read.
    public var isReadingBody: Bool {
        switch state {
        case .fixedBody, .chunkSize, .chunkData, .chunkDataEnd, .trailers: true
        default: false
        }
    }

    /// Removes and returns the bytes not consumed by a request: after a protocol
    /// upgrade they belong to the new protocol.
    public mutating func takeBufferedBytes() -> [UInt8] {
        let rest = Array(buffer[readIndex...])
        discardedCount += buffer.count
        buffer.removeAll()
        readIndex = 0
        scannedCount = 0
        return rest
    }

    /// Parses as far as the buffered bytes allow and returns the next event, or
    /// nil if more bytes are needed.
    public mutating func next() throws(HTTPParseError) -> Event? {
        if case .failed(let error) = state { throw error }
        do {
            return try step()
        } catch {
            state = .failed(error)
            throw error
        }
    }

    private mutating func step() throws(HTTPParseError) -> Event? {
        while true {
            switch state {
            case .failed(let error):
                throw error
            case .requestLine, .fields:
                guard let line = try nextLine(strict: false, limit: Self.maximumHeadSize - sectionSize, status: 431) else {
                    return nil
                }
                sectionSize += line.consumed
                if sectionSize > Self.maximumHeadSize { throw error(431, "request head larger than \(Self.maximumHeadSize) bytes") }
                if let event = try atLine(line.range, { parser throws(HTTPParseError) in try parser.headLine(line.range) }) {
                    return event
                }
            case .fixedBody(let remaining):
                guard bufferedCount >= remaining else { return nil }
                body = Array(buffer[readIndex..<(readIndex + remaining)])
                readIndex += remaining
                return .request(try finishRequest())
            case .chunkSize:
                guard let line = try nextLine(strict: true, limit: Self.maximumChunkLineSize, status: 400) else { return nil }
                try atLine(line.range) { parser throws(HTTPParseError) in try parser.chunkSizeLine(line.range) }
            case .chunkData(let remaining):
                let count = min(remaining, bufferedCount)
                guard count > 0 else { return nil }
                body.append(contentsOf: buffer[readIndex..<(readIndex + count)])
                readIndex += count
                state = remaining == count ? .chunkDataEnd : .chunkData(remaining: remaining - count)
            case .chunkDataEnd:
                // RFC 9112 §7.1: chunk = chunk-size [ chunk-ext ] CRLF chunk-data CRLF.
                guard bufferedCount >= 2 else { return nil }
                guard buffer[readIndex] == ASCII.cr, buffer[readIndex + 1] == ASCII.lf else {
                    throw error(400, "chunk data not followed by CRLF")
                }
                readIndex += 2
                state = .chunkSize
            case .trailers:
                guard let line = try nextLine(strict: true, limit: Self.maximumTrailerSize - sectionSize, status: 431) else {
                    return nil
                }
                sectionSize += line.consumed
                if line.range.isEmpty { return .request(try finishRequest()) }
                if sectionSize > Self.maximumTrailerSize { throw error(431, "trailer section too large") }
                let field = try atLine(line.range) { parser throws(HTTPParseError) in try parser.parseField(line.range) }
                request?.trailers.add(name: field.name, value: field.value)
            }
        }
    }

    /// Finds the next line. Returns the range of its content (without CRLF/LF) and
    /// how many bytes it spanned, consuming them; nil if no LF has arrived yet.
    ///
    /// RFC 9112 §2.2: a recipient MAY recognise a single LF as a line terminator in
    /// the start line and fields, and this parser does (`strict: false`), for
    /// hand-typed requests. Chunk framing (`strict: true`) demands CRLF, because
    /// disagreement about chunk-line ends between servers and proxies is a known
    /// request-smuggling vector. A bare CR inside a line is always invalid (§2.2).
    private mutating func nextLine(strict: Bool, limit: Int, status: Int) throws(HTTPParseError) -> (range: Range<Int>, consumed: Int)? {
        let start = readIndex
        let end = buffer.count
        var index = start + scannedCount
        while index < end, buffer[index] != ASCII.lf { index += 1 }
        guard index < end else {
            scannedCount = end - start
            if scannedCount > limit { throw error(status, status == 431 ? "request head too large" : "line too long") }
            return nil
        }
        scannedCount = 0
        var contentEnd = index
        if contentEnd > start, buffer[contentEnd - 1] == ASCII.cr {
            contentEnd -= 1
        } else if strict {
            throw error(400, "line not terminated by CRLF")
        }
        if buffer[start..<contentEnd].contains(ASCII.cr) { throw error(400, "bare CR in line") }
        readIndex = index + 1
        return (start..<contentEnd, index + 1 - start)
    }

    /// Runs `body` on the line at `range`, reporting errors at the line's start.
    private mutating func atLine<T>(_ range: Range<Int>, _ body: (inout HTTPRequestParser) throws(HTTPParseError) -> T) throws(HTTPParseError) -> T {
        do {
            return try body(&self)
        } catch {
            throw HTTPParseError(status: error.status, message: error.message, offset: discardedCount + range.lowerBound)
        }
    }

    mutating func finishRequest() throws(HTTPParseError) -> HTTPRequest {
        guard var result = request else { throw error(400, "request without a request line") }
        result.body = body
        request = nil
        body = []
        state = .requestLine
        sectionSize = 0
        return result
    }

    func error(_ status: Int, _ message: String) -> HTTPParseError {
        HTTPParseError(status: status, message: message, offset: discardedCount + readIndex)
    }
}
