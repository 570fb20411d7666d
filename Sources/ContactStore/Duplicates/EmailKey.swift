/// An email address as duplicates compare it (SPEC §10): surrounding
/// whitespace and a `mailto:` scheme dropped, case folded (in practice no mail
/// system treats the local part case-sensitively).
public enum EmailKey {
    /// The comparable form of `address`, nil when it is not an address (no `@`).
    public static func normalize(_ address: String) -> String? {
        var value = Substring(address)
        while let first = value.first, first.isWhitespace { value = value.dropFirst() }
        while let last = value.last, last.isWhitespace { value = value.dropLast() }
        if value.lowercased().hasPrefix("mailto:") { value = value.dropFirst(7) }
        let folded = value.lowercased()
        guard let at = folded.firstIndex(of: "@"), at != folded.startIndex, folded.index(after: at) != folded.endIndex else { return nil }
        return folded
    }
}
