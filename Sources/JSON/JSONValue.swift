/// A JSON value (RFC 8259) that keeps what a round trip needs: numbers as their
/// literal text (so `1.50` and `12345678901234567890` come back exactly) and
/// object members in their order.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    /// A number, as its validated literal text (RFC 8259 §6).
    case number(String)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// The type's name as error messages say it: `string`, `number`, `object`…
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .number: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }

    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    public var objectValue: JSONObject? {
        if case .object(let object) = self { return object }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let array) = self { return array }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    public var isNull: Bool { self == .null }
}

/// A JSON object's members in order. Lookups find the last member of a name,
/// as most parsers do for duplicate names (RFC 8259 §4 leaves it open).
public struct JSONObject: Sendable, Hashable {
    public struct Member: Sendable, Hashable {
        public var key: String
        public var value: JSONValue

        public init(key: String, value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    public var members: [Member]

    public init(_ members: [Member] = []) {
        self.members = members
    }

    /// The value of the last member named `key`.
    public subscript(key: String) -> JSONValue? {
        members.last { $0.key == key }?.value
    }

    /// The member names, first occurrence order, without duplicates.
    public var keys: [String] {
        var seen = Set<String>()
        return members.compactMap { seen.insert($0.key).inserted ? $0.key : nil }
    }
}
