import ByteText

extension VCard {
    /// The card as bytes. Unchanged properties, the `BEGIN`/`END` lines and blank
    /// lines are written exactly as read; changed and new properties are written
    /// fresh (folded at 75 octets, in the card's line ending). A card read from a
    /// file and not changed gives back the identical bytes.
    public func serialized() -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(source.isEmpty ? 64 * properties.count : source.count + 128)
        if let headRange {
            output.append(contentsOf: source[headRange])
        } else {
            appendLine("BEGIN:VCARD", to: &output)
        }
        for property in properties {
            if let trivia = property.leadingTrivia {
                output.append(contentsOf: source[trivia])
            }
            if let range = property.sourceRange {
                output.append(contentsOf: source[range])
            } else {
                output.append(contentsOf: property.serialized(lineEnding: lineEnding))
            }
        }
        if let tailRange {
            output.append(contentsOf: source[tailRange])
        } else {
            appendLine("END:VCARD", to: &output)
        }
        return output
    }

    /// The card written entirely fresh: every property re-serialized, no source
    /// bytes reused, CRLF line ends. Used when a card leaves its file (export, import).
    public func serializedFresh() -> [UInt8] {
        var copy = VCard(properties: properties)
        for index in copy.properties.indices {
            copy.properties[index].sourceRange = nil
            copy.properties[index].leadingTrivia = nil
        }
        return copy.serialized()
    }

    private func appendLine(_ text: String, to output: inout [UInt8]) {
        output.append(contentsOf: text.utf8)
        output.append(contentsOf: lineEnding.rawValue.utf8)
    }
}

extension VCardProperty {
    /// The property as one content line, folded at 75 octets (RFC 6350 §3.2),
    /// each physical line ended with `lineEnding`.
    public func serialized(lineEnding: VCard.LineEnding = .crlf) -> [UInt8] {
        var line: [UInt8] = []
        line.reserveCapacity(name.utf8.count + value.utf8.count + 16)
        if let group {
            line.append(contentsOf: group.utf8)
            line.append(ASCII.dot)
        }
        line.append(contentsOf: name.utf8)
        for parameter in parameters {
            line.append(ASCII.semicolon)
            if parameter.isBare {
                line.append(contentsOf: parameter.values.joined(separator: ",").utf8)
                continue
            }
            line.append(contentsOf: parameter.name.utf8)
            line.append(ASCII.equals)
            for (offset, value) in parameter.values.enumerated() {
                if offset > 0 { line.append(ASCII.comma) }
                line.append(contentsOf: ParameterEscaping.encode(value).utf8)
            }
        }
        line.append(ASCII.colon)
        // A raw line break can never be part of a value line; escape it.
        line.append(contentsOf: VCardEscaping.escapeLineBreaks(value).utf8)
        return Folding.fold(line, lineEnding: Array(lineEnding.rawValue.utf8))
    }
}

/// Line folding (RFC 6350 §3.2): at most 75 octets per physical line, the line
/// break followed by one space; a UTF-8 sequence is never split.
public enum Folding {
    /// The longest physical line, in octets, line break excluded.
    public static let maximumLineLength = 75

    /// Folds one unfolded line and terminates it with `lineEnding`.
    public static func fold(_ line: [UInt8], lineEnding: [UInt8]) -> [UInt8] {
        if line.count <= maximumLineLength { return line + lineEnding }
        var output: [UInt8] = []
        output.reserveCapacity(line.count + (line.count / 70 + 1) * (lineEnding.count + 1))
        var start = 0
        var limit = maximumLineLength
        while start < line.count {
            var end = min(start + limit, line.count)
            if end < line.count {
                // Step back while `end` points into the middle of a UTF-8 sequence.
                while end > start + 1, line[end] & 0xC0 == 0x80 { end -= 1 }
            }
            if start > 0 { output.append(ASCII.space) }
            output.append(contentsOf: line[start..<end])
            output.append(contentsOf: lineEnding)
            start = end
            limit = maximumLineLength - 1
        }
        return output
    }
}
