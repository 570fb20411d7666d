/// How often `--git-sync` pulls and pushes: `--git-sync-interval` (SPEC §9).
///
/// Written as whole seconds with an optional unit: `90`, `90s`, `2m`; from
/// one second to one day. Anything else (a sign, blanks, a fraction, `0`,
/// another unit) is not an interval, so a typo is a usage error rather than
/// a surprising schedule.
public struct GitSyncInterval: Sendable, Equatable, CustomStringConvertible {
    /// The interval when none is given: a minute.
    public static let standard = GitSyncInterval(unchecked: 60)
    /// The accepted range, in seconds.
    public static let range = 1...86_400

    /// The interval in whole seconds.
    public let seconds: Int

    private init(unchecked seconds: Int) {
        self.seconds = seconds
    }

    /// Parses `90`, `90s` or `2m`; nil for anything else or outside ``range``.
    public init?(parsing text: String) {
        var digits = Substring(text)
        var unit = 1
        if digits.hasSuffix("s") {
            digits.removeLast()
        } else if digits.hasSuffix("m") {
            digits.removeLast()
            unit = 60
        }
        // At most 6 digits: the range ends at 86,400 s, and no product can overflow.
        guard (1...6).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(digits) else { return nil }
        let seconds = number * unit
        guard Self.range.contains(seconds) else { return nil }
        self.seconds = seconds
    }

    public var description: String { "\(seconds) s" }
}
