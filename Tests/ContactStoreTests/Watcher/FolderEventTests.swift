import Platform
import Testing
@testable import ContactStore

/// Which inotify events the watcher acts on (SPEC §1 names, §4 folder events).
@Suite("FolderEvent")
struct FolderEventTests {
    static let folder = Inotify.Watch(rawValue: 4)

    static func event(_ mask: Inotify.Events, _ name: String = "", watch: Inotify.Watch = folder) -> Inotify.Event {
        Inotify.Event(watch: watch, mask: mask, cookie: 0, name: Array(name.utf8))
    }

    @Test(arguments: [Inotify.Events.create, .closeWrite, .movedTo, .movedFrom, .delete, .modify])
    func everyNameEventOnAContactFileMakesItDirty(mask: Inotify.Events) {
        #expect(FolderEvent(Self.event(mask, "Ana.VCF"), folder: Self.folder) == .changed("Ana.VCF"))
    }

    @Test(arguments: [".ana.vcf.swp", "ana.vcf.swp", "ana.vcf~", "ana.vcf.tmp123", "4913", ".ana.vcf.k2j3.tmp", ".vcf", "notes.txt", ".git"])
    func namesThatAreNotContactFilesAreIgnored(name: String) {
        #expect(FolderEvent(Self.event(.closeWrite, name), folder: Self.folder) == .ignored)
        #expect(FolderEvent(Self.event(.movedTo, name), folder: Self.folder) == .ignored)
    }

    @Test func subfoldersAndAttributeChangesAreIgnored() {
        #expect(FolderEvent(Self.event([.create, .isDirectory], "sub.vcf"), folder: Self.folder) == .ignored)
        #expect(FolderEvent(Self.event([.movedFrom, .isDirectory], "sub.vcf"), folder: Self.folder) == .ignored)
        #expect(FolderEvent(Self.event(.attributes, "a.vcf"), folder: Self.folder) == .ignored)
    }

    @Test func namesThatAreNotUTF8AreIgnored() {
        let event = Inotify.Event(watch: Self.folder, mask: .create, cookie: 0, name: [0xFF, 0x2E, 0x76, 0x63, 0x66])
        #expect(FolderEvent(event, folder: Self.folder) == .ignored)
    }

    @Test(arguments: [Inotify.Events.deleteSelf, .moveSelf, .ignored, .unmount])
    func theFolderItselfGoing(mask: Inotify.Events) {
        #expect(FolderEvent(Self.event(mask), folder: Self.folder) == .folderGone)
    }

    @Test func eventsOfAStaleWatchAreIgnoredButOverflowNeverIs() {
        let stale = Inotify.Watch(rawValue: 3)
        #expect(FolderEvent(Self.event(.ignored, watch: stale), folder: Self.folder) == .ignored)
        #expect(FolderEvent(Self.event(.closeWrite, "a.vcf", watch: stale), folder: Self.folder) == .ignored)
        #expect(FolderEvent(Self.event(.closeWrite, "a.vcf"), folder: nil) == .ignored)
        let overflow = Self.event(.queueOverflow, watch: Inotify.Watch(rawValue: -1))
        #expect(FolderEvent(overflow, folder: Self.folder) == .overflow)
        #expect(FolderEvent(overflow, folder: nil) == .overflow)
    }
}
