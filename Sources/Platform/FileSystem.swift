import Glibc

/// Path-based file operations: thin wrappers over the C calls, throwing ``Errno``.
public enum FileSystem {
    /// One entry of a directory listing.
    public struct Entry: Sendable, Hashable {
        public let name: String
        /// What the name itself is (a symbolic link is not followed).
        public let type: EntryType

        /// True for a regular file (not a link to one).
        public var isRegularFile: Bool { type == .regularFile }
    }

    /// The type of a directory entry, from `d_type` (or `lstat` when the file
    /// system does not say).
    public enum EntryType: Sendable, Hashable {
        case regularFile, directory, symbolicLink, other
    }

    /// The metadata of `path`, following symlinks. The corresponding C function is `stat`.
    public static func status(_ path: String) throws(Errno) -> FileStatus {
        var info = stat()
        _ = try retryingOnInterrupt { stat(path, &info) }
        return FileStatus(info)
    }

    /// The metadata of `path` itself: a symbolic link is reported as a link, not
    /// followed. The corresponding C function is `lstat`.
    public static func linkStatus(_ path: String) throws(Errno) -> FileStatus {
        var info = stat()
        _ = try retryingOnInterrupt { lstat(path, &info) }
        return FileStatus(info)
    }

    /// The absolute path of `path` with every symbolic link, `.` and `..`
    /// resolved; fails with `ENOENT` for a dangling link and `ELOOP` for a loop.
    /// The corresponding C function is `realpath`.
    public static func resolvedPath(_ path: String) throws(Errno) -> String {
        guard let resolved = realpath(path, nil) else { throw Errno.current }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The entries of a directory, `.` and `..` excluded. The corresponding C functions are `opendir`/`readdir`.
    public static func listDirectory(_ path: String) throws(Errno) -> [Entry] {
        guard let directory = opendir(path) else { throw Errno.current }
        defer { closedir(directory) }
        var entries: [Entry] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            let type: EntryType
            switch Int(entry.pointee.d_type) {
            case Int(DT_REG): type = .regularFile
            case Int(DT_DIR): type = .directory
            case Int(DT_LNK): type = .symbolicLink
            case Int(DT_UNKNOWN):
                let found = try? linkStatus(path + "/" + name)
                type = found.map { $0.isRegularFile ? .regularFile : $0.isDirectory ? .directory : $0.isSymbolicLink ? .symbolicLink : .other } ?? .other
            default: type = .other
            }
            entries.append(Entry(name: name, type: type))
        }
        return entries
    }

    /// Reads a whole file with the metadata of the descriptor that read it, so
    /// the bytes and the status belong to the same file even if it is replaced meanwhile.
    ///
    /// Opened with `O_NONBLOCK` and read only if it is a regular file, so a FIFO or
    /// a symlink to a device that happens to be named `x.vcf` neither blocks nor
    /// streams forever: it comes back with no bytes and `isRegularFile == false`.
    ///
    /// With `options` ``FileDescriptor/OpenOptions/noFollow`` a path whose last
    /// component is a symbolic link fails with `ELOOP` instead of being followed.
    public static func readFile(_ path: String, options: FileDescriptor.OpenOptions = []) throws(Errno) -> (bytes: [UInt8], status: FileStatus) {
        let fd = try FileDescriptor.open(path, .readOnly, options: options.union(.nonBlocking))
        defer { fd.close() }
        return try readOpened(fd)
    }

    private static func readOpened(_ fd: FileDescriptor) throws(Errno) -> (bytes: [UInt8], status: FileStatus) {
        let status = try fd.status()
        guard status.isRegularFile else { return ([], status) }
        let bytes = try fd.readToEnd(sizeHint: status.size)
        return (bytes, status)
    }

    /// Reads `name` in a directory: through `directory`'s open descriptor when
    /// there is one (no path walk per file; the corresponding C function is
    /// `openat`), else by path. `options` as for ``readFile(_:options:)``.
    public static func readFile(_ name: String, relativeTo directory: FileDescriptor?, in path: String,
                                options: FileDescriptor.OpenOptions = []) throws(Errno) -> (bytes: [UInt8], status: FileStatus) {
        guard let directory else { return try readFile(path + "/" + name, options: options) }
        let flags = O_RDONLY | O_NONBLOCK | O_CLOEXEC | options.rawValue
        let fd = FileDescriptor(rawValue: try retryingOnInterrupt { openat(directory.rawValue, name, flags) })
        defer { fd.close() }
        return try readOpened(fd)
    }

    /// Atomically replaces `path`. The corresponding C function is `rename`.
    public static func rename(_ from: String, to: String) throws(Errno) {
        _ = try retryingOnInterrupt { Glibc.rename(from, to) }
    }

    /// Removes a file. The corresponding C function is `unlink`.
    public static func remove(_ path: String) throws(Errno) {
        _ = try retryingOnInterrupt { unlink(path) }
    }

    /// Creates a directory (and its missing parents), succeeding if it exists.
    public static func makeDirectory(_ path: String) throws(Errno) {
        if (try? status(path))?.isDirectory == true { return }
        let parent = path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        if !parent.isEmpty, (try? status(parent)) == nil { try makeDirectory(parent) }
        let result = mkdir(path, 0o755)
        if result == -1, Errno.current != .fileExists { throw Errno.current }
    }

    /// Flushes a directory's entries (after a rename or unlink in it) to stable storage.
    public static func syncDirectory(_ path: String) throws(Errno) {
        let fd = try FileDescriptor.open(path, .readOnly, options: .directory)
        defer { fd.close() }
        try fd.sync()
    }

    /// Checks that files can be created in `directory` by creating and removing
    /// a temporary dot-file there (`.cardbox-check-<pid>.tmp`, which folder
    /// readers skip). Unlike `access`, this is what a write will meet: root
    /// passes `access` on `/proc` or a read-only mount and then fails every
    /// write. The corresponding C functions are `open` and `unlink`.
    public static func checkCanCreateFiles(in directory: String) throws(Errno) {
        let path = directory + "/.cardbox-check-\(getpid()).tmp"
        let fd = try retryingOnInterrupt { Glibc.open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600) }
        _ = Glibc.close(fd)
        try remove(path)
    }
}
