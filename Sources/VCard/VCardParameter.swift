import ByteText

/// One parameter of a content line, e.g. `TYPE=work,voice` or a bare vCard 2.1 `CELL`.
///
/// Values are kept decoded: surrounding quotes removed and RFC 6868 escapes
/// (`^n`, `^^`, `^'`) turned back into the characters they stand for.
public struct VCardParameter: Sendable, Hashable {
    /// The parameter name as written (`TYPE`, `type`, `X-KEY`). A bare 2.1
    /// parameter (`TEL;CELL:`) is reported with the name `TYPE`.
    public var name: String
    /// The values in order. `TYPE=a,b` gives `["a", "b"]`; a quoted value
    /// containing commas (`TYPE="voice,cell"`) is one value.
    public var values: [String]
    /// True for a vCard 2.1 bare parameter (`CELL` in `TEL;CELL:`), which has no `=`.
    public var isBare: Bool

    public init(name: String, values: [String], isBare: Bool = false) {
        self.name = name
        self.values = values
        self.isBare = isBare
    }

    /// `name` compared case-insensitively, as RFC 6350 §3.3 requires.
    public func hasName(_ other: String) -> Bool {
        name.utf8.count == other.utf8.count && (name == other || name.caseInsensitiveEquals(other))
    }
}

extension String {
    /// ASCII case-insensitive equality; vCard names and parameter names are ASCII.
    func caseInsensitiveEquals(_ other: String) -> Bool {
        var a = utf8.makeIterator()
        var b = other.utf8.makeIterator()
        while true {
            switch (a.next(), b.next()) {
            case (nil, nil): return true
            case let (x?, y?):
                if x == y { continue }
                if ASCII.lowercased(x) != ASCII.lowercased(y) { return false }
            default: return false
            }
        }
    }
}
