import ByteText

/// RFC 6868 circumflex escaping of parameter values, and the quoting rules of
/// RFC 6350 §3.3 (`param-value = *SAFE-CHAR / DQUOTE *QSAFE-CHAR DQUOTE`).
public enum ParameterEscaping {
    /// Decodes `^n` (newline), `^^` (circumflex) and `^'` (double quote).
    /// Any other `^x` is kept as written, as RFC 6868 §3 requires.
    public static func decode(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        guard bytes.contains(ASCII.caret) else { return Array(bytes) }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == ASCII.caret, index + 1 < bytes.endIndex {
                switch bytes[index + 1] {
                case 0x6E: output.append(ASCII.lf); index += 2; continue
                case ASCII.caret: output.append(ASCII.caret); index += 2; continue
                case 0x27: output.append(ASCII.quote); index += 2; continue
                default: break
                }
            }
            output.append(byte)
            index += 1
        }
        return output
    }

    /// Encodes one parameter value for writing: RFC 6868 escapes, then double
    /// quotes when the value holds characters that are not SAFE-CHARs
    /// (`;`, `:`, `,`, leading or trailing blanks) so other readers split it correctly.
    public static func encode(_ value: String) -> String {
        var output: [UInt8] = []
        var needsQuotes = false
        output.reserveCapacity(value.utf8.count)
        var previousWasCR = false
        for byte in value.utf8 {
            defer { previousWasCR = byte == ASCII.cr }
            switch byte {
            case ASCII.caret: output.append(contentsOf: [ASCII.caret, ASCII.caret])
            case ASCII.quote: output.append(contentsOf: [ASCII.caret, 0x27])
            case ASCII.cr: output.append(contentsOf: [ASCII.caret, 0x6E])
            case ASCII.lf: if !previousWasCR { output.append(contentsOf: [ASCII.caret, 0x6E]) }
            case ASCII.semicolon, ASCII.colon, ASCII.comma:
                needsQuotes = true
                output.append(byte)
            default:
                if byte < 0x20 && byte != ASCII.tab { continue }  // controls are not allowed in parameters
                output.append(byte)
            }
        }
        // Readers trim blanks around unquoted values; quote to keep them.
        if let first = output.first, let last = output.last, ASCII.isWhitespace(first) || ASCII.isWhitespace(last) {
            needsQuotes = true
        }
        let text = String(decoding: output, as: UTF8.self)
        return needsQuotes ? "\"" + text + "\"" : text
    }
}
