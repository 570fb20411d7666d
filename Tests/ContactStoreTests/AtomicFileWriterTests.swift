import Foundation
import Glibc
import TestSupport
import Testing
@testable import ContactStore

@Suite("Atomic rewrites: ownership, temporary names, leftovers")
struct AtomicFileWriterTests {
    /// Mode, owner and group of a file.
    static func ownership(_ path: String) throws -> (mode: UInt32, user: UInt32, group: UInt32) {
        var info = stat()
        guard stat(path, &info) == 0 else { throw CocoaError(.fileNoSuchFile) }
        return (UInt32(info.st_mode) & 0o7777, info.st_uid, info.st_gid)
    }

    /// The process's umask, from /proc/self/status (calling `umask` would change it for every thread).
    static func umask() throws -> UInt32 {
        let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("Umask:") })
        return try #require(UInt32(line.dropFirst("Umask:".count).trimmingCharacters(in: .whitespaces), radix: 8))
    }

    @Test(.enabled(if: getuid() == 0, "changing a file's owner needs root"))
    func aPatchKeepsAPrivateFilesModeOwnerAndGroup() throws {
        let fixture = try StoreFixture(files: ["private.vcf": sampleCard(fn: "Private")])
        let path = fixture.path + "/private.vcf"
        #expect(chown(path, 1000, 1001) == 0 && chmod(path, 0o600) == 0)
        _ = try fixture.patch("private", #"{"notes": "still private"}"#)
        #expect(fixture.file("private.vcf").contains("NOTE:still private"))
        let after = try Self.ownership(path)
        #expect(after.mode == 0o600 && after.user == 1000 && after.group == 1001)
    }

    @Test func everyRewriteKeepsTheFilesPermissionBits() throws {
        let fixture = try StoreFixture(files: ["shared.vcf": sampleCard(fn: "Shared")])
        let path = fixture.path + "/shared.vcf"
        for (round, mode) in [0o640, 0o600, 0o664].enumerated() {
            #expect(chmod(path, mode_t(mode)) == 0)
            _ = try fixture.patch("shared", #"{"notes": "round \#(round)"}"#)
            #expect(try Self.ownership(path).mode == UInt32(mode))
        }
        _ = try fixture.store.softDelete(id: "shared")
        #expect(try Self.ownership(path).mode == 0o664)
    }

    @Test func aNewFileGetsReadWriteLessTheUmask() throws {
        let fixture = try StoreFixture()
        let entry = try fixture.create(#"{"display_name": "New"}"#)
        #expect(try Self.ownership(fixture.path + "/" + entry.fileName).mode == 0o666 & ~(try Self.umask()))
    }

    @Test func aFileWithALongNameCanBeRewritten() throws {
        // 251 + ".vcf" = 255 bytes, NAME_MAX: a temporary name built from it would not fit.
        let id = String(repeating: "n", count: 251)
        let fixture = try StoreFixture(files: [id + ".vcf": sampleCard(fn: "Long")])
        let outcome = try fixture.patch(id, #"{"notes": "fits"}"#)
        #expect(outcome.entry.contact.notes == "fits")
        #expect(fixture.folder.value.fileNames == [id + ".vcf"])
        _ = try fixture.store.softDelete(id: id)
        try fixture.store.deletePermanently(id: id)
        #expect(fixture.folder.value.fileNames.isEmpty)
    }

    @Test func temporaryNamesAreShortDotNamesOfOnePattern() {
        let names = (0..<1000).map { _ in AtomicFileWriter.temporaryName() }
        #expect(names.allSatisfy { $0.hasPrefix(".cardbox-") && $0.utf8.count <= 26 && AtomicFileWriter.isTemporaryName($0) })
        #expect(names.allSatisfy { !ContactFileName.isContactFile($0) })
    }

    @Test func loadingRemovesLeftoverTemporaryFilesAndNothingElse() throws {
        let folder = TemporaryFolder()
        let leftovers = [".cardbox-0.tmp", ".cardbox-3w5e11264sgsf.tmp", ".cardbox-k3j9x.tmp"]
        let others = [".cardbox-.tmp", ".cardbox-K3J9X.tmp", ".cardbox-3w5e11264sgsfx.tmp", ".cardbox-k3j9x.tmp~", ".cardbox-k3j9x.tmp.swp",
                      ".ana.vcf.k3j9x.tmp", ".other.tmp", "cardbox-k3j9x.tmp", "ana.vcf"]
        for name in leftovers + others { folder.write(name, sampleCard(fn: "x")) }
        try FileManager.default.createDirectory(atPath: folder.path + "/.cardbox-d1r.tmp", withIntermediateDirectories: false)
        let store = ContactStore(directory: folder.path)
        try store.load()
        #expect(folder.fileNames == (others + [".cardbox-d1r.tmp"]).sorted())
        #expect(store.status().contacts == 1)
    }
}
