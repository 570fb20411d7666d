import CardboxAPI
import ContactStore
import Platform

/// The `cardbox` command line (SPEC §5): dispatches to a subcommand, prints help
/// and version, and turns usage mistakes into exit code 2.
enum CardboxCLI {
    /// Every subcommand, in the order `--help` lists them.
    static var commands: [any Command.Type] {
        [ServeCommand.self, CheckCommand.self, ImportCommand.self, ExportCommand.self, DuplicatesCommand.self, GitSetupCommand.self, MergeVCardCommand.self]
    }

    static var help: String {
        var text = "cardbox \(CardboxVersion.current): a contacts server whose database is a folder of vCard files.\n\n"
        text += "Usage: cardbox COMMAND [OPTIONS]\n\nCommands:\n"
        for command in commands {
            text += "  " + command.name + String(repeating: " ", count: max(1, 13 - command.name.count)) + command.summary + "\n"
        }
        text += "\nRun 'cardbox COMMAND --help' for a command's options and examples.\n"
        return text
    }

    /// Runs the command line and returns the exit code.
    static func run(_ arguments: [String]) -> Int32 {
        guard let first = arguments.first else {
            StandardError.write(help)
            return 2
        }
        switch first {
        case "--help", "-h", "help":
            print(help, terminator: "")
            return 0
        case "--version", "-V", "version":
            print("cardbox \(CardboxVersion.current)")
            return 0
        default: break
        }
        guard let command = commands.first(where: { $0.name == first }) else {
            StandardError.write("cardbox: unknown command '\(first)' (try 'cardbox --help')")
            return 2
        }
        let rest = Array(arguments.dropFirst())
        if rest.contains("--help") || rest.contains("-h") {
            print(command.help, terminator: "")
            return 0
        }
        do {
            let options = try CommandLineOptions(rest, options: command.options, environment: CurrentProcess.environment)
            return try command.run(options)
        } catch let error as UsageError {
            StandardError.write("cardbox \(command.name): \(error.message)")
            return 2
        } catch {
            StandardError.write("cardbox \(command.name): \(error)")
            return 1
        }
    }
}
