import Platform

/// What one name in the folder is to Cardbox (SPEC §1), decided from the name
/// and what the name itself is (`lstat`, links not followed). The one rule the
/// store's load, its rescans, the watcher and `cardbox check` all apply.
///
/// A symbolic link is a contact file only when it resolves to a regular file
/// directly in the folder (the folder is flat); it is then read as that file.
/// Links out of the folder, into a subfolder, to something that is not a
/// regular file, dangling links and loops are problems, never contacts.
public enum FolderEntry: Sendable, Equatable {
    /// A contact file. `target` is nil for a regular file; for a symbolic link,
    /// it is the name (in the folder) of the regular file the link resolves to.
    case contactFile(target: String?)
    /// Not a contact file: names that start with `.` (`.git`, the state folder
    /// `.cardbox/`, temporaries), other suffixes, subfolders, FIFOs and devices.
    case ignored
    /// Named like a contact file but cannot be one (a link that does not lead to
    /// a regular file of this folder), with the reason.
    case problem(String)
    /// The name does not exist.
    case missing

    /// Classifies `name` in `directory`. `type` is what a directory listing
    /// already said about the name (saves an `lstat`). Throws only errors that
    /// say nothing about the file itself (out of memory, no permission to
    /// search, too many open files): the caller tries again later.
    public static func classify(_ name: String, in directory: String, type: FileSystem.EntryType? = nil) throws(Errno) -> FolderEntry {
        guard ContactFileName.isContactFile(name) else { return .ignored }
        let entryType: FileSystem.EntryType
        if let type {
            entryType = type
        } else {
            do {
                let status = try FileSystem.linkStatus(directory + "/" + name)
                entryType = status.isRegularFile ? .regularFile : status.isSymbolicLink ? .symbolicLink : .other
            } catch where error == .noSuchFile {
                return .missing
            }
        }
        switch entryType {
        case .regularFile: return .contactFile(target: nil)
        case .directory, .other: return .ignored
        case .symbolicLink: return try classifyLink(name, in: directory)
        }
    }

    private static func classifyLink(_ name: String, in directory: String) throws(Errno) -> FolderEntry {
        let path = directory + "/" + name
        let resolved: String
        do {
            resolved = try FileSystem.resolvedPath(path)
        } catch where error == .noSuchFile {
            do {
                _ = try FileSystem.linkStatus(path)
            } catch where error == .noSuchFile {
                return .missing
            }
            return .problem("symbolic link to a file that does not exist")
        } catch where error == .tooManySymbolicLinks {
            return .problem("symbolic link loop")
        }
        let folder = try FileSystem.resolvedPath(directory)
        guard let slash = resolved.lastIndex(of: "/"), resolved[..<slash] == folder[...] || (folder == "/" && slash == resolved.startIndex) else {
            return .problem("symbolic link to \(resolved), which is not a file of this folder")
        }
        let target = String(resolved[resolved.index(after: slash)...])
        let status: FileStatus
        do {
            status = try FileSystem.linkStatus(resolved)
        } catch where error == .noSuchFile {
            return .problem("symbolic link to a file that does not exist")
        }
        guard status.isRegularFile else { return .problem("symbolic link to \(resolved), which is not a regular file") }
        return .contactFile(target: target)
    }
}
