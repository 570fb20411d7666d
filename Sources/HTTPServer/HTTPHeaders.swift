import ByteText

/// One header field line: a name as the client spelled it and its value with
/// surrounding whitespace removed.
public struct HTTPField: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// Header fields in the order they arrived, repeats kept, looked up by name
/// case-insensitively (RFC 9110 §5.1, §5.3).
///
/// A dictionary would lose repeated fields (two `Host` lines must be seen to be
/// rejected) and their order, so this is a list; with the dozen fields of a
/// typical request a linear scan is faster than hashing anyway.
///
/// ```swift
/// var headers: HTTPHeaders = ["Content-Type": "application/json"]
/// headers.add(name: "Vary", value: "Origin")
/// headers["content-type"]   // "application/json"
/// ```
///
/// - Complexity: lookups are O(*n*) in the number of fields.
public struct HTTPHeaders: Sendable, Hashable, RandomAccessCollection, ExpressibleByDictionaryLiteral {
    public private(set) var fields: [HTTPField]

    public init() { fields = [] }

    public init(_ fields: [HTTPField]) { self.fields = fields }

    /// Keeps the literal's order and repeats: `["Vary": "a", "Vary": "b"]` has two fields.
    public init(dictionaryLiteral elements: (String, String)...) {
        fields = elements.map { HTTPField(name: $0.0, value: $0.1) }
    }

    public var startIndex: Int { fields.startIndex }
    public var endIndex: Int { fields.endIndex }
    public subscript(position: Int) -> HTTPField { fields[position] }

    /// The value of the first field called `name` (any case), or nil.
    /// Setting replaces every field of that name with one (or removes them for nil).
    public subscript(name: String) -> String? {
        get { fields.first { ASCII.equalsIgnoringCase($0.name, name) }?.value }
        set {
            if let newValue { replaceOrAdd(name: name, value: newValue) } else { remove(name: name) }
        }
    }

    /// Every value of the fields called `name`, in order.
    public func values(for name: String) -> [String] {
        fields.filter { ASCII.equalsIgnoringCase($0.name, name) }.map(\.value)
    }

    /// True if a field called `name` is present.
    public func contains(_ name: String) -> Bool {
        fields.contains { ASCII.equalsIgnoringCase($0.name, name) }
    }

    /// True if the comma-separated list in the fields called `name` holds `token`
    /// (any case), as for `Connection: keep-alive, Upgrade` (RFC 9110 §5.6.1).
    public func containsToken(_ token: String, for name: String) -> Bool {
        for field in fields where ASCII.equalsIgnoringCase(field.name, name) {
            for element in field.value.split(separator: ",") {
                let trimmed = element.trimmingASCIIWhitespace()
                if ASCII.equalsIgnoringCase(String(trimmed), token) { return true }
            }
        }
        return false
    }

    /// Appends a field, keeping any others of the same name.
    public mutating func add(name: String, value: String) {
        fields.append(HTTPField(name: name, value: value))
    }

    /// Replaces the fields called `name` with one, in the first one's place, or appends it.
    public mutating func replaceOrAdd(name: String, value: String) {
        if let index = fields.firstIndex(where: { ASCII.equalsIgnoringCase($0.name, name) }) {
            fields[index].value = value
            var later = index + 1
            while later < fields.count {
                if ASCII.equalsIgnoringCase(fields[later].name, name) { fields.remove(at: later) } else { later += 1 }
            }
        } else {
            add(name: name, value: value)
        }
    }

    /// Removes every field called `name`.
    public mutating func remove(name: String) {
        fields.removeAll { ASCII.equalsIgnoringCase($0.name, name) }
    }
}
