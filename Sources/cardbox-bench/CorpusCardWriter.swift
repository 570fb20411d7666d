import HTTPServer

/// Writes a ``CorpusPerson`` as the vCard files real exporters produce:
/// 4.0 as Cardbox and Nextcloud write it, 3.0 as Apple and Google export it
/// (`TYPE=` lists, `item1.` groups, an embedded `ENCODING=b` photo), and 2.1 as
/// Android phones export it (bare types, UTF-8 quoted-printable with soft line
/// breaks, a `BASE64` photo). Lines end in CRLF and are folded at 75 octets
/// without splitting a UTF-8 sequence.
enum CorpusCardWriter {
    enum Version: String, CaseIterable {
        case v4 = "4.0", v3 = "3.0", v21 = "2.1"
    }

    static func card(_ person: CorpusPerson, version: Version) -> String {
        switch version {
        case .v4: return version4(person)
        case .v3: return version3(person)
        case .v21: return version21(person)
        }
    }

    // MARK: - vCard 4.0

    private static func version4(_ person: CorpusPerson) -> String {
        var lines = ["BEGIN:VCARD", "VERSION:4.0"]
        if let productID = person.productID { lines.append("PRODID:" + productID) }
        lines.append("UID:urn:uuid:" + person.id)
        lines.append("FN:" + escaped(person.displayName))
        lines.append("N:" + person.nameParts.map(escaped).joined(separator: ";"))
        if let nickname = person.nickname { lines.append("NICKNAME:" + escaped(nickname)) }
        if let birthday = person.birthday { lines.append("BDAY:" + pad(birthday.year, 4) + pad(birthday.month, 2) + pad(birthday.day, 2)) }
        if let gender = person.gender { lines.append("GENDER:" + gender) }
        for (index, email) in person.emails.enumerated() {
            var parameters = email.type.map { ";TYPE=" + $0 } ?? ""
            if email.isPreferred { parameters += ";PREF=1" }
            if person.groupsLastEmail, index == person.emails.count - 1 {
                lines.append("item1.EMAIL" + parameters + ":" + email.address)
                lines.append("item1.X-ABLabel:_$!<Other>!$_")
            } else {
                lines.append("EMAIL" + parameters + ":" + email.address)
            }
        }
        for phone in person.phones {
            if phone.asURI {
                let types = phone.type == "voice" ? "voice" : "voice," + phone.type
                let uri = "tel:" + phone.number.filter { $0 != "(" && $0 != ")" }.replacingSpaces(with: "-")
                lines.append("TEL;VALUE=uri;TYPE=\"\(types)\":" + uri)
            } else {
                lines.append("TEL;TYPE=\(phone.type):" + phone.number)
            }
        }
        lines += organisation(person, escape: escaped)
        for address in person.addresses {
            var parameters = ";TYPE=" + address.type
            if address.withLabel {
                parameters += ";LABEL=\"\(address.street)\\n\(address.postalCode) \(address.city)\\n\(address.country)\""
            }
            lines.append("ADR" + parameters + ":" + components(address).map(escaped).joined(separator: ";"))
        }
        if let url = person.url { lines.append("URL:" + url) }
        if let note = person.note { lines.append("NOTE:" + escaped(note)) }
        lines += cardboxProperties(person)
        if let photo = person.photo { lines.append("PHOTO:data:image/jpeg;base64," + Base64.encode(photo)) }
        lines.append("CREATED:" + person.created.basic)
        lines.append("REV:" + person.revised.basic)
        if let deleted = person.deleted { lines.append("X-DELETED-AT:" + deleted.basic) }
        lines.append("END:VCARD")
        return lines.map(folded).joined()
    }

    // MARK: - vCard 3.0

    private static func version3(_ person: CorpusPerson) -> String {
        var lines = ["BEGIN:VCARD", "VERSION:3.0"]
        if let productID = person.productID { lines.append("PRODID:" + productID) }
        lines.append("N:" + person.nameParts.map(escaped).joined(separator: ";"))
        lines.append("FN:" + escaped(person.displayName))
        if let nickname = person.nickname { lines.append("NICKNAME:" + escaped(nickname)) }
        lines += organisation(person, escape: escaped)
        for (index, email) in person.emails.enumerated() {
            var types = ["INTERNET"] + (email.type.map { [$0.uppercased()] } ?? [])
            if email.isPreferred { types.append("pref") }
            if person.groupsLastEmail, index == person.emails.count - 1 {
                lines.append("item1.EMAIL;" + types.map { "type=" + $0 }.joined(separator: ";") + ":" + email.address)
                lines.append("item1.X-ABLabel:_$!<Other>!$_")
            } else {
                lines.append("EMAIL;TYPE=" + types.joined(separator: ",") + ":" + email.address)
            }
        }
        for phone in person.phones {
            let types = phone.type == "cell" ? "CELL,VOICE" : phone.type.uppercased()
            lines.append("TEL;TYPE=\(types):" + phone.number)
        }
        for address in person.addresses {
            lines.append("ADR;TYPE=\(address.type.uppercased()):" + components(address).map(escaped).joined(separator: ";"))
        }
        if let note = person.note { lines.append("NOTE:" + escaped(note)) }
        if let url = person.url { lines.append("URL;TYPE=pref:" + url) }
        if let birthday = person.birthday { lines.append("BDAY:" + pad(birthday.year, 4) + "-" + pad(birthday.month, 2) + "-" + pad(birthday.day, 2)) }
        lines += cardboxProperties(person)
        if let photo = person.photo { lines.append("PHOTO;ENCODING=b;TYPE=JPEG:" + Base64.encode(photo)) }
        lines.append("UID:" + person.id.uppercased())
        lines.append("REV:" + person.revised.extended)
        if let deleted = person.deleted { lines.append("X-DELETED-AT:" + deleted.basic) }
        lines.append("END:VCARD")
        return lines.map(folded).joined()
    }

    // MARK: - vCard 2.1

    private static func version21(_ person: CorpusPerson) -> String {
        var text = "BEGIN:VCARD\r\nVERSION:2.1\r\n"
        text += textLine("N", person.nameParts.map(escaped).joined(separator: ";"))
        text += textLine("FN", escaped(person.displayName))
        for phone in person.phones {
            let type = phone.type == "voice" ? "VOICE" : phone.type.uppercased()
            text += "TEL;\(type):" + phone.number + "\r\n"
        }
        for email in person.emails {
            var types = email.type.map { [$0.uppercased()] } ?? ["INTERNET"]
            if email.isPreferred { types.append("PREF") }
            text += "EMAIL;" + types.joined(separator: ";") + ":" + email.address + "\r\n"
        }
        if let company = person.company {
            text += textLine("ORG", ([company] + (person.department.map { [$0] } ?? [])).map(escaped).joined(separator: ";"))
        }
        if let title = person.title { text += textLine("TITLE", escaped(title)) }
        for address in person.addresses {
            text += textLine("ADR;" + address.type.uppercased(), components(address).map(escaped).joined(separator: ";"))
        }
        if let note = person.note { text += textLine("NOTE", escaped(note, newlines: false)) }
        if let birthday = person.birthday { text += "BDAY:" + pad(birthday.year, 4) + "-" + pad(birthday.month, 2) + "-" + pad(birthday.day, 2) + "\r\n" }
        text += cardboxProperties(person).map(folded).joined()
        if let photo = person.photo {
            // Android: the base64 in 76-character lines, each indented, then an empty line.
            let encoded = Array(Base64.encode(photo).utf8)
            text += "PHOTO;ENCODING=BASE64;JPEG:"
            for start in stride(from: 0, to: encoded.count, by: 76) {
                text += (start == 0 ? "" : " ") + String(decoding: encoded[start..<min(start + 76, encoded.count)], as: UTF8.self) + "\r\n"
            }
            text += "\r\n"
        }
        text += "UID:" + person.id + "\r\n"
        text += "REV:" + person.revised.basic + "\r\n"
        if let deleted = person.deleted { text += "X-DELETED-AT:" + deleted.basic + "\r\n" }
        return text + "END:VCARD\r\n"
    }

    /// A 2.1 text property: plain when the value is printable ASCII on one line,
    /// else UTF-8 quoted-printable (`=0D=0A` for line breaks) with soft line
    /// breaks keeping lines within 76 characters, as Android writes it.
    private static func textLine(_ name: String, _ value: String) -> String {
        let bytes = Array(value.utf8)
        if bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return folded(name + ":" + value) }
        var line = name + ";CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:"
        var text = ""
        let hex = Array("0123456789ABCDEF")
        for (index, byte) in bytes.enumerated() {
            let isLiteral = (byte >= 0x21 && byte < 0x7F && byte != UInt8(ascii: "=")) || (byte == 0x20 && index < bytes.count - 1)
            let piece = isLiteral
                ? String(Character(Unicode.Scalar(byte)))
                : "=" + String(hex[Int(byte >> 4)]) + String(hex[Int(byte & 0x0F)])
            if line.utf8.count + piece.utf8.count > 75 {
                text += line + "=\r\n"
                line = ""
            }
            line += piece
        }
        return text + line + "\r\n"
    }

    // MARK: - Shared pieces

    private static func organisation(_ person: CorpusPerson, escape: (String) -> String) -> [String] {
        guard let company = person.company else { return [] }
        var lines = ["ORG:" + ([company] + (person.department.map { [$0] } ?? [])).map(escape).joined(separator: ";")]
        if let title = person.title { lines.append("TITLE:" + escape(title)) }
        if let role = person.role { lines.append("ROLE:" + escape(role)) }
        return lines
    }

    /// `X-TAGS` and `X-CUSTOM`, Cardbox's own properties.
    private static func cardboxProperties(_ person: CorpusPerson) -> [String] {
        var lines: [String] = []
        if !person.tags.isEmpty { lines.append("X-TAGS:" + person.tags.joined(separator: ",")) }
        for field in person.customFields { lines.append("X-CUSTOM;X-KEY=\(field.key):" + escaped(field.value)) }
        return lines
    }

    private static func components(_ address: CorpusPerson.PostalAddress) -> [String] {
        [address.poBox, address.extended, address.street, address.city, address.region, address.postalCode, address.country]
    }

    /// RFC 6350 §3.4 text escaping of one value or component. 2.1 has no `\n`
    /// escape: its line breaks stay raw and are quoted-printable encoded.
    static func escaped(_ text: String) -> String {
        escaped(text, newlines: true)
    }

    private static func escaped(_ text: String, newlines: Bool) -> String {
        var result = ""
        for character in text {
            switch character {
            case "\\": result += "\\\\"
            case ",": result += "\\,"
            case ";": result += "\\;"
            case "\n" where newlines: result += "\\n"
            default: result.append(character)
            }
        }
        return result
    }

    /// The line with CRLF, folded at 75 octets (continuations start with a
    /// space) without splitting a UTF-8 sequence.
    static func folded(_ line: String) -> String {
        let bytes = Array(line.utf8)
        var result: [UInt8] = []
        var start = 0
        var limit = 75
        while bytes.count - start > limit {
            var cut = start + limit
            while cut > start, bytes[cut] & 0xC0 == 0x80 { cut -= 1 }
            result += bytes[start..<cut] + [0x0D, 0x0A, 0x20]
            start = cut
            limit = 74
        }
        result += bytes[start...] + [0x0D, 0x0A]
        return String(decoding: result, as: UTF8.self)
    }
}

private extension String {
    func replacingSpaces(with replacement: String) -> String {
        split(separator: " ", omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
