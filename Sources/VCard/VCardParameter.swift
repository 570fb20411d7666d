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

/// Byte-level helpers for ASCII, used by the parsers so they never touch `Character`.
enum ASCII {
    static let cr: UInt8 = 0x0D
    static let lf: UInt8 = 0x0A
    static let space: UInt8 = 0x20
    static let tab: UInt8 = 0x09
    static let colon: UInt8 = 0x3A
    static let semicolon: UInt8 = 0x3B
    static let comma: UInt8 = 0x2C
    static let equals: UInt8 = 0x3D
    static let quote: UInt8 = 0x22
    static let backslash: UInt8 = 0x5C
    static let dot: UInt8 = 0x2E
    static let caret: UInt8 = 0x5E

    @inline(__always)
    static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }

    @inline(__always)
    static func uppercased(_ byte: UInt8) -> UInt8 {
        byte >= 0x61 && byte <= 0x7A ? byte & ~0x20 : byte
    }

    @inline(__always)
    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == space || byte == tab
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: return byte - 0x30
        case 0x41...0x46: return byte - 0x41 + 10
        case 0x61...0x66: return byte - 0x61 + 10
        default: return nil
        }
    }
}
