import Foundation
import TestSupport

/// A temporary git repository driven by the real `git` program, isolated from
/// the user's and the system's git configuration.
final class GitTestRepository {
    let folder = TemporaryFolder(prefix: "cardbox-cli-test-")
    var path: String { folder.path }

    /// The environment every `git` of the test runs with.
    var environment: [String: String] {
        ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("GIT_") && !$0.key.hasPrefix("CARDBOX_") }.merging([
            "HOME": folder.path, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CEILING_DIRECTORIES": (folder.path as NSString).deletingLastPathComponent,
            "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
            "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org",
        ]) { $1 }
    }

    /// An empty repository on branch `main`, or only the folder when `initialize` is false.
    init(initialize: Bool = true) throws {
        if initialize { try git("init", "-q", "-b", "main") }
    }

    /// Runs `git` in the repository; throws when it exits non-zero unless `allowFailure`.
    @discardableResult
    func git(_ arguments: String..., allowFailure: Bool = false) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", path] + arguments
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        if process.terminationStatus != 0 && !allowFailure {
            throw GitCommandFailed(description: "git \(arguments.joined(separator: " ")) exited \(process.terminationStatus): \(text)")
        }
        return (process.terminationStatus, text)
    }

    /// Writes `files` (path relative to the repository → text) and commits them all.
    func commit(_ files: [String: String], message: String) throws {
        for (name, text) in files {
            let full = folder.sub(name)
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: full))
        }
        try git("add", "-A")
        try git("commit", "-q", "-m", message)
    }

    /// `cardbox ARGUMENTS…` with this repository's git environment.
    func cardbox(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        try runCardbox(arguments, environment: environment)
    }
}

struct GitCommandFailed: Error, CustomStringConvertible {
    let description: String
}
