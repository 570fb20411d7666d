/// Keeps secrets out of the log (SPEC §2.6, §5): the request line logged at
/// `debug` shows every query parameter but the token's value, and no header
/// (so never `Authorization`) is logged at all.
enum LogRedaction {
    /// What replaces a secret value.
    static let placeholder = "REDACTED"

    /// `target` with the value of every `token` query parameter replaced by
    /// ``placeholder``: `/api/v1/events?since=3&token=s3cret` →
    /// `/api/v1/events?since=3&token=REDACTED`. Names are compared after
    /// percent-decoding, as the API reads them (`%74oken` is `token`); a name
    /// that does not decode has its value hidden too.
    static func target(_ target: String) -> String {
        guard let mark = target.firstIndex(of: "?") else { return target }
        let query = target[target.index(after: mark)...]
        let parts = query.split(separator: "&", omittingEmptySubsequences: false).map { part -> String in
            guard let equals = part.firstIndex(of: "=") else { return String(part) }
            let name = part[..<equals]
            guard let decoded = try? QueryString.decode(name), decoded != "token" else {
                return name + "=" + placeholder
            }
            return String(part)
        }
        return target[...mark] + parts.joined(separator: "&")
    }
}
