import Glibc

/// A file's permission bits, owner and group: what a rewrite by rename must
/// carry over, or a private file (0600) would come back readable by everyone
/// and owned by whoever ran the server.
public struct FileOwnership: Sendable, Hashable {
    /// The permission bits, setuid/setgid/sticky included (`st_mode & 07777`).
    public let permissions: UInt32
    public let user: UInt32
    public let group: UInt32

    public init(permissions: UInt32, user: UInt32, group: UInt32) {
        self.permissions = permissions
        self.user = user
        self.group = group
    }

    /// The ownership of `path`, following symlinks. The corresponding C function is `stat`.
    public static func of(_ path: String) throws(Errno) -> FileOwnership {
        var info = stat()
        _ = try retryingOnInterrupt { stat(path, &info) }
        return FileOwnership(permissions: UInt32(info.st_mode) & 0o7777, user: UInt32(info.st_uid), group: UInt32(info.st_gid))
    }
}

extension FileDescriptor {
    /// Gives the open file `ownership`: first the owner and group, as far as the
    /// process may (root may give any; another user only a group it belongs to),
    /// then the permission bits — after the owner, since `chown` clears setuid
    /// and setgid. The corresponding C functions are `fchown` and `fchmod`.
    public func apply(_ ownership: FileOwnership) throws(Errno) {
        var info = stat()
        _ = try retryingOnInterrupt { fstat(rawValue, &info) }
        if info.st_uid != ownership.user || info.st_gid != ownership.group {
            do throws(Errno) {
                _ = try retryingOnInterrupt { fchown(rawValue, ownership.user, ownership.group) }
            } catch where error.rawValue == EPERM {
                // Not root: keep at least the group when the process is a member of it.
                _ = try? retryingOnInterrupt { fchown(rawValue, UInt32.max, ownership.group) }
            }
        }
        _ = try retryingOnInterrupt { fchmod(rawValue, mode_t(ownership.permissions)) }
    }
}
