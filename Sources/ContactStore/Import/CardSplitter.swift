import VCard

/// One card of an import file, or a part of the file that could not be read.
public enum SplitCard: Sendable {
    /// A card read whole. `number` counts the file's cards from 1; `line` is its `BEGIN:VCARD` line.
    case card(VCard, number: Int, line: Int)
    /// A card (or text outside any card, then `number` is nil) that is not valid vCard.
    case failure(number: Int?, line: Int, reason: String)
}

/// Splits the bytes of a multi-card export (`cardbox import`, SPEC §5) into cards.
///
/// The whole file is read first. When that fails, the file is cut at every
/// `BEGIN:VCARD` line and each part is read on its own, so one broken card costs
/// only itself: the cards before and after it are still imported, and the
/// failure names the line (counted in the whole file) and the reason.
///
/// ```swift
/// for part in CardSplitter.split(bytes) {
///     switch part {
///     case .card(let card, let number, let line): …
///     case .failure(let number, let line, let reason): …
///     }
/// }
/// ```
public enum CardSplitter {
    /// The cards of `bytes` in file order, with a failure for each unreadable part.
    /// - Complexity: O(n) in the size of the file (twice when it has a broken card).
    public static func split(_ bytes: [UInt8]) -> [SplitCard] {
        let wholeError: VCardReadError
        do {
            let cards = try VCardReader.read(bytes)
            return cards.enumerated().map { .card($1, number: $0 + 1, line: $1.beginLine ?? 1) }
        } catch {
            wholeError = error
        }
        let segments = self.segments(bytes)
        guard segments.contains(where: { $0.startsCard }) else {
            return [.failure(number: nil, line: wholeError.line, reason: wholeError.reason)]
        }
        var result: [SplitCard] = []
        var number = 0
        for segment in segments {
            let part = Array(bytes[segment.range])
            if !segment.startsCard {
                // Text before the first card: only worth reporting if it is not blank.
                guard part.contains(where: { !isWhitespaceOrBOM($0) }) else { continue }
                result.append(.failure(number: nil, line: segment.line, reason: "content outside BEGIN:VCARD … END:VCARD"))
                continue
            }
            do {
                for card in try VCardReader.read(part) {
                    number += 1
                    result.append(.card(card, number: number, line: segment.line + (card.beginLine ?? 1) - 1))
                }
            } catch {
                number += 1
                result.append(.failure(number: number, line: segment.line + error.line - 1, reason: error.reason))
            }
        }
        return result
    }

    /// A run of bytes starting at a `BEGIN:VCARD` line (or the text before the first one).
    struct Segment: Equatable {
        let range: Range<Int>
        /// The 1-based line of the file where the segment starts.
        let line: Int
        let startsCard: Bool
    }

    /// Cuts `bytes` before every line that is exactly `BEGIN:VCARD` (any case,
    /// surrounding spaces allowed). Lines end at LF, or at CR in files without LF,
    /// as ``VCardReader`` counts them.
    static func segments(_ bytes: [UInt8]) -> [Segment] {
        let lineBreak: UInt8 = bytes.contains(0x0A) || bytes.isEmpty ? 0x0A : 0x0D
        var segments: [Segment] = []
        var segmentStart = 0
        var segmentLine = 1
        var startsCard = false
        var lineStart = 0
        var line = 1
        while lineStart < bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != lineBreak { lineEnd += 1 }
            if isBeginLine(bytes[lineStart..<lineEnd], atFileStart: lineStart == 0) {
                if lineStart > segmentStart || startsCard {
                    segments.append(Segment(range: segmentStart..<lineStart, line: segmentLine, startsCard: startsCard))
                }
                segmentStart = lineStart
                segmentLine = line
                startsCard = true
            }
            lineStart = lineEnd + 1
            line += 1
        }
        if bytes.count > segmentStart || startsCard {
            segments.append(Segment(range: segmentStart..<bytes.count, line: segmentLine, startsCard: startsCard))
        }
        return segments
    }

    private static func isBeginLine(_ line: ArraySlice<UInt8>, atFileStart: Bool) -> Bool {
        var text = line
        if atFileStart, text.starts(with: [0xEF, 0xBB, 0xBF]) { text = text.dropFirst(3) }
        while let first = text.first, first == 0x20 || first == 0x09 { text = text.dropFirst() }
        while let last = text.last, last == 0x20 || last == 0x09 || last == 0x0D { text = text.dropLast() }
        let expected = Array("BEGIN:VCARD".utf8)
        guard text.count == expected.count else { return false }
        return zip(text, expected).allSatisfy { ($0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0) == $1 }
    }

    private static func isWhitespaceOrBOM(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0xEF || byte == 0xBB || byte == 0xBF
    }
}
