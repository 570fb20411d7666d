import Glibc

extension FileDescriptor {
    /// Whether a file is opened for reading, writing or both, as in swift-system's
    /// `FileDescriptor.AccessMode`. The corresponding C flags are `O_RDONLY`, `O_WRONLY` and `O_RDWR`.
    public struct AccessMode: RawRepresentable, Sendable, Hashable {
        public let rawValue: Int32

        public init(rawValue: Int32) {
            self.rawValue = rawValue
        }

        /// Reading only. The corresponding C flag is `O_RDONLY`.
        public static let readOnly = AccessMode(rawValue: O_RDONLY)
        /// Writing only. The corresponding C flag is `O_WRONLY`.
        public static let writeOnly = AccessMode(rawValue: O_WRONLY)
        /// Reading and writing. The corresponding C flag is `O_RDWR`.
        public static let readWrite = AccessMode(rawValue: O_RDWR)
    }

    /// How `open` treats the path and the new descriptor, as in swift-system's
    /// `FileDescriptor.OpenOptions`. `O_CLOEXEC` is not among them: Cardbox always sets it.
    public struct OpenOptions: OptionSet, Sendable, Hashable {
        public let rawValue: Int32

        public init(rawValue: Int32) {
            self.rawValue = rawValue
        }

        /// Creates the file if it does not exist. The corresponding C flag is `O_CREAT`.
        public static let create = OpenOptions(rawValue: O_CREAT)
        /// With ``create``: fails with `EEXIST` if the name exists, even as a dangling
        /// symbolic link (which is then not followed). The corresponding C flag is `O_EXCL`.
        public static let exclusiveCreate = OpenOptions(rawValue: O_EXCL)
        /// Empties an existing regular file. The corresponding C flag is `O_TRUNC`.
        public static let truncate = OpenOptions(rawValue: O_TRUNC)
        /// Fails with `ENOTDIR` unless the path is a directory. The corresponding C flag is `O_DIRECTORY`.
        public static let directory = OpenOptions(rawValue: O_DIRECTORY)
        /// Fails with `ELOOP` if the last component of the path is a symbolic link.
        /// The corresponding C flag is `O_NOFOLLOW`.
        public static let noFollow = OpenOptions(rawValue: O_NOFOLLOW)
        /// Never blocks in `open` or on reads (a FIFO named like a contact file).
        /// The corresponding C flag is `O_NONBLOCK`.
        public static let nonBlocking = OpenOptions(rawValue: O_NONBLOCK)
    }
}
