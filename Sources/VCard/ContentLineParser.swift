import ByteText

/// Parses one unfolded content line (RFC 6350 §3.3) from bytes:
///
///     contentline = [group "."] name *(";" param) ":" value
///
/// Lenient where real exports are sloppy (bare 2.1 parameters, odd `X-` names with
/// `/`, spaces around parameter names, empty parameters), strict where the line
/// could not be understood at all (no `:`, an empty or blank-containing name, an
/// unterminated quoted parameter value).
struct ContentLineParser {
    struct Line {
        var group: String?
        var name: String
        var upperName: String
        var parameters: [VCardParameter]
        var value: String

        /// The property this line is, its parts moved rather than copied.
        consuming func property(sourceRange: Range<Int>, leadingTrivia: Range<Int>?, line: Int) -> VCardProperty {
            VCardProperty(group: group, name: name, upperName: upperName, parameters: parameters, value: value,
                          sourceRange: sourceRange, leadingTrivia: leadingTrivia, line: line)
        }
    }

    /// Parses `bytes`; `line` is only used for error positions.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, line: Int) throws(VCardReadError) -> Line {
        let count = bytes.count
        var index = 0
        while index < count, bytes[index] != ASCII.semicolon, bytes[index] != ASCII.colon { index += 1 }
        guard index < count else {
            throw VCardReadError(line: line, reason: "not a content line (no ':' separating name and value)")
        }
        var nameStart = 0
        var nameEnd = index
        while nameStart < nameEnd, ASCII.isWhitespace(bytes[nameStart]) { nameStart += 1 }
        while nameEnd > nameStart, ASCII.isWhitespace(bytes[nameEnd - 1]) { nameEnd -= 1 }

        var group: String?
        var dot = nameStart
        while dot < nameEnd, bytes[dot] != ASCII.dot { dot += 1 }
        if dot < nameEnd {
            group = makeString(bytes, nameStart, dot)
            nameStart = dot + 1
        }
        guard nameStart < nameEnd else {
            throw VCardReadError(line: line, reason: "empty property name")
        }
        var hasLowercase = false
        for position in nameStart..<nameEnd {
            let byte = bytes[position]
            if byte <= ASCII.space || byte == 0x7F {
                throw VCardReadError(line: line, reason: "invalid property name (contains a blank or control character)")
            }
            if byte >= 0x61 && byte <= 0x7A { hasLowercase = true }
        }
        let name = makeString(bytes, nameStart, nameEnd)
        let upperName = hasLowercase ? VCardProperty.asciiUppercased(name) : name

        var parameters: [VCardParameter] = []
        while index < count, bytes[index] == ASCII.semicolon {
            index += 1
            if let parameter = try parseParameter(bytes, &index, line: line) {
                parameters.append(parameter)
            }
        }
        guard index < count, bytes[index] == ASCII.colon else {
            throw VCardReadError(line: line, reason: "not a content line (no ':' after the parameters)")
        }
        let value = makeValue(bytes, index + 1, count, parameters: parameters)
        return Line(group: group, name: name, upperName: upperName, parameters: parameters, value: value)
    }

    /// Parses `name=value,value` or a bare `value`, leaving `index` on the `;` or `:` after it.
    private static func parseParameter(
        _ bytes: UnsafeBufferPointer<UInt8>, _ index: inout Int, line: Int
    ) throws(VCardReadError) -> VCardParameter? {
        let count = bytes.count
        let start = index
        while index < count, bytes[index] != ASCII.equals, bytes[index] != ASCII.semicolon, bytes[index] != ASCII.colon {
            index += 1
        }
        let nameText = trimmed(bytes, start, index)
        guard index < count, bytes[index] == ASCII.equals else {
            // A bare vCard 2.1 parameter (`TEL;CELL:`), or an empty one (`TEL;;TYPE=x`).
            guard !nameText.isEmpty else { return nil }
            return VCardParameter(name: "TYPE", values: [nameText], isBare: true)
        }
        index += 1
        var values: [String] = []
        while true {
            while index < count, ASCII.isWhitespace(bytes[index]) { index += 1 }
            if index < count, bytes[index] == ASCII.quote {
                let valueStart = index + 1
                index = valueStart
                while index < count, bytes[index] != ASCII.quote { index += 1 }
                guard index < count else {
                    throw VCardReadError(line: line, reason: "unterminated quoted value of parameter \(nameText)")
                }
                values.append(decodedParameterValue(bytes, valueStart, index))
                index += 1
                while index < count, ASCII.isWhitespace(bytes[index]) { index += 1 }
            } else {
                let valueStart = index
                while index < count, bytes[index] != ASCII.comma, bytes[index] != ASCII.semicolon, bytes[index] != ASCII.colon {
                    index += 1
                }
                values.append(decodedParameterValue(bytes, valueStart, index))
            }
            guard index < count, bytes[index] == ASCII.comma else { break }
            index += 1
        }
        return VCardParameter(name: nameText, values: values)
    }

    private static func decodedParameterValue(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> String {
        let slice = UnsafeBufferPointer(rebasing: bytes[start..<end])
        guard slice.contains(ASCII.caret) else { return makeString(bytes, start, end) }
        let decoded = ParameterEscaping.decode(ArraySlice(slice))
        return TextDecoding.decode(decoded, charset: nil)
    }

    private static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> String {
        var start = start
        var end = end
        while start < end, ASCII.isWhitespace(bytes[start]) { start += 1 }
        while end > start, ASCII.isWhitespace(bytes[end - 1]) { end -= 1 }
        return makeString(bytes, start, end)
    }

    /// A value: UTF-8 when valid; otherwise 8-bit text in the charset its `CHARSET`
    /// parameter names (a raw Shift_JIS value, as Japanese phones write), or ISO-8859-1.
    @inline(__always)
    static func makeValue(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int,
                          parameters: [VCardParameter]) -> String {
        let slice = UnsafeBufferPointer(rebasing: bytes[start..<end])
        if UTF8Validation.isASCII(slice) || UTF8Validation.isValid(slice) { return String(decoding: slice, as: UTF8.self) }
        let charset = parameters.first { $0.hasName("CHARSET") }?.values.first
        return TextDecoding.decode(slice, charset: charset)
    }

    /// UTF-8 when valid, ISO-8859-1 otherwise (SPEC §1.2).
    @inline(__always)
    static func makeString(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> String {
        UTF8Validation.decodeOrLatin1(UnsafeBufferPointer(rebasing: bytes[start..<end]))
    }
}
