/// A vCard: an ordered list of properties between `BEGIN:VCARD` and `END:VCARD`.
///
/// A card read from bytes keeps those bytes and, for each property, the range of
/// its original lines. ``serialized()`` writes untouched properties back byte for
/// byte and only changed or new properties as fresh lines, so an unchanged card
/// round-trips exactly and a change shows up in a diff as only its own lines.
public struct VCard: Sendable, Equatable {
    /// The properties in file order, without `BEGIN` and `END`.
    public var properties: [VCardProperty]
    /// The line ending used for fresh lines: the source's own, CRLF for new cards.
    public var lineEnding: LineEnding
    /// The 1-based line of `BEGIN:VCARD` when read from a file.
    public let beginLine: Int?

    /// The bytes this card was read from (shared by every card of one file).
    let source: [UInt8]
    /// Bytes from the card's start up to and including the `BEGIN` line
    /// (a byte-order mark and blank lines before it included).
    let headRange: Range<Int>?
    /// Bytes from the blank lines before `END` through the end of the card's span.
    let tailRange: Range<Int>?

    /// The line ending styles found in real files.
    public enum LineEnding: String, Sendable, Hashable {
        case crlf = "\r\n"
        case lf = "\n"
        case cr = "\r"
    }

    /// Creates an empty card with no source text, written with CRLF.
    public init(properties: [VCardProperty] = []) {
        self.properties = properties
        self.lineEnding = .crlf
        self.beginLine = nil
        self.source = []
        self.headRange = nil
        self.tailRange = nil
    }

    init(properties: [VCardProperty], lineEnding: LineEnding, beginLine: Int, source: [UInt8],
         headRange: Range<Int>, tailRange: Range<Int>) {
        self.properties = properties
        self.lineEnding = lineEnding
        self.beginLine = beginLine
        self.source = source
        self.headRange = headRange
        self.tailRange = tailRange
    }

    /// The declared version, or nil when `VERSION` is missing or unknown.
    public var version: VCardVersion? {
        first(named: "VERSION").flatMap { VCardVersion(value: $0.value) }
    }

    /// The first property named `name` (case-insensitive).
    public func first(named name: String) -> VCardProperty? {
        properties.first { $0.hasName(name) }
    }

    /// Every property named `name` (case-insensitive), in order.
    public func all(named name: String) -> [VCardProperty] {
        properties.filter { $0.hasName(name) }
    }

    /// The indices in ``properties`` of every property named `name`.
    public func indices(named name: String) -> [Int] {
        properties.indices.filter { properties[$0].hasName(name) }
    }

    /// Properties sharing a group with any of the properties at `indices`
    /// (Apple's `item1.EMAIL` + `item1.X-ABLabel`), excluding those properties
    /// themselves, in order. Groups compare without ASCII case.
    ///
    /// - Complexity: O(*n* + *k*) for *n* properties and *k* indices, so removing
    ///   thousands of grouped properties at once stays linear.
    public func groupMates(of indices: some Sequence<Int>) -> [Int] {
        let given = Set(indices)
        var groups = Set<String>()
        for index in given {
            if let group = properties[index].group { groups.insert(VCardProperty.asciiUppercased(group)) }
        }
        guard !groups.isEmpty else { return [] }
        return properties.indices.filter { index in
            guard !given.contains(index), let group = properties[index].group else { return false }
            return groups.contains(VCardProperty.asciiUppercased(group))
        }
    }
}
