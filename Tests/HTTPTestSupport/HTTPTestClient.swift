import Dispatch
import Foundation
import Platform
import Synchronization
import HTTPServer

/// A response as the test client read it off the wire.
public struct WireResponse: Sendable {
    public var status: Int
    public var headers: HTTPHeaders
    public var body: [UInt8]
    public var text: String { String(decoding: body, as: UTF8.self) }
}

public struct HTTPTestClientError: Error, CustomStringConvertible {
    public var description: String
    public init(description: String) { self.description = description }
}

/// A blocking TCP client for end-to-end tests. Every read and write gives up
/// after 10 s (a safety net so a broken server fails the test instead of
/// hanging it; no test relies on that timing).
public final class HTTPTestClient {
    public let socket: Socket
    private var buffer: [UInt8] = []

    public init(port: UInt16, host: String = "127.0.0.1") throws {
        let address = SocketAddress(host: host, port: port)!
        socket = try Socket.stream(family: address.family, blocking: true)
        try socket.setTimeout(milliseconds: 10_000)
        do {
            try socket.connect(to: address)
        } catch {
            socket.close()
            throw error
        }
    }

    private var isOpen = true

    deinit { if isOpen { socket.close() } }

    /// Resets the connection (RST instead of FIN) and closes the socket.
    public func abort() {
        guard isOpen else { return }
        isOpen = false
        socket.abort()
    }

    public func send(_ text: String) throws { try send(Array(text.utf8)) }

    public func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            switch try socket.send(bytes, from: offset) {
            case .processed(let count): offset += count
            case .wouldBlock: throw HTTPTestClientError(description: "send timed out")
            }
        }
    }

    /// Reads more bytes into the buffer; false at end of stream (or reset).
    private func fill() throws -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        do {
            switch try socket.receive(into: &chunk) {
            case .processed(0): return false
            case .processed(let count):
                buffer.append(contentsOf: chunk[0..<count])
                return true
            case .wouldBlock: throw HTTPTestClientError(description: "receive timed out")
            }
        } catch let error as Errno where error == .connectionReset {
            return false
        }
    }

    /// The bytes already buffered, or else whatever the next read brings; empty at end of stream.
    public func readSome() throws -> [UInt8] {
        if buffer.isEmpty, try !fill() { return [] }
        defer { buffer = [] }
        return buffer
    }

    /// Reads exactly `count` bytes.
    public func read(count: Int) throws -> [UInt8] {
        while buffer.count < count {
            guard try fill() else { throw HTTPTestClientError(description: "closed after \(buffer.count) of \(count) bytes") }
        }
        let result = Array(buffer[0..<count])
        buffer.removeFirst(count)
        return result
    }

    /// Reads one response; `head: true` for the answer to a HEAD request (no body).
    public func readResponse(head: Bool = false) throws -> WireResponse {
        var end: Int?
        while end == nil {
            if let index = findBlankLine() { end = index; break }
            guard try fill() else { throw HTTPTestClientError(description: "closed before a response head (\(buffer.count) bytes)") }
        }
        let headText = String(decoding: buffer[0..<end!], as: UTF8.self)
        buffer.removeFirst(end! + 4)
        var lines = headText.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, statusLine[0] == "HTTP/1.1", let status = Int(statusLine[1]) else {
            throw HTTPTestClientError(description: "bad status line in \(headText)")
        }
        var headers = HTTPHeaders()
        for line in lines {
            let parts = line.split(separator: ":", maxSplits: 1)
            headers.add(name: String(parts[0]), value: parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : "")
        }
        var body: [UInt8] = []
        if !head, status >= 200, status != 204, status != 304, let length = headers["Content-Length"].flatMap({ Int($0) }) {
            body = try read(count: length)
        }
        return WireResponse(status: status, headers: headers, body: body)
    }

    private func findBlankLine() -> Int? {
        guard buffer.count >= 4 else { return nil }
        for index in 0...(buffer.count - 4)
        where buffer[index] == 13 && buffer[index + 1] == 10 && buffer[index + 2] == 13 && buffer[index + 3] == 10 {
            return index
        }
        return nil
    }

    /// Reads until the server closes; returns what arrived (buffered bytes included).
    public func readToEnd() throws -> [UInt8] {
        while try fill() {}
        defer { buffer = [] }
        return buffer
    }

    /// True if the server closed the connection with nothing more to say.
    public func isClosedByServer() throws -> Bool {
        try readToEnd().isEmpty
    }
}


/// A one-shot, thread-safe flag another thread can wait for (no sleeping).
public final class TestSignal: Sendable {
    private let semaphore = DispatchSemaphore(value: 0)
    public init() {}
    public func fire() { semaphore.signal() }
    /// Waits up to 10 s (a safety net); false if it never fired.
    public func wait() -> Bool { semaphore.wait(timeout: .now() + 10) == .success }
}
