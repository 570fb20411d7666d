import CardboxAPI
import ContactStore
import Platform

/// `cardbox check [--dir DIR]`: lists every problem file as `file:line: reason`
/// and duplicate UIDs as warnings; exits 1 when there are problems (SPEC §5).
enum CheckCommand: Command {
    static let name = "check"
    static let summary = "Check a contacts folder: list files that are not one valid contact, and duplicate UIDs."
    static let usage = "cardbox check [--dir DIR]"
    static let options = [SharedOptions.directory]
    static let examples = ["cardbox check", "cardbox check --dir ~/.contacts/personal"]

    static func run(_ options: CommandLineOptions) throws -> Int32 {
        guard options.positionals.isEmpty else { throw UsageError("check takes no arguments, got \(options.positionals[0])") }
        let directory = SharedOptions.directory(options)
        let report: FolderReport
        do {
            report = try FolderCheck.run(directory: directory)
        } catch {
            throw UsageError("cannot read folder \(directory): \(error)")
        }
        for problem in report.problems {
            print("\(directory)/\(problem.file):\(problem.line): \(problem.reason)")
        }
        for warning in report.warnings {
            print("\(directory)/\(warning.file): warning: \(warning.reason)")
        }
        StandardError.write("\(report.contacts) contacts, \(report.groups) groups, "
                            + "\(report.problems.count) problems, \(report.warnings.count) warnings in \(directory)")
        return report.problems.isEmpty ? 0 : 1
    }
}
