import Foundation

/// The path of a fixture file.
func fixture(_ relativePath: String) -> String {
    repositoryRoot.appendingPathComponent("fixtures/vcard/" + relativePath).path
}

/// A minimal vCard 4.0 card, CRLF.
func card(fn: String, uid: String? = nil, extra: [String] = []) -> String {
    var lines = ["BEGIN:VCARD", "VERSION:4.0"]
    if let uid { lines.append("UID:\(uid)") }
    lines.append("FN:\(fn)")
    lines += extra
    lines.append("END:VCARD")
    return lines.joined(separator: "\r\n") + "\r\n"
}
