import Platform

/// What one inotify event means to the watcher (SPEC §1, §4).
enum FolderEvent: Equatable {
    /// A contact file name was created, written, renamed in or out, or removed: re-read it.
    case changed(String)
    /// The kernel's queue overflowed: events were lost, rescan the folder.
    case overflow
    /// The watched folder itself was deleted, moved or unmounted.
    case folderGone
    /// Nothing Cardbox cares about: other names, subfolders, stale watches.
    case ignored

    /// The events the folder watch asks for. `IN_MODIFY` is there only so a file
    /// being written keeps its batch waiting; `IN_ONLYDIR` refuses a non-directory.
    static let watchMask: Inotify.Events = [
        .create, .closeWrite, .movedTo, .movedFrom, .delete, .modify, .deleteSelf, .moveSelf, .onlyDirectory,
    ]

    private static let nameEvents: Inotify.Events = [.create, .closeWrite, .movedTo, .movedFrom, .delete, .modify]
    private static let selfEvents: Inotify.Events = [.deleteSelf, .moveSelf, .ignored, .unmount]

    /// Interprets `event` for a watcher whose folder watch is `folder` (nil while
    /// the folder is gone). Names that are not valid UTF-8 are ignored: they
    /// cannot be spelled as a `String` path, and loading skips them too.
    init(_ event: Inotify.Event, folder: Inotify.Watch?) {
        if event.mask.contains(.queueOverflow) {
            self = .overflow
        } else if event.watch != folder {
            self = .ignored
        } else if !event.mask.isDisjoint(with: Self.selfEvents) {
            self = .folderGone
        } else if event.mask.contains(.isDirectory) || event.mask.isDisjoint(with: Self.nameEvents) {
            self = .ignored
        } else if let name = event.utf8Name, ContactFileName.isContactFile(name) {
            self = .changed(name)
        } else {
            self = .ignored
        }
    }
}
