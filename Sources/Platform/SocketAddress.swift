import Glibc

/// An IPv4 or IPv6 socket address (host and port), as `bind` and `accept` use it.
///
/// Built from the listen-address strings Cardbox accepts: a numeric IPv4 address
/// (`127.0.0.1`, `0.0.0.0`), a numeric IPv6 address with or without brackets
/// (`::1`, `[::1]`, `::`), or `localhost`, which means `127.0.0.1` (the loopback
/// address every client resolves `localhost` to first on Linux). No DNS lookup
/// is ever made.
public enum SocketAddress: Sendable, CustomStringConvertible {
    case ipv4(sockaddr_in)
    case ipv6(sockaddr_in6)

    /// Parses `host` and combines it with `port`; nil if `host` is not an address.
    /// The corresponding C function is `inet_pton`.
    public init?(host: String, port: UInt16) {
        var name = host
        if name.lowercased() == "localhost" { name = "127.0.0.1" }
        if name.hasPrefix("["), name.hasSuffix("]") { name = String(name.dropFirst().dropLast()) }
        var v4 = in_addr()
        if inet_pton(AF_INET, name, &v4) == 1 {
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = port.bigEndian
            address.sin_addr = v4
            self = .ipv4(address)
            return
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, name, &v6) == 1 {
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            address.sin6_port = port.bigEndian
            address.sin6_addr = v6
            self = .ipv6(address)
            return
        }
        return nil
    }

    /// The address family, `AF_INET` or `AF_INET6`.
    public var family: Int32 {
        switch self {
        case .ipv4: AF_INET
        case .ipv6: AF_INET6
        }
    }

    /// The port in host byte order.
    public var port: UInt16 {
        switch self {
        case .ipv4(let address): UInt16(bigEndian: address.sin_port)
        case .ipv6(let address): UInt16(bigEndian: address.sin6_port)
        }
    }

    /// True for `127.0.0.0/8` and `::1`.
    public var isLoopback: Bool {
        switch self {
        case .ipv4(let address): UInt32(bigEndian: address.sin_addr.s_addr) >> 24 == 127
        case .ipv6(var address):
            withUnsafeBytes(of: &address.sin6_addr) { bytes in
                bytes.prefix(15).allSatisfy { $0 == 0 } && bytes[15] == 1
            }
        }
    }

    /// The numeric host, e.g. `127.0.0.1` or `::1`. The corresponding C function is `inet_ntop`.
    public var host: String {
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        switch self {
        case .ipv4(var address):
            _ = inet_ntop(AF_INET, &address.sin_addr, &buffer, socklen_t(buffer.count))
        case .ipv6(var address):
            _ = inet_ntop(AF_INET6, &address.sin6_addr, &buffer, socklen_t(buffer.count))
        }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// `host:port`, with IPv6 hosts in brackets.
    public var description: String {
        switch self {
        case .ipv4: "\(host):\(port)"
        case .ipv6: "[\(host)]:\(port)"
        }
    }

    /// Calls `body` with the C `sockaddr` pointer and its length.
    func withSocketAddress<R>(_ body: (UnsafePointer<sockaddr>, socklen_t) -> R) -> R {
        switch self {
        case .ipv4(var address):
            withUnsafePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
        case .ipv6(var address):
            withUnsafePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_in6>.size)) }
            }
        }
    }

    /// Reads an address filled in by the kernel (`getsockname`, `accept`).
    init?(storage: sockaddr_storage) {
        var storage = storage
        switch Int32(storage.ss_family) {
        case AF_INET:
            self = withUnsafeBytes(of: &storage) { .ipv4($0.load(as: sockaddr_in.self)) }
        case AF_INET6:
            self = withUnsafeBytes(of: &storage) { .ipv6($0.load(as: sockaddr_in6.self)) }
        default:
            return nil
        }
    }
}
