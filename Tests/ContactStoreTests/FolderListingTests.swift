import Foundation
import Glibc
import Platform
import TestSupport
import Testing
@testable import ContactStore

/// One classification of the folder's names (``FolderListing``), shared by the
/// store and `cardbox check`: two files with one id, and symbolic links (SPEC §1).
@Suite("Folder listing", .serialized)
struct FolderListingTests {
    /// What the store and `cardbox check` say about a folder, side by side.
    static func storeAndCheck(_ path: String) throws -> (store: StoreStatus, check: FolderReport, store2: ContactStore) {
        let store = ContactStore(directory: path)
        try store.load()
        return (store.status(), try FolderCheck.run(directory: path), store)
    }

    @Test(arguments: [
        (["a.vcf", "a.VCF"], "a.vcf"), (["a.VCF", "a.vcf"], "a.vcf"), (["b.Vcf", "b.VCF"], "b.VCF"),
        (["c.VCF", "c.vcf", "c.Vcf"], "c.vcf"),
    ])
    func twoFilesWithOneIDAreOneContactAndProblemsInTheStoreAndInCheck(names: [String], contact: String) throws {
        let folder = TemporaryFolder()
        for name in names { folder.write(name, sampleCard(fn: "From \(name)")) }
        let (status, report, store) = try Self.storeAndCheck(folder.path)
        let id = ContactFileName.id(forFileName: contact)
        #expect(status.contacts == 1)
        #expect(report.contacts == 1)
        #expect(store.entry(id)?.fileName == contact)
        #expect(store.entry(id)?.contact.displayName == "From \(contact)")
        let others = names.filter { $0 != contact }.sorted()
        #expect(status.problems.map(\.file) == others)
        #expect(report.problems == status.problems)
        #expect(status.problems.allSatisfy { $0.reason == "another file has the same id \(id)" })
    }

    @Test func theWatcherAppliesTheSameRuleAsFilesComeAndGo() throws {
        let watched = try WatchedFolder(files: ["a.VCF": stableCard(fn: "Upper")])
        watched.write("a.vcf", stableCard(fn: "Lower"))
        watched.settle()
        #expect(watched.takeEvents() == ["contact.updated a file"])
        #expect(watched.store.entry("a")?.fileName == "a.vcf")
        #expect(watched.store.status().problems.map(\.file) == ["a.VCF"])
        #expect(try indexEqualsFolder(watched.store))
        #expect(try FolderCheck.run(directory: watched.path).problems == watched.store.status().problems)

        // The upper-case file changing does not take the id.
        watched.write("a.VCF", stableCard(fn: "Upper 2"))
        watched.settle()
        #expect(watched.takeEvents() == [])
        #expect(watched.store.entry("a")?.contact.displayName == "Lower")

        // The contact's file goes: the other file becomes the contact.
        try watched.remove("a.vcf")
        watched.settle()
        #expect(watched.takeEvents() == ["contact.deleted a permanent file", "contact.created a file"])
        #expect(watched.store.entry("a")?.fileName == "a.VCF")
        #expect(watched.store.status().problems == [])
        #expect(try indexEqualsFolder(watched.store))
    }

    @Test func linksAreContactsOnlyWhenTheyLeadToARegularFileOfTheFolder() throws {
        let outside = TemporaryFolder()
        outside.write("elsewhere.vcf", sampleCard(fn: "Elsewhere"))
        let folder = TemporaryFolder()
        folder.write("real.vcf", sampleCard(fn: "Real"))
        folder.write("plain.txt", sampleCard(fn: "Text file"))
        folder.write("sub/deep.vcf", sampleCard(fn: "Deep"))
        folder.write(".cardbox/state.vcf", "garbage: the state folder is ignored")
        try FileManager.default.createDirectory(atPath: folder.path + "/dir", withIntermediateDirectories: false)
        let links = [
            "alias.vcf": "real.vcf", "text.vcf": "plain.txt", "outside.vcf": outside.path + "/elsewhere.vcf",
            "climb.vcf": "../" + (outside.path as NSString).lastPathComponent + "/elsewhere.vcf",
            "deep.vcf": "sub/deep.vcf", "folder.vcf": "dir", "device.vcf": "/dev/null", "dangling.vcf": "missing.vcf",
            "loop.vcf": "loop.vcf",
        ]
        for (name, target) in links { #expect(symlink(target, folder.path + "/" + name) == 0) }

        let (status, report, store) = try Self.storeAndCheck(folder.path)
        #expect(status.contacts == 3)
        #expect(report.contacts == 3)
        #expect(store.entry("alias")?.contact.displayName == "Real")
        #expect(store.entry("text")?.contact.displayName == "Text file")
        #expect(status.problems.map(\.file) == ["climb.vcf", "dangling.vcf", "deep.vcf", "device.vcf", "folder.vcf", "loop.vcf", "outside.vcf"])
        #expect(report.problems == status.problems)
        #expect(status.problems.first { $0.file == "outside.vcf" }?.reason.contains("not a file of this folder") == true)
        #expect(status.problems.first { $0.file == "dangling.vcf" }?.reason == "symbolic link to a file that does not exist")
    }

    @Test func aWriteReplacesTheLinkAndNeverWritesThroughIt() throws {
        let fixture = try StoreFixture(files: ["real.vcf": sampleCard(fn: "Real")])
        #expect(symlink("real.vcf", fixture.path + "/alias.vcf") == 0)
        fixture.store.rescan()
        let before = fixture.file("real.vcf")
        _ = try fixture.patch("alias", #"{"company": "Acme"}"#)
        #expect(try FileSystem.linkStatus(fixture.path + "/alias.vcf").isRegularFile)
        #expect(fixture.file("alias.vcf").contains("ORG:Acme"))
        #expect(fixture.file("real.vcf") == before)

        #expect(symlink("real.vcf", fixture.path + "/other.vcf") == 0)
        fixture.store.rescan()
        try fixture.store.deletePermanently(id: "other")
        #expect((try? FileSystem.linkStatus(fixture.path + "/other.vcf")) == nil)
        #expect(fixture.file("real.vcf") == before)
    }

    @Test func anEditOfALinkedFileUpdatesTheLinkToo() throws {
        let watched = try WatchedFolder(files: ["real.vcf": stableCard(fn: "Real")])
        #expect(symlink("real.vcf", watched.path + "/alias.vcf") == 0)
        watched.settle()
        #expect(watched.takeEvents() == ["contact.created alias file"])
        watched.write("real.vcf", stableCard(fn: "Real edited"))
        watched.settle()
        #expect(watched.takeEvents() == ["contact.updated real file", "contact.updated alias file"])
        #expect(watched.store.entry("alias")?.contact.displayName == "Real edited")

        // Retargeted out of the folder: a problem; the last good version stays (SPEC §1.4).
        try watched.remove("alias.vcf")
        #expect(symlink("/dev/null", watched.path + "/alias.vcf") == 0)
        watched.settle()
        #expect(watched.store.status().problems.map(\.file) == ["alias.vcf"])
    }
}
