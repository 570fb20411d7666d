import Glibc

/// The running process: its environment and its exit.
public enum CurrentProcess {
    /// The environment variables, by name. The corresponding C variable is `environ`.
    public static var environment: [String: String] {
        var result: [String: String] = [:]
        var pointer = environ
        while let entry = pointer.pointee {
            let text = String(cString: entry)
            if let equals = text.firstIndex(of: "=") {
                result[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
            pointer += 1
        }
        return result
    }

    /// Ends the process with `status`, flushing C standard I/O as `exit` does.
    /// The corresponding C function is `exit`.
    public static func exit(_ status: Int32) -> Never {
        Glibc.exit(status)
    }
}
