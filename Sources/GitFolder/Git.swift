import Foundation
import Platform

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
    /// The CPU priority git runs at: `.background` for work nobody waits for.
    public let priority: ChildProcess.Priority

    public init(directory: String, environment: [String: String] = [:], priority: ChildProcess.Priority = .normal) {
        self.directory = directory
        self.environment = environment
        self.priority = priority
    }

    /// Runs `git -C directory arguments…` with `input` on standard input and
    /// waits for it. Throws ``GitUnavailable`` when git cannot be started or is
    /// not on PATH; a git that runs and fails is a result with a non-zero status.
    public func run(_ arguments: [String], input: [UInt8] = []) throws(GitUnavailable) -> Result {
        var variables = ProcessInfo.processInfo.environment
        variables.merge(environment) { $1 }
        let result: ChildProcess.Result
        do {
            result = try ChildProcess.run(["git", "-C", directory] + arguments, environment: variables.map { $0.key + "=" + $0.value },
                                          input: input, priority: priority)
        } catch {
            throw GitUnavailable(reason: "cannot run git: \(error)")
        }
        if result.status == 127 { throw GitUnavailable(reason: "git is not installed (not found on PATH)") }
        let errors = String(decoding: result.errors, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return Result(status: result.status, output: result.output, errors: errors)
    }
}

/// `git` could not be run at all.
public struct GitUnavailable: Error, CustomStringConvertible, Sendable {
    public let reason: String
    public var description: String { reason }
}
