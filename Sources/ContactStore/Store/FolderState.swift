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
