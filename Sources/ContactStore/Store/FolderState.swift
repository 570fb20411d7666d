/// Everything the store knows about the folder: the contact index plus the files
/// that are not contacts (groups, problems). Guarded by the store's lock.
struct FolderState: Sendable {
    var index = ContactIndex()
    /// Group cards, by file name (counted in `/status`, otherwise left alone).
    var groups = Set<String>()
    /// Files that are not one valid contact, by file name (SPEC §1.4).
    var problems: [String: FolderReport.Problem] = [:]
    /// False once the folder itself has disappeared (SPEC §4).
    var folderExists = true
    /// Files that could not be read right now (not gone): read again later.
    var retries = Set<String>()
    /// The folder could not be listed for a rescan: rescan again later.
    var rescanPending = false
    /// Contact files that are symbolic links, by name: the name of the file in
    /// the folder each one reads (an edit of that file changes the link's contact).
    var links: [String: String] = [:]
    /// Contact files whose id another, preferred file has (`a.VCF` beside `a.vcf`):
    /// problems now, the contact when the other file goes.
    var shadowed = Set<String>()
}

/// The numbers and lists of `GET /status` (SPEC §2.3).
public struct StoreStatus: Sendable, Equatable {
    public let contacts: Int
    public let deleted: Int
    public let groups: Int
    public let problems: [FolderReport.Problem]
    public let warnings: [FolderReport.Warning]
    public let watching: Bool
}
