import Dispatch
import Foundation
import Synchronization

/// The `git` program found on PATH, run in one folder (`git -C folder …`).
/// Every git feature of Cardbox (SPEC §9) goes through it: Cardbox speaks to
/// repositories only the way a user would, so any git that works for the user
/// works for Cardbox.
public struct Git: Sendable {
    /// What one run of `git` gave back.
    public struct Result: Sendable {
        public let status: Int32
        public let output: [UInt8]
        public let errors: String

        public var succeeded: Bool { status == 0 }
        /// Standard output as text without the trailing newline.
        public var text: String {
            var text = String(decoding: output, as: UTF8.self)
            while text.hasSuffix("\n") { text.removeLast() }
            return text
        }
    }

    /// The folder every command runs in.
    public let directory: String
    /// Variables added to (or replacing) the inherited environment, e.g. an author.
    public let environment: [String: String]

    public init(directory: String, environment: [String: String] = [:]) {
        self.directory = directory
        self.environment = environment
    }

    /// Runs `git -C directory arguments…` with `input` on standard input and
    /// waits for it. Throws ``GitUnavailable`` when git cannot be started or is
    /// not on PATH; a git that runs and fails is a result with a non-zero status.
    public func run(_ arguments: [String], input: [UInt8] = []) throws(GitUnavailable) -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", directory] + arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        let output = Pipe(), errors = Pipe(), stdin = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = stdin
        // waitUntilExit() polls a run loop every 50 ms; the handler answers as soon as git exits.
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        do {
            try process.run()
        } catch {
            throw GitUnavailable(reason: "cannot run git: \(error.localizedDescription)")
        }
        // Standard error is drained on another thread so neither pipe can fill up and stall git.
        let errorText = ErrorCollector()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) {
            errorText.set(errors.fileHandleForReading.readDataToEndOfFile())
        }
        if !input.isEmpty { try? stdin.fileHandleForWriting.write(contentsOf: input) }
        try? stdin.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        exited.wait()
        if process.terminationStatus == 127 { throw GitUnavailable(reason: "git is not installed (not found on PATH)") }
        return Result(status: process.terminationStatus, output: [UInt8](data), errors: errorText.text)
    }
}

/// `git` could not be run at all.
public struct GitUnavailable: Error, CustomStringConvertible, Sendable {
    public let reason: String
    public var description: String { reason }
}

/// Standard error of one run, filled in by the thread that reads it.
private final class ErrorCollector: Sendable {
    private let data = Mutex<Data>(Data())

    func set(_ data: Data) { self.data.withLock { $0 = data } }

    var text: String {
        data.withLock { String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) }
    }
}
