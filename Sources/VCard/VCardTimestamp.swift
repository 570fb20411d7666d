import ByteText

/// A point in time with second precision, as vCard `REV`/`CREATED`/`X-DELETED-AT`
/// carry it, stored as seconds since 1970-01-01T00:00:00Z.
///
/// Reads the basic form `YYYYMMDDTHHMMSSZ` (RFC 6350 §4.3.5), the extended form
/// `YYYY-MM-DDTHH:MM:SSZ` that 3.0 tools write, fractions of seconds, numeric
/// offsets (`+0100`, `-05:00`) and bare dates. Writes both the vCard form and
/// RFC 3339 UTC (`2026-11-29T14:52:27Z`) for JSON.
public struct VCardTimestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Seconds since the Unix epoch, UTC.
    public var secondsSince1970: Int64

    public init(secondsSince1970: Int64) {
        self.secondsSince1970 = secondsSince1970
    }

    public static func < (lhs: VCardTimestamp, rhs: VCardTimestamp) -> Bool {
        lhs.secondsSince1970 < rhs.secondsSince1970
    }

    /// Parses a vCard timestamp or date; nil when the text is not one.
    public init?(vCardText text: String) {
        if let seconds = Self.basicUTCSeconds(text) {
            secondsSince1970 = seconds
            return
        }
        var runs: [(value: Int, length: Int)] = []
        var current = 0
        var length = 0
        var offsetSign = 0
        var sawT = false
        var offsetRunIndex: Int?
        func closeRun() {
            if length > 0 { runs.append((current, length)) }
            current = 0
            length = 0
        }
        var skippingFraction = false
        for byte in text.utf8 {
            switch byte {
            case 0x30...0x39:
                if skippingFraction { continue }
                current = current * 10 + Int(byte - 0x30)
                length += 1
                if length > 14 { return nil }
            case 0x54, 0x74:  // T
                closeRun(); sawT = true; skippingFraction = false
            case 0x2D where !sawT, 0x3A:  // date '-', time ':'
                closeRun()
            case 0x2E, 0x2C:  // fraction of a second
                closeRun(); skippingFraction = true
            case 0x2B, 0x2D:  // offset sign after the time
                closeRun(); skippingFraction = false
                offsetSign = byte == 0x2B ? 1 : -1
                offsetRunIndex = runs.count
            case 0x5A, 0x7A:  // Z
                closeRun(); skippingFraction = false
            case ASCII.space, ASCII.tab: continue
            default: return nil
            }
        }
        closeRun()
        // Split runs into date/time fields and offset fields.
        let fieldRuns = offsetRunIndex.map { Array(runs[..<$0]) } ?? runs
        let offsetRuns = offsetRunIndex.map { Array(runs[$0...]) } ?? []
        var fields: [Int] = []
        for run in fieldRuns {
            // Split basic-format runs: 8 digits = YYYYMMDD, 6 = HHMMSS, 4 = HHMM or YYYY.
            switch run.length {
            case 14: fields += [run.value / 10_000_000_000, run.value / 100_000_000 % 100, run.value / 1_000_000 % 100,
                                run.value / 10_000 % 100, run.value / 100 % 100, run.value % 100]
            case 8: fields += [run.value / 10_000, run.value / 100 % 100, run.value % 100]
            case 6: fields += [run.value / 10_000, run.value / 100 % 100, run.value % 100]
            case 4 where !fields.isEmpty: fields += [run.value / 100, run.value % 100]
            default: fields.append(run.value)
            }
        }
        guard fields.count >= 3 else { return nil }
        let year = fields[0], month = fields[1], day = fields[2]
        let hour = fields.count > 3 ? fields[3] : 0
        let minute = fields.count > 4 ? fields[4] : 0
        let second = fields.count > 5 ? fields[5] : 0
        guard (1...12).contains(month), (1...31).contains(day), (0...23).contains(hour),
              (0...59).contains(minute), (0...60).contains(second), year >= 1 && year <= 9999 else { return nil }
        var offsetSeconds = 0
        if offsetSign != 0 {
            var offsetFields: [Int] = []
            for run in offsetRuns {
                if run.length == 4 { offsetFields += [run.value / 100, run.value % 100] } else { offsetFields.append(run.value) }
            }
            let minutes = offsetFields.count > 1 ? offsetFields[1] : 0
            guard let hours = offsetFields.first, hours <= 14, minutes <= 59 else { return nil }
            offsetSeconds = offsetSign * (hours * 3600 + minutes * 60)
        }
        let days = CivilDate.days(year: year, month: month, day: day)
        secondsSince1970 = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offsetSeconds)
    }

    /// The seconds of `YYYYMMDDTHHMMSSZ`, the form Cardbox and most tools write,
    /// read without the general parser's arrays; nil for any other text (which the
    /// general parser then reads, with the same checks and the same result).
    private static func basicUTCSeconds(_ text: String) -> Int64? {
        let bytes = text.utf8
        guard bytes.count == 16 else { return nil }
        var digits: (Int, Int, Int, Int, Int, Int) = (0, 0, 0, 0, 0, 0)
        var position = 0
        for byte in bytes {
            switch position {
            case 8: guard byte == 0x54 else { return nil }  // T
            case 15: guard byte == 0x5A else { return nil }  // Z
            default:
                guard byte >= 0x30 && byte <= 0x39 else { return nil }
                let digit = Int(byte - 0x30)
                switch position {
                case 0..<4: digits.0 = digits.0 * 10 + digit
                case 4..<6: digits.1 = digits.1 * 10 + digit
                case 6..<8: digits.2 = digits.2 * 10 + digit
                case 9..<11: digits.3 = digits.3 * 10 + digit
                case 11..<13: digits.4 = digits.4 * 10 + digit
                default: digits.5 = digits.5 * 10 + digit
                }
            }
            position += 1
        }
        let (year, month, day, hour, minute, second) = digits
        guard (1...12).contains(month), (1...31).contains(day), (0...23).contains(hour),
              (0...59).contains(minute), (0...60).contains(second), year >= 1 && year <= 9999 else { return nil }
        let days = CivilDate.days(year: year, month: month, day: day)
        return Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
    }

    /// `YYYYMMDDTHHMMSSZ`, the form Cardbox writes into files.
    public var vCardText: String {
        let (y, mo, d, h, mi, s) = fields
        return pad(y, 4) + pad(mo, 2) + pad(d, 2) + "T" + pad(h, 2) + pad(mi, 2) + pad(s, 2) + "Z"
    }

    /// RFC 3339 UTC with second precision, the form of JSON timestamps.
    public var rfc3339: String {
        let (y, mo, d, h, mi, s) = fields
        return pad(y, 4) + "-" + pad(mo, 2) + "-" + pad(d, 2) + "T" + pad(h, 2) + ":" + pad(mi, 2) + ":" + pad(s, 2) + "Z"
    }

    public var description: String { rfc3339 }

    private var fields: (Int, Int, Int, Int, Int, Int) {
        // Floor division and its non-negative remainder: no product that could overflow at Int64.min.
        let days = Int(secondsSince1970.floorDivided(by: 86_400))
        let remainder = Int(secondsSince1970 % 86_400)
        let secondsOfDay = remainder < 0 ? remainder + 86_400 : remainder
        let (y, m, d) = CivilDate.date(fromDays: days)
        return (y, m, d, secondsOfDay / 3600, secondsOfDay / 60 % 60, secondsOfDay % 60)
    }

    private func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}

extension Int64 {
    fileprivate func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
