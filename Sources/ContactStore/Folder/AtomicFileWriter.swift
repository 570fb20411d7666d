import Platform

/// Durable, atomic file replacement (SPEC §1.1): write a dot-named temporary file
/// in the same folder, fsync it, rename it over the target, fsync the folder.
/// A crash at any instant leaves the old file or the new one, never a torn one,
/// and never a stray file that counts as a contact (temporary names start with `.`).
///
/// A rewritten file keeps its permission bits, owner and group (as far as the
/// process may set them: root always; another user keeps the bits and, if it is
/// a member, the group). A new file gets 0666 less the process's umask, as files
/// made by editors and `git` do.
public struct AtomicFileWriter: Sendable {
    public let directory: String

    /// Temporary names are `.cardbox-<random>.tmp`: dot-named so every tool
    /// ignores them, of bounded length whatever the target's name (a name of 255
    /// bytes plus a suffix would pass `NAME_MAX`), and recognisable, so that
    /// ``removeStaleTemporaryFiles()`` removes Cardbox's own and nothing else.
    static let temporaryPrefix = ".cardbox-"
    static let temporarySuffix = ".tmp"

    public init(directory: String) {
        self.directory = directory
    }

    /// Replaces (or creates) `name` with `bytes` and returns the new file's status.
    public func write(_ bytes: [UInt8], to name: String) throws(Errno) -> FileStatus {
        let target = directory + "/" + name
        let ownership: FileOwnership?
        do throws(Errno) {
            ownership = try FileOwnership.of(target)
        } catch where error == .noSuchFile {
            ownership = nil
        }
        let temporary = directory + "/" + Self.temporaryName()
        // Replacing a file: private until it has the original's ownership. New: the umask decides.
        let fd = try FileDescriptor.open(temporary, .writeOnly, options: [.create, .exclusiveCreate, .noFollow],
                                         permissions: ownership == nil ? 0o666 : 0o600)
        do throws(Errno) {
            try fd.writeAll(bytes)
            if let ownership { try fd.apply(ownership) }
            try fd.sync()
            fd.close()
        } catch {
            fd.close()
            try? FileSystem.remove(temporary)
            throw error
        }
        do throws(Errno) {
            try FileSystem.rename(temporary, to: target)
        } catch {
            try? FileSystem.remove(temporary)
            throw error
        }
        try FileSystem.syncDirectory(directory)
        return try FileSystem.status(target)
    }

    /// Removes `name` durably.
    public func remove(_ name: String) throws(Errno) {
        try FileSystem.remove(directory + "/" + name)
        try FileSystem.syncDirectory(directory)
    }

    /// Removes the temporary files of writes that never finished (the process
    /// was killed between creating and renaming one): regular files named like
    /// ``temporaryName()``, nothing else. Files that cannot be removed are left.
    /// Returns the names removed.
    ///
    /// A write in flight in another process on the same folder at that moment
    /// would lose its temporary file and fail (its target is untouched).
    @discardableResult
    public func removeStaleTemporaryFiles() -> [String] {
        guard let entries = try? FileSystem.listDirectory(directory) else { return [] }
        return removeStaleTemporaryFiles(among: entries)
    }

    /// ``removeStaleTemporaryFiles()`` for a listing of the folder already at hand
    /// (the load lists a large folder once, not twice).
    @discardableResult
    public func removeStaleTemporaryFiles(among entries: [FileSystem.Entry]) -> [String] {
        var removed: [String] = []
        for entry in entries where entry.isRegularFile && Self.isTemporaryName(entry.name) {
            if (try? FileSystem.remove(directory + "/" + entry.name)) != nil { removed.append(entry.name) }
        }
        return removed.sorted()
    }

    /// A new temporary name: the prefix, a random 64-bit number in base 36 (at most 13 digits), the suffix.
    static func temporaryName() -> String {
        temporaryPrefix + String(UInt64.random(in: 0...UInt64.max), radix: 36) + temporarySuffix
    }

    /// True for the names ``temporaryName()`` makes.
    static func isTemporaryName(_ name: String) -> Bool {
        guard name.hasPrefix(temporaryPrefix), name.hasSuffix(temporarySuffix) else { return false }
        let digits = name.utf8.dropFirst(temporaryPrefix.utf8.count).dropLast(temporarySuffix.utf8.count)
        return (1...13).contains(digits.count) && digits.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x7A).contains($0) }
    }
}
