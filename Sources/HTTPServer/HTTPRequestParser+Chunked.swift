import ByteText

// Chunked transfer coding, RFC 9112 §7.1:
//
//     chunked-body   = *chunk last-chunk trailer-section CRLF
//     chunk          = chunk-size [ chunk-ext ] CRLF chunk-data CRLF
//     chunk-size     = 1*HEXDIG
//     last-chunk     = 1*("0") [ chunk-ext ] CRLF
//     chunk-ext      = *( BWS ";" BWS chunk-ext-name [ BWS "=" BWS chunk-ext-val ] )

extension HTTPRequestParser {
    /// Parses a chunk-size line and moves to the chunk's data, or to the trailer
    /// section after the last chunk. Extensions are checked for stray bytes and
    /// otherwise ignored (RFC 9112 §7.1.1: a recipient MUST ignore unrecognised ones).
    mutating func chunkSizeLine(_ line: Range<Int>) throws(HTTPParseError) {
        var index = line.lowerBound
        var size = 0
        while index < line.upperBound, let digit = ASCII.hexValue(buffer[index]) {
            size = size * 16 + Int(digit)
            // Stop before overflow; anything this large is over the body limit anyway.
            if size > Self.maximumBodySize { throw error(413, "chunked body exceeds \(Self.maximumBodySize) bytes") }
            index += 1
        }
        guard index > line.lowerBound else { throw error(400, "invalid chunk size") }
        var rest = index
        while rest < line.upperBound, ASCII.isWhitespace(buffer[rest]) { rest += 1 }
        if rest < line.upperBound {
            guard buffer[rest] == ASCII.semicolon, buffer[rest..<line.upperBound].allSatisfy(ASCII.isFieldValueByte) else {
                throw error(400, "invalid chunk size")
            }
        }
        if size == 0 {
            state = .trailers
            sectionSize = 0
            return
        }
        if body.count + size > Self.maximumBodySize {
            throw error(413, "chunked body exceeds \(Self.maximumBodySize) bytes")
        }
        if body.isEmpty { body.reserveCapacity(size) }
        state = .chunkData(remaining: size)
    }
}
