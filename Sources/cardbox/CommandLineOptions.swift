import HTTPServer

/// A small command-line parser: `--name value`, `--name=value`, boolean
/// `--flag`, positionals, and a `CARDBOX_*` environment variable for every option
/// (SPEC §5). Mistakes raise ``UsageError``, which the entry point turns into a
/// one-line message and exit code 2.
struct CommandLineOptions {
    /// One option a command accepts.
    struct Option {
        let name: String
        let valueName: String?  // nil for a boolean flag
        let help: String
        var repeatable = false

        /// The environment variable that also sets it: `--allow-origin` → `CARDBOX_ALLOW_ORIGIN`.
        var environmentVariable: String {
            "CARDBOX_" + name.uppercased().replacingOccurrences(of: "-", with: "_")
        }
    }

    private(set) var values: [String: [String]] = [:]
    private(set) var positionals: [String] = []

    /// Parses `arguments` (without the command name) against `options`;
    /// values missing from the command line are taken from `environment`.
    init(_ arguments: [String], options: [Option], environment: [String: String]) throws(UsageError) {
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            guard argument.hasPrefix("--"), argument.count > 2 else {
                if argument.hasPrefix("-") && argument != "-" { throw UsageError("unknown option \(argument)") }
                positionals.append(argument)
                continue
            }
            var name = String(argument.dropFirst(2))
            var inlineValue: String?
            if let equals = name.firstIndex(of: "=") {
                inlineValue = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            guard let option = options.first(where: { $0.name == name }) else {
                throw UsageError("unknown option --\(name)")
            }
            if option.valueName == nil {
                guard inlineValue == nil else { throw UsageError("--\(name) takes no value") }
                values[name, default: []].append("true")
                continue
            }
            let value: String
            if let inlineValue {
                value = inlineValue
            } else {
                guard index < arguments.count else { throw UsageError("--\(name) needs a value (\(option.valueName!))") }
                value = arguments[index]
                index += 1
            }
            if !option.repeatable, values[name] != nil { throw UsageError("--\(name) given twice") }
            values[name, default: []].append(value)
        }
        for option in options where values[option.name] == nil {
            guard let text = environment[option.environmentVariable], !text.isEmpty else { continue }
            if option.valueName == nil {
                guard ["1", "true", "yes", "0", "false", "no"].contains(text.lowercased()) else {
                    throw UsageError("\(option.environmentVariable) must be true or false, not \(text)")
                }
                if ["1", "true", "yes"].contains(text.lowercased()) { values[option.name] = ["true"] }
            } else if option.repeatable {
                values[option.name] = text.split(separator: ",").map { String($0) }
            } else {
                values[option.name] = [text]
            }
        }
    }

    /// The value of a single-valued option.
    func value(_ name: String) -> String? { values[name]?.last }

    /// Every value of a repeatable option.
    func all(_ name: String) -> [String] { values[name] ?? [] }

    /// Whether a boolean flag is set.
    func flag(_ name: String) -> Bool { values[name] != nil }

    /// An integer option within `range`: plain digits only (no sign or blanks), checked
    /// without overflow however many digits are given.
    func integer(_ name: String, in range: ClosedRange<Int>) throws(UsageError) -> Int? {
        guard let text = value(name) else { return nil }
        guard let number = DecimalNumber.value(of: text, in: range) else {
            throw UsageError("--\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound), not \(text)")
        }
        return number
    }
}

/// A mistake in how the command was called: exit code 2.
struct UsageError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
