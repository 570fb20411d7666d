/// Case- and accent-insensitive keys (SPEC §2.3: `Ángel` sorts among the A's,
/// `garcia` finds `García`), computed once per contact when it enters the index.
public enum TextFolding {
    private static let tables: [(start: UInt32, folded: [[UInt8]])] = FoldingTables.ranges.map { range in
        (range.start, range.folded.map { Array($0.utf8) })
    }

    /// The folded UTF-8 bytes of `text`: lower case, diacritics removed.
    public static func fold(_ text: String) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        append(text, to: &output)
        return output
    }

    /// Appends the folded bytes of `text` to `output`.
    public static func append(_ text: String, to output: inout [UInt8]) {
        var allASCII = true
        for byte in text.utf8 where byte >= 0x80 {
            allASCII = false
            break
        }
        if allASCII {
            // Copied at once, then lower-cased in place: no per-byte append.
            let start = output.count
            output.append(contentsOf: text.utf8)
            output.withUnsafeMutableBufferPointer { buffer in
                for index in start..<buffer.count where buffer[index] >= 0x41 && buffer[index] <= 0x5A { buffer[index] |= 0x20 }
            }
            return
        }
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                let byte = UInt8(value)
                output.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
            } else if isCombiningMark(value) {
                continue
            } else if let folded = tableEntry(value) {
                output.append(contentsOf: folded)
            } else {
                output.append(contentsOf: scalar.properties.lowercaseMapping.utf8)
            }
        }
    }

    private static func tableEntry(_ value: UInt32) -> [UInt8]? {
        for table in tables where value >= table.start && value < table.start + UInt32(table.folded.count) {
            return table.folded[Int(value - table.start)]
        }
        return nil
    }

    private static func isCombiningMark(_ value: UInt32) -> Bool {
        (0x0300...0x036F).contains(value) || (0x1AB0...0x1AFF).contains(value) || (0x1DC0...0x1DFF).contains(value)
            || (0x20D0...0x20FF).contains(value) || (0xFE20...0xFE2F).contains(value)
    }

    /// The ASCII digits of `text` (`+34 612-34` → `3461234`).
    public static func digits(_ text: String) -> [UInt8] {
        text.utf8.filter { $0 >= 0x30 && $0 <= 0x39 }
    }
}
