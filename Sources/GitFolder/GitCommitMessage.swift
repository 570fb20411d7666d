import ContactStore

/// The message of an auto-commit (SPEC §9): `Update Ana García` with the
/// trailers `Cardbox-Origin:` and `Cardbox-Id:`; a burst of changes shares one
/// commit whose body lists each change and whose trailers name every id.
enum GitCommitMessage {
    static func make(for changes: [StoreChange]) -> String {
        let lines = changes.map(line)
        var ids: [String] = []
        for change in changes where !ids.contains(change.contact.id) { ids.append(change.contact.id) }
        let origins = Set(changes.map(\.origin.rawValue)).sorted()
        let trailers = origins.map { "Cardbox-Origin: " + $0 } + ids.map { "Cardbox-Id: " + $0 }
        if lines.count == 1 { return lines[0] + "\n\n" + trailers.joined(separator: "\n") + "\n" }
        return "Cardbox: \(lines.count) changes\n\n" + lines.joined(separator: "\n") + "\n\n" + trailers.joined(separator: "\n") + "\n"
    }

    /// `Create|Update|Delete|Restore|Delete permanently <display name>` on one line.
    static func line(_ change: StoreChange) -> String {
        let verb: String
        switch change.kind {
        case .created: verb = "Create"
        case .updated: verb = "Update"
        case .deleted: verb = change.permanent ? "Delete permanently" : "Delete"
        case .restored: verb = "Restore"
        }
        let name = String(change.contact.displayName.map { $0.isNewline || $0 == "\t" ? " " : $0 })
        return verb + " " + name
    }
}
