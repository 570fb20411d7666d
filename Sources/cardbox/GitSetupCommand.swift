import Foundation

/// `cardbox git-setup [--dir DIR]`: makes git merge `.vcf` files with
/// `cardbox merge-vcard` (SPEC §9).
///
/// Adds `*.vcf merge=vcard` to `DIR/.gitattributes` (the user's other lines
/// kept; nothing added when the line is there) and sets `merge.vcard.name` and
/// `merge.vcard.driver` in the repository's config to this very binary, by
/// absolute path, so merges work whatever PATH git runs with. Running it again
/// changes nothing. Exit 2 with one line when DIR is not in a git work tree.
enum GitSetupCommand: Command {
    static let name = "git-setup"
    static let summary = "Register the vCard merge driver in the git repository holding the folder."
    static let usage = "cardbox git-setup [--dir DIR]"
    static let options = [SharedOptions.directory]
    static let examples = [
        "cardbox git-setup",
        "cardbox git-setup --dir ~/contacts && git -C ~/contacts add .gitattributes",
    ]

    /// The line that routes every vCard file to the driver.
    static let attributesLine = "*.vcf merge=vcard"

    /// `git` failing for a reason other than the folder: exit 1.
    struct GitFailure: Error, CustomStringConvertible {
        let description: String
    }

    static func run(_ options: CommandLineOptions) throws -> Int32 {
        guard options.positionals.isEmpty else { throw UsageError("git-setup takes no arguments, got \(options.positionals[0])") }
        let directory = SharedOptions.directory(options)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isFolder), isFolder.boolValue else {
            throw UsageError("\(directory) is not a folder")
        }
        let inside = try git(["rev-parse", "--is-inside-work-tree"], in: directory)
        guard inside.status == 0, inside.output == "true" else { throw UsageError("\(directory) is not in a git work tree") }

        let attributes = directory + "/.gitattributes"
        let existing = FileManager.default.contents(atPath: attributes).map { String(decoding: $0, as: UTF8.self) } ?? ""
        let lines = existing.split(omittingEmptySubsequences: true, whereSeparator: \.isNewline)
        if lines.contains(where: { $0.split(whereSeparator: \.isWhitespace).joined(separator: " ") == attributesLine }) {
            print("\(attributes): already has '\(attributesLine)'")
        } else {
            let separator = existing.isEmpty || existing.hasSuffix("\n") ? "" : "\n"
            do {
                try Data((existing + separator + attributesLine + "\n").utf8).write(to: URL(fileURLWithPath: attributes), options: .atomic)
            } catch {
                throw GitFailure(description: "cannot write \(attributes): \(error.localizedDescription)")
            }
            print("\(attributes): added '\(attributesLine)'")
        }

        let driver = shellQuoted(try executablePath()) + " merge-vcard %O %A %B"
        for (key, value) in [("merge.vcard.name", "Cardbox vCard merge (property by property)"), ("merge.vcard.driver", driver)] {
            let result = try git(["config", "--replace-all", key, value], in: directory)
            guard result.status == 0 else { throw GitFailure(description: "git config \(key) failed: \(result.errors)") }
        }
        print("git config merge.vcard.driver: \(driver)")
        print("Commit .gitattributes, and run 'cardbox git-setup' in every clone (git config is not shared).")
        return 0
    }

    /// The absolute path of the running `cardbox` binary.
    static func executablePath() throws -> String {
        do {
            return try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        } catch {
            throw GitFailure(description: "cannot find the path of this cardbox binary: \(error.localizedDescription)")
        }
    }

    /// `text` as one word for the shell git runs the driver with (single quotes only when needed).
    static func shellQuoted(_ text: String) -> String {
        let plain = text.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || "/._-+,:@".unicodeScalars.contains($0) }
        if plain && !text.isEmpty { return text }
        return "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// Runs `git -C directory arguments…` and returns its status, trimmed stdout and stderr.
    static func git(_ arguments: [String], in directory: String) throws -> (status: Int32, output: String, errors: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", directory] + arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw GitFailure(description: "cannot run git: \(error.localizedDescription)")
        }
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        if process.terminationStatus == 127 { throw UsageError("git is not installed (not found on PATH)") }
        return (process.terminationStatus,
                String(decoding: out, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines),
                String(decoding: err, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
