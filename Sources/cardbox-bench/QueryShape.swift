import CardboxAPI
import ContactStore

/// One named `GET /contacts` query of the benchmark's mix, kept as the query
/// string a client sends, so that the in-process run and the HTTP run measure
/// the same query.
struct QueryShape: Equatable, Sendable {
    struct Parameter: Equatable, Sendable {
        let name: String
        let value: String
    }

    let name: String
    /// The parameters as written in the mix, not percent-encoded (`search=müller anna`).
    let parameters: [Parameter]

    /// `query` is `name=value` pairs joined by `&`, unencoded; values hold no `&`.
    init(_ name: String, _ query: String) {
        self.name = name
        parameters = query.split(separator: "&").map { pair in
            let pieces = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return Parameter(name: String(pieces[0]), value: pieces.count > 1 ? String(pieces[1]) : "")
        }
    }

    private init(name: String, parameters: [Parameter]) {
        self.name = name
        self.parameters = parameters
    }

    /// The unencoded query string, as the README's table shows it.
    var text: String {
        parameters.map { "\($0.name)=\($0.value)" }.joined(separator: "&")
    }

    /// The query string of the request target, each name and value percent-encoded
    /// (RFC 3986 §2.3: everything but unreserved characters; UTF-8 bytes).
    var encoded: String {
        parameters.map { Self.percentEncoded($0.name) + "=" + Self.percentEncoded($0.value) }.joined(separator: "&")
    }

    /// The `offset` the mix asks for (0 when it names none).
    var offset: Int {
        parameters.last { $0.name == "offset" }.flatMap { Int($0.value) } ?? 0
    }

    /// The same shape with `offset` set to `offset` (added at the end when absent).
    func with(offset: Int) -> QueryShape {
        var changed = parameters.filter { $0.name != "offset" }
        changed.append(Parameter(name: "offset", value: String(offset)))
        return QueryShape(name: name, parameters: changed)
    }

    /// The query as `GET /contacts` reads it (SPEC §2.3), through the API's own
    /// reader. A parameter or value the API would refuse is a mistake in the mix: it throws.
    func contactQuery() throws -> ContactQuery {
        let parameters = try QueryString(encoded)
        try parameters.rejectUnknown(CardboxAPI.listParameters)
        return try CardboxAPI.contactQuery(parameters)
    }

    private static func percentEncoded(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var bytes: [UInt8] = []
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                bytes.append(byte)
            default:
                bytes += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
