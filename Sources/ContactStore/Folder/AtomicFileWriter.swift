import Platform

/// Durable, atomic file replacement (SPEC §1.1): write a dot-named temporary file
/// in the same folder, fsync it, rename it over the target, fsync the folder.
/// A crash at any instant leaves the old file or the new one, never a torn one,
/// and never a stray file that counts as a contact (temporary names start with `.`).
public struct AtomicFileWriter: Sendable {
    public let directory: String

    public init(directory: String) {
        self.directory = directory
    }

    /// Replaces (or creates) `name` with `bytes` and returns the new file's status.
    public func write(_ bytes: [UInt8], to name: String) throws(Errno) -> FileStatus {
        let temporary = directory + "/." + name + "." + String(UInt64.random(in: 0...UInt64.max), radix: 36) + ".tmp"
        let fd = try FileDescriptor.open(temporary, .writeOnly, options: [.create, .exclusiveCreate, .noFollow])
        do throws(Errno) {
            try fd.writeAll(bytes)
            try fd.sync()
            fd.close()
        } catch {
            fd.close()
            try? FileSystem.remove(temporary)
            throw error
        }
        do throws(Errno) {
            try FileSystem.rename(temporary, to: directory + "/" + name)
        } catch {
            try? FileSystem.remove(temporary)
            throw error
        }
        try FileSystem.syncDirectory(directory)
        return try FileSystem.status(directory + "/" + name)
    }

    /// Removes `name` durably.
    public func remove(_ name: String) throws(Errno) {
        try FileSystem.remove(directory + "/" + name)
        try FileSystem.syncDirectory(directory)
    }
}
