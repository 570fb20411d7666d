import Foundation
import Testing

/// `cardbox serve` as a user runs it: flags, start-up lines, exit codes, graceful stop.
@Suite("cardbox serve")
struct ServeCommandTests {
    /// A running `cardbox serve --port 0`, with the port read from its log; by
    /// default it is returned once the folder is loaded (the server listens first).
    final class RunningServer {
        let process = Process()
        let errors = Pipe()
        private(set) var log = ""
        private(set) var port: UInt16 = 0

        /// `cardbox serve --port 0 ARGUMENTS`, started through `launcher` when one is
        /// given (a program that sets a limit or drops privileges, then execs the
        /// server, which keeps its process id).
        init(_ arguments: [String], environment: [String: String] = [:], untilLoaded: Bool = true, launcher: [String] = []) throws {
            let binary = productsDirectory.appendingPathComponent("cardbox")
            let command = launcher.isEmpty ? [] : Array(launcher.dropFirst()) + [binary.path]
            process.executableURL = launcher.first.map { URL(fileURLWithPath: $0) } ?? binary
            process.arguments = command + ["serve", "--port", "0"] + arguments
            process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("CARDBOX_") }.merging(environment) { $1 }
            process.standardError = errors
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            // Read the log until the listening line (and the loaded line), or the process ends.
            while port == 0 || (untilLoaded && !log.contains(" ready: ")) {
                let data = errors.fileHandleForReading.availableData
                if data.isEmpty { break }
                log += String(decoding: data, as: UTF8.self)
                if let range = log.range(of: "listening on http://127.0.0.1:"),
                   let end = log[range.upperBound...].firstIndex(where: { !$0.isNumber }) {
                    port = UInt16(log[range.upperBound..<end]) ?? 0
                }
            }
        }

        /// Sends `signal` and returns the exit status.
        func stop(_ signal: Int32 = SIGTERM) -> Int32 {
            kill(process.processIdentifier, signal)
            process.waitUntilExit()
            log += String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            return process.terminationStatus
        }
    }

    /// A GET over a plain socket connection (no URLSession needed).
    func get(_ port: UInt16, _ path: String) throws -> String {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw CocoaError(.fileReadUnknown) }
        let request = "GET \(path) HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
        _ = request.withCString { send(fd, $0, strlen($0), 0) }
        var response = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = recv(fd, &buffer, buffer.count, 0)
            if count <= 0 { break }
            response += buffer[0..<count]
        }
        return String(decoding: response, as: UTF8.self)
    }

    @Test func servesTheFolderLogsStartUpAndStopsGracefully() throws {
        let folder = NSTemporaryDirectory() + "cardbox-serve-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ana\r\nEND:VCARD\r\n".utf8).write(to: URL(fileURLWithPath: folder + "/ana.vcf"))
        try Data("garbage".utf8).write(to: URL(fileURLWithPath: folder + "/bad.vcf"))
        let server = try RunningServer(["--dir", folder])
        #expect(server.port != 0, "no listening line in: \(server.log)")
        #expect(server.log.contains("loaded 1 contacts (0 deleted), 0 groups, 1 problems"))
        #expect(server.log.contains("bad.vcf:1:"))
        let answer = try get(server.port, "/api/v1/contacts/ana")
        #expect(answer.hasPrefix("HTTP/1.1 200"))
        #expect(answer.contains(#""display_name":"Ana""#))
        #expect(server.stop(SIGTERM) == 0)
        #expect(server.log.contains("stopped"))
    }

    @Test func createsTheDefaultFolderAndTakesFlagsFromTheEnvironment() throws {
        let folder = NSTemporaryDirectory() + "cardbox-serve-" + UUID().uuidString + "/nested/contacts"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let server = try RunningServer([], environment: ["CARDBOX_DIR": folder, "CARDBOX_LOG_LEVEL": "debug"])
        #expect(FileManager.default.fileExists(atPath: folder))
        #expect(try get(server.port, "/api/v1/status").contains(#""contacts":0"#))
        #expect(server.stop(SIGINT) == 0)
        #expect(server.log.contains("GET /api/v1/status → 200"))
    }

    @Test func usageMistakesExitTwoWithOneLine() throws {
        let bad = try runCardbox(["serve", "--port", "99999"])
        #expect(bad.status == 2)
        #expect(bad.stderr.split(separator: "\n").count == 1)
        #expect(try runCardbox(["serve", "--bogus"]).status == 2)
        #expect(try runCardbox(["serve", "--log-level", "loud"]).status == 2)
        let unwritable = try runCardbox(["serve", "--dir", "/proc/cardbox-cannot-exist"])
        #expect(unwritable.status == 2)
        #expect(unwritable.stderr.contains("cardbox serve:"))
    }

    @Test func aPortInUseExitsTwo() throws {
        let folder = NSTemporaryDirectory() + "cardbox-serve-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let first = try RunningServer(["--dir", folder])
        defer { _ = first.stop() }
        let second = try runCardbox(["serve", "--dir", folder, "--port", String(first.port)])
        #expect(second.status == 2)
        #expect(second.stderr.contains("cannot listen"))
    }
}
