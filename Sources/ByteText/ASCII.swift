/// Byte-level ASCII for the parsers (vCard content lines, HTTP heads), so they
/// never touch `Character` or allocate lower-cased strings.
///
/// Everything is `@inlinable`: these are single comparisons on the parsers' hot
/// paths, and must compile to them in the modules that call them.
public enum ASCII {
    /// Carriage return, CR.
    @inlinable public static var cr: UInt8 { 0x0D }
    /// Line feed, LF.
    @inlinable public static var lf: UInt8 { 0x0A }
    /// Space, SP.
    @inlinable public static var space: UInt8 { 0x20 }
    /// Horizontal tab, HTAB.
    @inlinable public static var tab: UInt8 { 0x09 }
    /// `:`
    @inlinable public static var colon: UInt8 { 0x3A }
    /// `;`
    @inlinable public static var semicolon: UInt8 { 0x3B }
    /// `,`
    @inlinable public static var comma: UInt8 { 0x2C }
    /// `=`
    @inlinable public static var equals: UInt8 { 0x3D }
    /// `"`
    @inlinable public static var quote: UInt8 { 0x22 }
    /// `\\`
    @inlinable public static var backslash: UInt8 { 0x5C }
    /// `.`
    @inlinable public static var dot: UInt8 { 0x2E }
    /// `^`
    @inlinable public static var caret: UInt8 { 0x5E }

    /// `A`…`Z` mapped to `a`…`z`; every other byte unchanged.
    @inlinable @inline(__always)
    public static func lowercased(_ byte: UInt8) -> UInt8 {
        byte &- 0x41 < 26 ? byte | 0x20 : byte
    }

    /// `a`…`z` mapped to `A`…`Z`; every other byte unchanged.
    @inlinable @inline(__always)
    public static func uppercased(_ byte: UInt8) -> UInt8 {
        byte &- 0x61 < 26 ? byte & ~0x20 : byte
    }

    /// SP or HTAB: vCard folding whitespace (RFC 6350 §3.2) and HTTP's OWS (RFC 9110 §5.6.3).
    @inlinable @inline(__always)
    public static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09
    }

    /// The value of a hexadecimal digit (either case), or nil.
    @inlinable
    public static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: return byte - 0x30
        case 0x41...0x46: return byte - 0x41 + 10
        case 0x61...0x66: return byte - 0x61 + 10
        default: return nil
        }
    }
}
