import CardboxAPI
import Platform

/// A subcommand of `cardbox`: its options, help text, and what it does.
protocol Command {
    static var name: String { get }
    static var summary: String { get }
    static var usage: String { get }
    static var options: [CommandLineOptions.Option] { get }
    static var examples: [String] { get }

    /// Runs the command and returns the process exit code.
    static func run(_ options: CommandLineOptions) throws -> Int32
}

extension Command {
    static var help: String {
        var text = "\(summary)\n\nUsage: \(usage)\n\nOptions:\n"
        for option in options {
            let left = "--\(option.name)" + (option.valueName.map { " \($0)" } ?? "")
            let padding = String(repeating: " ", count: max(2, 24 - left.count))
            text += "  \(left)\(padding)\(option.help) [env: \(option.environmentVariable)]\n"
        }
        text += "  --help                  Show this help.\n"
        if !examples.isEmpty {
            text += "\nExamples:\n" + examples.map { "  \($0)\n" }.joined()
        }
        return text
    }
}

/// Options shared by every command that works on a folder.
enum SharedOptions {
    static let directory = CommandLineOptions.Option(
        name: "dir", valueName: "DIR", help: "The contacts folder (default ./contacts).")

    static let logLevel = CommandLineOptions.Option(
        name: "log-level", valueName: "L", help: "debug, info, warning or error (default info; debug logs every request).")

    /// The level from `--log-level`/`CARDBOX_LOG_LEVEL`.
    static func logLevel(_ options: CommandLineOptions) throws(UsageError) -> Logger.Level {
        guard let text = options.value("log-level") else { return .info }
        guard let level = Logger.Level(name: text) else { throw UsageError("--log-level must be debug, info, warning or error, not \(text)") }
        return level
    }

    /// The folder from `--dir`/`CARDBOX_DIR`, or `./contacts`.
    static func directory(_ options: CommandLineOptions) -> String {
        var path = options.value("dir") ?? "contacts"
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        return path
    }

    /// Creates the folder if missing; exit 2 with one line if it is not a folder
    /// or no file can be created in it (tried with a temporary dot-file).
    static func prepareFolder(_ directory: String) throws {
        do {
            try FileSystem.makeDirectory(directory)
        } catch {
            throw UsageError("cannot create folder \(directory): \(error)")
        }
        guard (try? FileSystem.status(directory))?.isDirectory == true else { throw UsageError("\(directory) is not a folder") }
        do {
            try FileSystem.checkCanCreateFiles(in: directory)
        } catch {
            throw UsageError("cannot write in folder \(directory): \(error)")
        }
    }
}
