/// The rule for control characters in the text of a request body: RFC 6350
/// text values hold none (§3.3 `VALUE-CHAR`), and a NUL written raw into a file
/// breaks other tools, so they are refused with 422 rather than stored.
///
/// Refused everywhere: C0 controls (U+0000–U+001F) and DEL (U+007F). Allowed
/// in multi-line fields — `notes`, `addresses[].street`, custom field text —
/// only tab, LF and CR, which a file holds as a plain tab and `\n` escapes.
enum ControlCharacters {
    /// Why `text` cannot be stored, or nil if it can.
    static func problem(in text: String, multiLine: Bool = false) -> String? {
        for scalar in text.unicodeScalars where scalar.value < 0x20 || scalar.value == 0x7F {
            if multiLine && (scalar == "\t" || scalar == "\n" || scalar == "\r") { continue }
            return multiLine ? "must not contain control characters other than tab and line breaks"
                             : "must not contain control characters"
        }
        return nil
    }
}
