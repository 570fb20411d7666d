import ByteText

/// Turns ``HTTPResponse`` values into bytes, adding the framing fields.
///
/// - `Content-Length` is always the body's length, except for statuses that
///   have no body (1xx, 204: RFC 9110 §8.6 forbids the field; 304: it would
///   describe the selected representation, which the server does not know).
///   A `HEAD` response announces the length and sends no body (RFC 9110 §9.3.2).
/// - `Date` (RFC 9110 §6.6.1) unless the handler set one, formatted once per second.
/// - `Connection: close` when the connection will close; `Connection: keep-alive`
///   when an HTTP/1.0 client asked to keep it (RFC 9112 §9.3); nothing for the
///   HTTP/1.1 default. A 101 keeps the handler's `Connection: Upgrade`.
///
/// Loop-confined: each event loop owns one, so the date cache needs no lock.
struct HTTPResponseSerializer {
    private var cachedSecond = -1
    private var cachedDateLine: [UInt8] = []

    /// The `Date: …\r\n` line for `epochSeconds`, recomputed when the second changes.
    mutating func dateLine(epochSeconds: Int) -> [UInt8] {
        if epochSeconds != cachedSecond {
            cachedSecond = epochSeconds
            cachedDateLine = Array("Date: \(HTTPDate.format(epochSeconds: epochSeconds))\r\n".utf8)
        }
        return cachedDateLine
    }

    /// Appends the serialized response to `output`.
    mutating func serialize(_ response: HTTPResponse, isHead: Bool, version: HTTPVersion, keepAlive: Bool, epochSeconds: Int, into output: inout [UInt8]) {
        let status = response.status
        output.append(contentsOf: "HTTP/1.1 \(status) \(HTTPResponse.reasonPhrase(for: status))\r\n".utf8)
        var hasDate = false
        for field in response.headers {
            if ASCII.equalsIgnoringCase(field.name, "Content-Length") || ASCII.equalsIgnoringCase(field.name, "Transfer-Encoding") {
                continue
            }
            if ASCII.equalsIgnoringCase(field.name, "Connection"), status != 101 { continue }
            if ASCII.equalsIgnoringCase(field.name, "Date") { hasDate = true }
            output.append(contentsOf: field.name.utf8)
            output.append(contentsOf: ": ".utf8)
            output.append(contentsOf: field.value.utf8)
            output.append(contentsOf: "\r\n".utf8)
        }
        if !hasDate { output.append(contentsOf: dateLine(epochSeconds: epochSeconds)) }
        if !response.statusForbidsBody {
            output.append(contentsOf: "Content-Length: \(response.body.count)\r\n".utf8)
        }
        if status != 101 {
            if !keepAlive {
                output.append(contentsOf: "Connection: close\r\n".utf8)
            } else if version == .http1_0 {
                output.append(contentsOf: "Connection: keep-alive\r\n".utf8)
            }
        }
        output.append(contentsOf: "\r\n".utf8)
        if !isHead, !response.statusForbidsBody {
            output.append(contentsOf: response.body)
        }
    }

    /// The interim response sent for `Expect: 100-continue` (RFC 9110 §15.2.1).
    static let continueResponse = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)
}

/// IMF-fixdate formatting (RFC 9110 §5.6.7): `Sun, 06 Nov 1994 08:49:37 GMT`.
enum HTTPDate {
    private static let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]  // 1970-01-01 was a Thursday
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    static func format(epochSeconds: Int) -> String {
        let days = epochSeconds >= 0 ? epochSeconds / 86_400 : (epochSeconds - 86_399) / 86_400
        let secondOfDay = epochSeconds - days * 86_400
        let (year, month, day) = CivilDate.date(fromDays: days)
        let weekday = weekdays[((days % 7) + 7) % 7]
        return "\(weekday), \(pad(day)) \(months[month - 1]) \(year) \(pad(secondOfDay / 3600)):\(pad(secondOfDay / 60 % 60)):\(pad(secondOfDay % 60)) GMT"
    }

    private static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
