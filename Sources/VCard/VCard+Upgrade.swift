import ByteText

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
    /// without `VERSION`: quoted-printable, base64 text and charsets decoded, bare
    /// types turned into `TYPE=`, `TYPE=PREF` into `PREF=1`, base64 media into
    /// `data:` URIs, text re-escaped by 4.0 rules. Every property is kept, in order.
    /// A quoted-printable or base64 value that cannot be decoded faithfully (an
    /// unknown charset, bytes that are not text in theirs) is written as
    /// `ENCODING=b` with its `CHARSET`, so no byte of it is lost. The result carries no source bytes:
    /// it is written fresh.
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
        let isMedia = Self.mediaProperties.contains(name) && property.isBase64
        let exact = isMedia ? nil : property.exactlyDecodedValue
        let keepsEncoding = !isMedia && exact == nil
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
            if parameter.hasName("CHARSET"), keepsEncoding { parameters.append(parameter) }
            if parameter.hasName("ENCODING") || parameter.hasName("CHARSET") { continue }
            parameters.append(parameter)
        }
        var value: String
        if let decoded = exact {
            value = Self.upgradedText(decoded, name: name)
        } else if isMedia {
            let format = types.first { !["pref", "home", "work"].contains($0) }
            types.removeAll { $0 == format }
            let mediaType = format.map { $0.contains("/") ? $0 : Self.mediaType(for: name, format: $0) } ?? "application/octet-stream"
            value = "data:" + mediaType + ";base64," + property.value.filter { !$0.isWhitespace }
        } else {
            // Base64 keeps the bytes exactly, and (unlike quoted-printable) has no
            // `=` soft break that folding could change.
            value = property.transferDecodedBytes.map(Base64Text.encode) ?? property.value
            parameters.append(VCardParameter(name: "ENCODING", values: ["b"]))
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

    /// A decoded value re-escaped by 4.0 rules for its property.
    private static func upgradedText(_ decoded: String, name: String) -> String {
        if compoundProperties.contains(name) {
            return VCardEscaping.escapeComponents(VCardEscaping.split(decoded, separator: ASCII.semicolon).map { unescape21($0) })
        } else if listProperties.contains(name) {
            return VCardEscaping.escapeList(decoded.split(separator: ",", omittingEmptySubsequences: false).map { unescape21($0) },
                                            semicolons: false)
        } else if textProperties.contains(name) {
            return VCardEscaping.escape(unescape21(decoded), semicolons: false)
        }
        return decoded
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
