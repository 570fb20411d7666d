extension VCard {
    /// Property names whose value is one text (RFC 6350 TEXT), escaped on write.
    static let textProperties: Set<String> = [
        "FN", "NOTE", "TITLE", "ROLE", "LABEL", "MAILER", "PRODID", "SORT-STRING", "CLASS", "X-ABLABEL",
    ]
    /// Property names whose value is a comma-separated text list.
    static let listProperties: Set<String> = ["NICKNAME", "CATEGORIES", "X-TAGS"]
    /// Property names whose value has `;`-separated components.
    static let compoundProperties: Set<String> = ["N", "ADR", "ORG", "GENDER"]
    /// Properties whose 2.1 base64 value becomes a `data:` URI in 4.0.
    static let mediaProperties: Set<String> = ["PHOTO", "LOGO", "SOUND", "KEY"]

    /// This card converted whole to vCard 4.0 (SPEC §1.1), for 2.1 cards and cards
    /// without `VERSION`: quoted-printable and charsets decoded, bare types turned
    /// into `TYPE=`, `TYPE=PREF` into `PREF=1`, base64 media into `data:` URIs,
    /// text re-escaped by 4.0 rules. Every property is kept, in order. The result
    /// carries no source bytes: it is written fresh.
    public func upgradedToVersion4() -> VCard {
        var upgraded: [VCardProperty] = []
        var sawVersion = false
        for property in properties {
            if property.hasName("VERSION") {
                if !sawVersion { upgraded.append(VCardProperty(name: "VERSION", value: "4.0")) }
                sawVersion = true
                continue
            }
            upgraded.append(Self.upgrade(property))
        }
        if !sawVersion { upgraded.insert(VCardProperty(name: "VERSION", value: "4.0"), at: 0) }
        var card = VCard(properties: upgraded)
        card.lineEnding = .crlf
        return card
    }

    private static func upgrade(_ property: VCardProperty) -> VCardProperty {
        let name = property.upperName
        let decoded = property.decodedValue
        var types: [String] = []
        var preferred = false
        var parameters: [VCardParameter] = []
        for parameter in property.parameters {
            if parameter.isBare || parameter.hasName("TYPE") {
                for value in parameter.values {
                    let lower = value.lowercased()
                    switch lower {
                    case "pref": preferred = true
                    case "quoted-printable", "base64", "8bit", "7bit": continue
                    default: if !types.contains(lower) { types.append(lower) }
                    }
                }
                continue
            }
            if parameter.hasName("ENCODING") || parameter.hasName("CHARSET") { continue }
            parameters.append(parameter)
        }
        var value: String
        if Self.mediaProperties.contains(name), property.isBase64 {
            let format = types.first { !["pref", "home", "work"].contains($0) }
            types.removeAll { $0 == format }
            let mediaType = format.map { $0.contains("/") ? $0 : Self.mediaType(for: name, format: $0) } ?? "application/octet-stream"
            value = "data:" + mediaType + ";base64," + decoded.filter { !$0.isWhitespace }
        } else if Self.compoundProperties.contains(name) {
            value = VCardEscaping.escapeComponents(VCardEscaping.split(decoded, separator: ASCII.semicolon).map { Self.unescape21($0) })
        } else if Self.listProperties.contains(name) {
            value = VCardEscaping.escapeList(decoded.split(separator: ",", omittingEmptySubsequences: false).map { Self.unescape21($0) },
                                             semicolons: false)
        } else if Self.textProperties.contains(name) {
            value = VCardEscaping.escape(Self.unescape21(decoded), semicolons: false)
        } else {
            value = decoded
        }
        // Values are kept as they are, except that decoded line breaks must
        // become `\n`: a content line cannot hold them.
        value = VCardEscaping.escapeLineBreaks(value)
        if !types.isEmpty { parameters.insert(VCardParameter(name: "TYPE", values: types), at: 0) }
        if preferred, !parameters.contains(where: { $0.hasName("PREF") }) {
            parameters.append(VCardParameter(name: "PREF", values: ["1"]))
        }
        // Keep the original name spelling but normalise case of standard names.
        var result = VCardProperty(group: property.group, name: name.hasPrefix("X-") ? property.name : name,
                                   parameters: parameters, value: value)
        result.line = property.line
        return result
    }

    /// vCard 2.1 text has only `\;` and `\\` escapes in practice; `\n` is accepted too.
    private static func unescape21<S: StringProtocol>(_ text: S) -> String {
        VCardEscaping.unescape(text)
    }

    private static func mediaType(for property: String, format: String) -> String {
        let kind: String
        switch property {
        case "SOUND": kind = "audio"
        case "KEY": kind = "application"
        default: kind = "image"
        }
        let subtype = format == "jpg" ? "jpeg" : format
        return kind + "/" + subtype
    }
}
