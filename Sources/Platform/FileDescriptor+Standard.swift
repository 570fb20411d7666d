extension FileDescriptor {
    /// Standard output (descriptor 1).
    public static let standardOutput = FileDescriptor(rawValue: 1)
    /// Standard error (descriptor 2), where logs and diagnostics go.
    public static let standardError = FileDescriptor(rawValue: 2)
}
