import ByteText
import HTTPServer

/// The parameters of a request target's query (`a=1&b=x%20y&b=z`), percent- and
/// `+`-decoded, repeats kept in order (WHATWG `application/x-www-form-urlencoded`).
public struct QueryString: Sendable {
    public private(set) var pairs: [(name: String, value: String)] = []

    /// Parses `query`; nil or empty gives no parameters. Invalid percent-escapes
    /// and invalid UTF-8 are a client mistake: 400.
    public init(_ query: String?) throws(APIError) {
        guard let query, !query.isEmpty else { return }
        for part in query.split(separator: "&", omittingEmptySubsequences: true) {
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = try Self.decode(pieces[0])
            let value = pieces.count > 1 ? try Self.decode(pieces[1]) : ""
            pairs.append((name, value))
        }
    }

    /// Every value of `name`, in order.
    public func values(_ name: String) -> [String] {
        pairs.filter { $0.name == name }.map(\.value)
    }

    /// The single value of `name`; nil when absent, 400 when repeated.
    public func single(_ name: String) throws(APIError) -> String? {
        let found = values(name)
        guard found.count <= 1 else { throw .badRequest("query parameter '\(name)' is given more than once") }
        return found.first
    }

    /// 400 for any parameter not in `allowed` (SPEC §2.3: unknown parameters → 400).
    public func rejectUnknown(_ allowed: Set<String>) throws(APIError) {
        for pair in pairs where !allowed.contains(pair.name) {
            throw .badRequest(allowed.isEmpty ? "this route takes no query parameters ('\(pair.name)' given)"
                                              : "unknown query parameter '\(pair.name)'")
        }
    }

    /// A whole-number parameter within `range` (SPEC §2.3); nil when absent.
    /// Only plain digits are a whole number: a sign, blanks or anything else,
    /// or a value outside `range` however many digits it has, is 400.
    public func integer(_ name: String, in range: ClosedRange<Int>) throws(APIError) -> Int? {
        guard let text = try single(name) else { return nil }
        guard let value = DecimalNumber.value(of: text, in: range) else {
            throw .badRequest("\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound), not '\(text)'")
        }
        return value
    }

    /// A boolean parameter: `true/false/1/0`, default false.
    public func boolean(_ name: String) throws(APIError) -> Bool {
        guard let text = try single(name) else { return false }
        switch text {
        case "true", "1": return true
        case "false", "0": return false
        default: throw .badRequest("query parameter '\(name)' must be true, false, 1 or 0, not '\(text)'")
        }
    }

    /// Percent-decoding of one component; `+` is a space.
    static func decode(_ text: Substring) throws(APIError) -> String {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "+") }) else { return String(text) }
        guard let bytes = PercentDecoding.decode(text, plusIsSpace: true, malformed: .refuse) else {
            throw .badRequest("invalid percent-encoding in the query")
        }
        guard let decoded = String(validating: bytes, as: UTF8.self) else { throw .badRequest("the query is not valid UTF-8") }
        return decoded
    }
}

/// Percent-decoding of one path segment (`%2F` stays inside the segment; `+` is literal).
enum PathSegment {
    static func decode(_ segment: Substring) -> String? {
        guard segment.utf8.contains(UInt8(ascii: "%")) else { return String(segment) }
        return PercentDecoding.decode(segment, malformed: .refuse).flatMap { String(validating: $0, as: UTF8.self) }
    }
}
