import Glibc

/// An open file descriptor: a thin, typed wrapper over the C calls on it.
/// The owner closes it with ``close()``.
public struct FileDescriptor: Sendable, Hashable {
    public let rawValue: Int32

    public init(rawValue: Int32) {
        self.rawValue = rawValue
    }

    /// Opens `path` with `mode` and `options`; `permissions` apply to a file that
    /// ``OpenOptions/create`` makes (less the umask). The corresponding C function
    /// is `open`; `O_CLOEXEC` is always added, so no descriptor leaks into a child process.
    public static func open(_ path: String, _ mode: AccessMode, options: OpenOptions = [],
                            permissions: UInt32 = 0o644) throws(Errno) -> FileDescriptor {
        let flags = mode.rawValue | options.rawValue | O_CLOEXEC
        let fd = try retryingOnInterrupt { Glibc.open(path, flags, mode_t(permissions)) }
        return FileDescriptor(rawValue: fd)
    }

    /// Closes the descriptor. The corresponding C function is `close`.
    public func close() {
        _ = Glibc.close(rawValue)
    }

    /// Reads up to `buffer.count` bytes; 0 means end of file. The corresponding C function is `read`.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(Errno) -> Int {
        try retryingOnInterrupt { Glibc.read(rawValue, buffer.baseAddress, buffer.count) }
    }

    /// Writes every byte of `bytes`, looping over short writes. The corresponding C function is `write`.
    public func writeAll(_ bytes: [UInt8]) throws(Errno) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                Glibc.write(rawValue, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written == -1 {
                if Errno.current == .interrupted { continue }
                throw Errno.current
            }
            offset += written
        }
    }

    /// Flushes the file's data and metadata to stable storage. The corresponding C function is `fsync`.
    public func sync() throws(Errno) {
        _ = try retryingOnInterrupt { fsync(rawValue) }
    }

    /// The file's metadata. The corresponding C function is `fstat`.
    public func status() throws(Errno) -> FileStatus {
        var info = stat()
        _ = try retryingOnInterrupt { fstat(rawValue, &info) }
        return FileStatus(info)
    }

    /// Reads from the current position to the end of the file. `sizeHint` (the
    /// size `fstat` reported) lets a file that did not change be read with one
    /// `read` into a buffer of the right size; a file that grew is still read whole.
    public func readToEnd(sizeHint: Int = 0) throws(Errno) -> [UInt8] {
        var result: [UInt8] = []
        var chunk = max(sizeHint + 1, 4096)
        while true {
            var failure: Errno?
            var readCount = 0
            let part = [UInt8](unsafeUninitializedCapacity: chunk) { buffer, initialized in
                while readCount < buffer.count {
                    let count = Glibc.read(rawValue, buffer.baseAddress! + readCount, buffer.count - readCount)
                    if count > 0 {
                        readCount += count
                    } else if count == 0 {
                        break
                    } else if Errno.current != .interrupted {
                        failure = Errno.current
                        break
                    }
                }
                initialized = readCount
            }
            if let failure { throw failure }
            if result.isEmpty { result = part } else { result += part }
            if readCount < chunk { return result }
            chunk *= 2
        }
    }
}

/// What `stat` tells about a file, in the units Cardbox compares.
public struct FileStatus: Sendable, Hashable {
    public let size: Int
    /// Modification time in nanoseconds since the epoch (vdirsyncer's etag uses it too).
    public let modificationTimeNanoseconds: Int64
    public let inode: UInt64
    public let device: UInt64
    public let isRegularFile: Bool
    public let isDirectory: Bool
    /// True for a symbolic link itself (only ``FileSystem/linkStatus(_:)`` reports one).
    public let isSymbolicLink: Bool

    init(_ info: stat) {
        size = Int(info.st_size)
        modificationTimeNanoseconds = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        inode = UInt64(info.st_ino)
        device = UInt64(info.st_dev)
        isRegularFile = (info.st_mode & S_IFMT) == S_IFREG
        isDirectory = (info.st_mode & S_IFMT) == S_IFDIR
        isSymbolicLink = (info.st_mode & S_IFMT) == S_IFLNK
    }

    /// Modification time in whole seconds since the epoch.
    public var modificationTimeSeconds: Int64 { modificationTimeNanoseconds / 1_000_000_000 }
}
