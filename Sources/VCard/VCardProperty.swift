import ByteText

/// One property of a vCard (RFC 6350 §3.3 content line): `group.NAME;params:value`.
///
/// The property is lossless: `value` is the raw text after unfolding, still
/// escaped and, for vCard 2.1, still quoted-printable encoded. Typed views
/// (``textValue``, ``components``, ``types``…) decode on demand, so anything
/// Cardbox does not understand is written back exactly as it was read.
///
/// A property read from a file remembers the byte range of its original lines
/// (``sourceRange``). Changing any of its parts forgets that range, so the
/// serializer writes the original bytes for untouched properties and fresh
/// lines only for changed ones.
public struct VCardProperty: Sendable, Equatable {
    /// The group prefix without the dot (`item1` in `item1.EMAIL`), if any.
    public var group: String? { didSet { sourceRange = nil } }
    /// The property name as written; compare with ``hasName(_:)`` or ``upperName``.
    public var name: String {
        didSet {
            sourceRange = nil
            upperName = Self.asciiUppercased(name)
        }
    }
    /// Parameters in their original order.
    public var parameters: [VCardParameter] { didSet { sourceRange = nil } }
    /// The raw value: unfolded, still escaped (and still quoted-printable if so encoded).
    public var value: String { didSet { sourceRange = nil } }

    /// `name` in upper case, computed once, for fast case-insensitive lookups.
    public private(set) var upperName: String
    /// The bytes of the card's source that hold this property's original lines
    /// (line ends included), or nil once the property has changed or if it is new.
    public internal(set) var sourceRange: Range<Int>?
    /// Blank lines that preceded this property in the source; kept when the property changes.
    internal var leadingTrivia: Range<Int>?
    /// The 1-based line number where the property started in its file, if read from one.
    public internal(set) var line: Int?

    /// Creates a new property (not backed by any source text).
    public init(group: String? = nil, name: String, parameters: [VCardParameter] = [], value: String) {
        self.group = group
        self.name = name
        self.parameters = parameters
        self.value = value
        self.upperName = Self.asciiUppercased(name)
    }

    /// Creates a property read from a file; the parser already knows the upper-case name.
    /// Everything is set at once, so the reader builds each property in place, never copying it.
    init(group: String?, name: String, upperName: String, parameters: [VCardParameter], value: String,
         sourceRange: Range<Int>? = nil, leadingTrivia: Range<Int>? = nil, line: Int? = nil) {
        self.group = group
        self.name = name
        self.parameters = parameters
        self.value = value
        self.upperName = upperName
        self.sourceRange = sourceRange
        self.leadingTrivia = leadingTrivia
        self.line = line
    }

    /// Upper case for the ASCII letters only: property names are ASCII, and this
    /// avoids Unicode case mapping on the parser's hot path.
    static func asciiUppercased(_ name: String) -> String {
        var needsChange = false
        for byte in name.utf8 where byte >= 0x61 && byte <= 0x7A {
            needsChange = true
            break
        }
        guard needsChange else { return name }
        return String(decoding: name.utf8.map(ASCII.uppercased), as: UTF8.self)
    }

    /// True when the property's name equals `other`, ignoring case.
    public func hasName(_ other: String) -> Bool {
        guard upperName.utf8.count == other.utf8.count else { return false }
        return upperName == other || upperName.caseInsensitiveEquals(other)
    }

    /// True when the group equals `other`, ignoring case (RFC 6350 §3.3: groups are case-insensitive).
    public func hasGroup(_ other: String) -> Bool {
        guard let group else { return false }
        return group.caseInsensitiveEquals(other)
    }
}

// MARK: - Parameter access

extension VCardProperty {
    /// The first value of parameter `name`, if present.
    public func parameterValue(_ name: String) -> String? {
        for parameter in parameters where parameter.hasName(name) {
            return parameter.values.first ?? ""
        }
        return nil
    }

    /// True if a parameter named `name` is present.
    public func hasParameter(_ name: String) -> Bool {
        parameters.contains { $0.hasName(name) }
    }

    /// Sets parameter `name` to `values`, replacing every existing parameter of
    /// that name in place (the first one's position is kept), or appending it.
    /// Passing an empty array removes the parameter.
    public mutating func setParameter(_ name: String, _ values: [String]) {
        var result: [VCardParameter] = []
        var placed = false
        for parameter in parameters {
            if parameter.hasName(name) {
                if !placed && !values.isEmpty {
                    result.append(VCardParameter(name: parameter.isBare ? name : parameter.name, values: values))
                    placed = true
                }
            } else {
                result.append(parameter)
            }
        }
        if !placed && !values.isEmpty {
            result.append(VCardParameter(name: name, values: values))
        }
        if result != parameters { parameters = result }
    }

    /// The `TYPE` values in lower case, from `TYPE=a,b`, repeated `TYPE=`,
    /// quoted lists (`TYPE="voice,cell"`) and bare 2.1 types (`TEL;CELL:`).
    public var types: [String] {
        var result: [String] = []
        for parameter in parameters where parameter.hasName("TYPE") {
            for value in parameter.values {
                // Common case: one plain word, lower-cased in ASCII without splitting.
                if !value.utf8.contains(where: { $0 == ASCII.comma || ASCII.isWhitespace($0) || $0 >= 0x80 }) {
                    if !value.isEmpty { result.append(Self.asciiLowercased(value)) }
                    continue
                }
                for part in value.split(separator: ",") {
                    let trimmed = part.trimmingASCIIWhitespace()
                    if !trimmed.isEmpty { result.append(trimmed.lowercased()) }
                }
            }
        }
        return result
    }

    static func asciiLowercased(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) else { return text }
        return String(decoding: text.utf8.map(ASCII.lowercased), as: UTF8.self)
    }

    /// True if `type` (lower case) is among ``types``.
    public func hasType(_ type: String) -> Bool {
        types.contains(type)
    }

    /// The `PREF` parameter as a number (RFC 6350 §5.3: 1 is most preferred).
    /// A 2.1/3.0 `TYPE=pref` counts as 1.
    public var preference: Int? {
        preferenceParameter ?? (hasType("pref") ? 1 : nil)
    }

    /// The `PREF` parameter's value, 1…100 (RFC 6350 §5.3). A number above 100,
    /// however many digits it has, reads as 100 (least preferred); a value that is
    /// not a positive decimal integer (empty, `0`, `-1`, `abc`) reads as no `PREF`.
    public var preferenceParameter: Int? {
        guard let text = parameterValue("PREF")?.trimmingASCIIWhitespace(), !text.isEmpty else { return nil }
        var number = 0
        for byte in text.utf8 {
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            number = min(number * 10 + Int(byte - 0x30), 101)
        }
        return number == 0 ? nil : min(number, 100)
    }

    /// True for `ENCODING=QUOTED-PRINTABLE` (vCard 2.1).
    public var isQuotedPrintable: Bool {
        parameterValue("ENCODING").map { $0.caseInsensitiveEquals("QUOTED-PRINTABLE") } ?? false
            || parameters.contains { $0.isBare && $0.values.first?.caseInsensitiveEquals("QUOTED-PRINTABLE") == true }
    }

    /// True for base64-encoded values: `ENCODING=b` (3.0) or `ENCODING=BASE64` (2.1).
    public var isBase64: Bool {
        guard let encoding = parameterValue("ENCODING") else {
            return parameters.contains { $0.isBare && $0.values.first?.caseInsensitiveEquals("BASE64") == true }
        }
        return encoding.caseInsensitiveEquals("B") || encoding.caseInsensitiveEquals("BASE64")
    }
}
