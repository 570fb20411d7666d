import ByteText

/// Reads vCard 2.1, 3.0 and 4.0 from bytes as real tools write them (SPEC §1.2).
///
/// The reader works on UTF-8 code units, never on `Character`s. It splits
/// physical lines at CRLF, LF or a lone CR, unfolds continuation lines (space or
/// tab), joins vCard 2.1 quoted-printable soft line breaks (with or without a
/// leading space on the next line) and unindented 2.1 base64 blocks, skips a
/// UTF-8 byte-order mark and blank lines, and accepts a missing final line break.
/// Files in UTF-16 (with a byte-order mark) are transcoded to UTF-8 first.
/// Values that are not valid UTF-8 are read as ISO-8859-1.
///
/// Everything read is kept: see ``VCard`` and ``VCardProperty`` for how the
/// original bytes are remembered.
public enum VCardReader {
    /// Reads every card in `bytes`, in order.
    /// - Throws: ``VCardReadError`` with the line and reason of the first problem,
    ///   e.g. content outside a card, a missing `END:VCARD`, or a line that is not
    ///   a content line. Bytes without any card also throw.
    public static func read(_ bytes: [UInt8]) throws(VCardReadError) -> [VCard] {
        // UTF-16 exports (some Windows tools) are read as their UTF-8 transcoding;
        // their cards then serialize as UTF-8, which is how Cardbox writes them back.
        if let transcoded = UTF16Transcoding.utf8(fromUTF16WithByteOrderMark: bytes) {
            return try read(transcoded)
        }
        let result: Result<[VCard], VCardReadError> = bytes.withUnsafeBufferPointer { buffer in
            var reader = Reader(bytes: buffer, source: bytes)
            do throws(VCardReadError) {
                return .success(try reader.readAll())
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// Reads every card from raw memory (used by the fuzz harness).
    public static func read(_ buffer: UnsafeRawBufferPointer) throws(VCardReadError) -> [VCard] {
        try read(Array(buffer))
    }
}

/// The line-level state machine behind ``VCardReader``.
private struct Reader {
    let bytes: UnsafeBufferPointer<UInt8>
    let source: [UInt8]

    /// One physical line: `start..<contentEnd` is its text, `end` is past its line break.
    struct PhysicalLine {
        let start: Int
        let contentEnd: Int
        let end: Int
        var isBlank: Bool { contentEnd == start }
    }

    /// How continuation lines are recognised for the property being gathered.
    enum Continuation {
        case folding
        case quotedPrintable  // 2.1: a trailing `=` continues onto the next line
        case base64  // 2.1: base64 lines may follow without indentation
    }

    /// A card being assembled (its properties are collected separately, so that
    /// appending never copies them).
    struct OpenCard {
        let beginLine: Int
        let headRange: Range<Int>
        let lineEnding: VCard.LineEnding
    }

    /// A finished card whose trailing blank lines are still being collected.
    struct ClosedCard {
        let open: OpenCard
        let properties: [VCardProperty]
        let tailStart: Int
    }

    /// The byte that ends lines: LF, or CR for old Mac files that have no LF at all.
    let lineBreak: UInt8

    init(bytes: UnsafeBufferPointer<UInt8>, source: [UInt8]) {
        self.bytes = bytes
        self.source = source
        let hasLineFeed = ByteScan.firstIndex(of: ASCII.lf, in: bytes, from: 0) != nil
        lineBreak = hasLineFeed || bytes.isEmpty ? ASCII.lf : ASCII.cr
    }

    mutating func readAll() throws(VCardReadError) -> [VCard] {
        var cards: [VCard] = []
        var position = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { position = 3 }
        var lineNumber = 1
        var nextCardStart = 0
        var open: OpenCard?
        var properties: [VCardProperty] = []
        // Roughly one property per 40 bytes: reserving avoids regrowing (and copying) the array.
        let expectedProperties = min(bytes.count / 40 + 4, 256)
        properties.reserveCapacity(expectedProperties)
        var closed: ClosedCard?
        var triviaStart: Int?
        var peeked: PhysicalLine?

        while position < bytes.count {
            let first = peeked ?? physicalLine(at: position)
            peeked = nil
            if first.isBlank || (open == nil && isAllWhitespace(first)) {
                if open != nil, triviaStart == nil { triviaStart = position }
                position = first.end
                lineNumber += 1
                continue
            }
            let startLine = lineNumber
            let mode = open == nil ? .folding : continuationMode(first)
            let (content, end, lines, next) = gather(first, mode: mode)
            peeked = next
            let logicalStart = position
            position = end
            lineNumber += lines

            let parsed: ContentLineParser.Line
            do {
                parsed = try content.withUnsafeBufferPointerOrSlice(self) { buffer throws(VCardReadError) in
                    try ContentLineParser.parse(buffer, line: startLine)
                }
            } catch where open == nil {
                throw VCardReadError(line: startLine, reason: closed == nil && cards.isEmpty
                                     ? "not a vCard (expected BEGIN:VCARD)" : "content outside BEGIN:VCARD … END:VCARD")
            }
            let marker = cardMarker(parsed)

            guard let card = open else {
                guard marker == .begin else {
                    if marker == .end {
                        throw VCardReadError(line: startLine, reason: "END:VCARD without BEGIN:VCARD")
                    }
                    throw VCardReadError(line: startLine, reason: "content outside BEGIN:VCARD … END:VCARD")
                }
                if let done = closed {
                    cards.append(finish(done, tailEnd: logicalStart))
                    closed = nil
                    nextCardStart = logicalStart
                }
                open = OpenCard(beginLine: startLine, headRange: nextCardStart..<end, lineEnding: lineEnding(of: first))
                continue
            }
            switch marker {
            case .begin:
                throw VCardReadError(line: startLine, reason: "BEGIN:VCARD inside a card (missing END:VCARD before it?)")
            case .end:
                closed = ClosedCard(open: card, properties: properties, tailStart: triviaStart ?? logicalStart)
                properties = []
                properties.reserveCapacity(expectedProperties)
                open = nil
                triviaStart = nil
            case nil:
                properties.append(parsed.property(sourceRange: logicalStart..<end, leadingTrivia: triviaStart.map { $0..<logicalStart },
                                                  line: startLine))
                triviaStart = nil
            }
        }
        if let card = open {
            throw VCardReadError(line: max(1, lineNumber - 1),
                                 reason: "file ends before END:VCARD (card began on line \(card.beginLine))")
        }
        if let done = closed {
            cards.append(finish(done, tailEnd: bytes.count))
        }
        guard !cards.isEmpty else {
            throw VCardReadError(line: 1, reason: bytes.isEmpty ? "empty file" : "no BEGIN:VCARD found")
        }
        return cards
    }

    private func finish(_ closed: ClosedCard, tailEnd: Int) -> VCard {
        VCard(properties: closed.properties, lineEnding: closed.open.lineEnding, beginLine: closed.open.beginLine,
              source: source, headRange: closed.open.headRange, tailRange: closed.tailStart..<tailEnd)
    }

    // MARK: Lines

    /// The physical line starting at `start`: up to the next line break (a CR
    /// before an LF belongs to the break), or to the end of the bytes.
    func physicalLine(at start: Int) -> PhysicalLine {
        let count = bytes.count
        guard let index = ByteScan.firstIndex(of: lineBreak, in: bytes, from: start) else {
            return PhysicalLine(start: start, contentEnd: count, end: count)
        }
        var contentEnd = index
        // CRLF, and the CRCRLF some old exporters write: every CR before the LF belongs to the break.
        if lineBreak == ASCII.lf { while contentEnd > start, bytes[contentEnd - 1] == ASCII.cr { contentEnd -= 1 } }
        return PhysicalLine(start: start, contentEnd: contentEnd, end: index + 1)
    }

    func lineEnding(of line: PhysicalLine) -> VCard.LineEnding {
        switch line.end - line.contentEnd {
        case 2: return .crlf
        case 1: return bytes[line.contentEnd] == ASCII.lf ? .lf : .cr
        default: return .crlf
        }
    }

    func isAllWhitespace(_ line: PhysicalLine) -> Bool {
        (line.start..<line.contentEnd).allSatisfy { ASCII.isWhitespace(bytes[$0]) }
    }

    /// Looks at the part before the first `:` for 2.1 transfer encodings.
    func continuationMode(_ line: PhysicalLine) -> Continuation {
        var index = line.start
        var inQuotes = false
        var sawParameter = false
        while index < line.contentEnd {
            let byte = bytes[index]
            if byte == ASCII.quote { inQuotes.toggle() }
            if byte == ASCII.colon && !inQuotes { break }
            if byte == ASCII.semicolon { sawParameter = true }
            index += 1
        }
        guard sawParameter else { return .folding }
        let head = UnsafeBufferPointer(rebasing: bytes[line.start..<index])
        // A cheap scan first; then the parameters are parsed to be sure, so that
        // only a real ENCODING parameter changes how following lines are joined.
        let mentionsQuotedPrintable = contains(head, "QUOTED-PRINTABLE")
        guard mentionsQuotedPrintable || contains(head, "BASE64") else { return .folding }
        let firstLine = UnsafeBufferPointer(rebasing: bytes[line.start..<line.contentEnd])
        guard let parsed = try? ContentLineParser.parse(firstLine, line: 0) else { return .folding }
        let property = VCardProperty(name: parsed.name, parameters: parsed.parameters, value: "")
        if mentionsQuotedPrintable && property.isQuotedPrintable { return .quotedPrintable }
        return property.isBase64 ? .base64 : .folding
    }

    /// Case-insensitive search of an upper-case ASCII needle.
    private func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: StaticString) -> Bool {
        let count = needle.utf8CodeUnitCount
        guard haystack.count >= count else { return false }
        let pattern = needle.utf8Start
        let first = pattern[0]
        var offset = 0
        let last = haystack.count - count
        while offset <= last {
            // Skip quickly to a byte that can start the needle.
            if haystack[offset] | 0x20 != first | 0x20 {
                offset += 1
                continue
            }
            var k = 1
            while k < count, ASCII.uppercased(haystack[offset + k]) == pattern[k] { k += 1 }
            if k == count { return true }
            offset += 1
        }
        return false
    }

    /// Collects the physical lines of one logical line. Returns its unfolded
    /// content, the position after it and how many physical lines it spans.
    /// The physical line after the logical one is returned too when it was read, so it is not scanned twice.
    func gather(_ first: PhysicalLine, mode: Continuation) -> (LogicalContent, Int, Int, PhysicalLine?) {
        var end = first.end
        var lines = 1
        var joined: [UInt8]?
        var lastByte: UInt8? = first.contentEnd > first.start ? bytes[first.contentEnd - 1] : nil
        var unused: PhysicalLine?
        while end < bytes.count {
            let next = physicalLine(at: end)
            unused = next
            let softBreak = mode == .quotedPrintable && lastByte == ASCII.equals && !next.isBlank && !isCardMarker(next)
            let folded = !next.isBlank && ASCII.isWhitespace(bytes[next.start])
            let base64 = mode == .base64 && !next.isBlank && isBase64Line(next)
            guard softBreak || folded || base64 else { break }
            unused = nil
            if joined == nil { joined = Array(bytes[first.start..<first.contentEnd]) }
            var from = next.start
            if softBreak {
                joined!.removeLast()  // the `=` of the soft break
                if ASCII.isWhitespace(bytes[from]) { from += 1 }
            } else if folded {
                from += 1
            }
            joined!.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[from..<next.contentEnd]))
            lastByte = joined!.last
            end = next.end
            lines += 1
        }
        if let joined { return (.joined(joined), end, lines, unused) }
        return (.range(first.start..<first.contentEnd), end, lines, unused)
    }

    func isCardMarker(_ line: PhysicalLine) -> Bool {
        let text = UnsafeBufferPointer(rebasing: bytes[line.start..<line.contentEnd])
        return text.count >= 9 && (contains(text, "END:VCARD") || contains(text, "BEGIN:VCARD"))
            && text.count <= 13
    }

    func isBase64Line(_ line: PhysicalLine) -> Bool {
        for index in line.start..<line.contentEnd {
            switch bytes[index] {
            case 0x41...0x5A, 0x61...0x7A, 0x30...0x39, 0x2B, 0x2F, ASCII.equals: continue
            default: return false
            }
        }
        return true
    }

    // MARK: Markers

    enum Marker { case begin, end }

    func cardMarker(_ line: ContentLineParser.Line) -> Marker? {
        // The name first: it rules out every other property without looking at its value.
        let marker: Marker
        switch line.upperName {
        case "BEGIN": marker = .begin
        case "END": marker = .end
        default: return nil
        }
        guard line.group == nil, line.parameters.isEmpty,
              String(line.value.trimmingASCIIWhitespace()).caseInsensitiveEquals("VCARD") else { return nil }
        return marker
    }
}

/// The unfolded text of one logical line: a range of the source when it was a
/// single physical line (no copy), or the joined bytes of several.
private enum LogicalContent {
    case range(Range<Int>)
    case joined([UInt8])

    func withUnsafeBufferPointerOrSlice<T>(
        _ reader: Reader, _ body: (UnsafeBufferPointer<UInt8>) throws(VCardReadError) -> T
    ) throws(VCardReadError) -> T {
        switch self {
        case .range(let range):
            return try body(UnsafeBufferPointer(rebasing: reader.bytes[range]))
        case .joined(let bytes):
            let result: Result<T, VCardReadError> = bytes.withUnsafeBufferPointer { buffer in
                do throws(VCardReadError) { return .success(try body(buffer)) } catch { return .failure(error) }
            }
            return try result.get()
        }
    }
}
