import ByteText

/// Backslash escaping of vCard values (RFC 6350 §3.4, RFC 2426 §5).
///
/// Reading accepts `\n`, `\N`, `\\`, `\,`, `\;` and the non-standard `\:`;
/// an unknown escape keeps its backslash so nothing is lost. Writing escapes
/// backslash, line breaks and commas always, and semicolons only where the
/// property's grammar separates components with them (or for vCard 3.0 text,
/// whose grammar escapes them everywhere).
public enum VCardEscaping {
    /// Decodes the escapes of one text value or component.
    public static func unescape<S: StringProtocol>(_ text: S) -> String {
        // Most values have no escape at all: a scan without copying decides that.
        let hasBackslash = text.utf8.withContiguousStorageIfAvailable { $0.contains(ASCII.backslash) }
            ?? text.utf8.contains(ASCII.backslash)
        guard hasBackslash else { return String(text) }
        var bytes = text.utf8.makeIterator()
        var output: [UInt8] = []
        var sawBackslash = false
        output.reserveCapacity(text.utf8.count)
        while let byte = bytes.next() {
            guard byte == ASCII.backslash else {
                output.append(byte)
                continue
            }
            sawBackslash = true
            guard let next = bytes.next() else {
                output.append(byte)
                break
            }
            switch next {
            case 0x6E, 0x4E: output.append(ASCII.lf)  // \n \N
            case ASCII.backslash, ASCII.comma, ASCII.semicolon, ASCII.colon: output.append(next)
            default:
                output.append(byte)
                output.append(next)
            }
        }
        if !sawBackslash { return String(text) }
        return String(decoding: output, as: UTF8.self)
    }

    /// Splits `text` at every `separator` that is not escaped by a backslash.
    /// The parts are returned still escaped.
    public static func split<S: StringProtocol>(_ text: S, separator: UInt8) -> [Substring] {
        let string = String(text)
        var offsets: [Int] = []
        var utf8 = string.utf8.makeIterator()
        var offset = 0
        while let byte = utf8.next() {
            if byte == ASCII.backslash {
                offset += utf8.next() == nil ? 1 : 2
                continue
            }
            if byte == separator { offsets.append(offset) }
            offset += 1
        }
        guard !offsets.isEmpty else { return [Substring(string)] }
        var parts: [Substring] = []
        parts.reserveCapacity(offsets.count + 1)
        let view = string.utf8
        var start = view.startIndex
        for separatorOffset in offsets {
            let end = view.index(view.startIndex, offsetBy: separatorOffset)
            parts.append(Substring(view[start..<end]))
            start = view.index(after: end)
        }
        parts.append(Substring(view[start...]))
        return parts
    }

    /// The parts of `text` between unescaped `separator`s, each unescaped: the
    /// same as `split(text, separator:).map { unescape($0) }`, in one pass over
    /// the bytes and without intermediate strings (the mapping's hot path).
    public static func splitUnescaped(_ text: String, separator: UInt8) -> [String] {
        var text = text
        return text.withUTF8 { bytes in
            guard bytes.contains(ASCII.backslash) else { return splitWithoutEscapes(bytes, separator: separator) }
            var parts: [String] = []
            var part: [UInt8] = []
            part.reserveCapacity(bytes.count)
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                if byte == separator {
                    parts.append(String(decoding: part, as: UTF8.self))
                    part.removeAll(keepingCapacity: true)
                    continue
                }
                guard byte == ASCII.backslash, index < bytes.count else {
                    part.append(byte)
                    continue
                }
                let next = bytes[index]
                index += 1
                switch next {
                case 0x6E, 0x4E: part.append(ASCII.lf)  // \n \N
                case ASCII.backslash, ASCII.comma, ASCII.semicolon, ASCII.colon: part.append(next)
                default:
                    part.append(byte)
                    part.append(next)
                }
            }
            parts.append(String(decoding: part, as: UTF8.self))
            return parts
        }
    }

    /// ``splitUnescaped(_:separator:)`` for bytes without any backslash: each part is a slice.
    private static func splitWithoutEscapes(_ bytes: UnsafeBufferPointer<UInt8>, separator: UInt8) -> [String] {
        var parts: [String] = []
        var start = 0
        for index in bytes.indices where bytes[index] == separator {
            parts.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
            start = index + 1
        }
        parts.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start...]), as: UTF8.self))
        return parts
    }

    /// Escapes a text value or component for writing.
    /// - Parameter semicolons: also escape `;` (compound components, and all text in vCard 3.0).
    public static func escape(_ text: String, semicolons: Bool) -> String {
        var needsWork = false
        for byte in text.utf8 where byte == ASCII.backslash || byte == ASCII.comma || byte == ASCII.lf
            || byte == ASCII.cr || (semicolons && byte == ASCII.semicolon) {
            needsWork = true
            break
        }
        if !needsWork { return text }
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count + 8)
        var previousWasCR = false
        for byte in text.utf8 {
            defer { previousWasCR = byte == ASCII.cr }
            switch byte {
            case ASCII.backslash: output.append(contentsOf: [ASCII.backslash, ASCII.backslash])
            case ASCII.comma: output.append(contentsOf: [ASCII.backslash, ASCII.comma])
            case ASCII.semicolon where semicolons: output.append(contentsOf: [ASCII.backslash, ASCII.semicolon])
            case ASCII.cr: output.append(contentsOf: [ASCII.backslash, 0x6E])
            case ASCII.lf:
                if !previousWasCR { output.append(contentsOf: [ASCII.backslash, 0x6E]) }
            default: output.append(byte)
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Replaces each line break (CRLF, LF or CR) with `\n` and leaves everything else as is.
    public static func escapeLineBreaks(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == ASCII.lf || $0 == ASCII.cr }) else { return text }
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count + 8)
        var previousWasCR = false
        for byte in text.utf8 {
            defer { previousWasCR = byte == ASCII.cr }
            switch byte {
            case ASCII.cr: output.append(contentsOf: [ASCII.backslash, 0x6E])
            case ASCII.lf: if !previousWasCR { output.append(contentsOf: [ASCII.backslash, 0x6E]) }
            default: output.append(byte)
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Escapes a comma-separated list of text values (`CATEGORIES`, `X-TAGS`).
    public static func escapeList(_ values: [String], semicolons: Bool) -> String {
        values.map { escape($0, semicolons: semicolons) }.joined(separator: ",")
    }

    /// Escapes the components of a compound value (`N`, `ADR`, `ORG`), joined by `;`.
    public static func escapeComponents(_ components: [String]) -> String {
        components.map { escape($0, semicolons: true) }.joined(separator: ";")
    }
}
