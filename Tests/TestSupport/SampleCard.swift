/// A minimal valid vCard 4.0 contact, CRLF.
public func sampleCard(fn: String, uid: String? = nil, extra: [String] = []) -> String {
    var lines = ["BEGIN:VCARD", "VERSION:4.0"]
    if let uid { lines.append("UID:\(uid)") }
    lines.append("FN:\(fn)")
    lines += extra
    lines.append("END:VCARD")
    return lines.joined(separator: "\r\n") + "\r\n"
}
