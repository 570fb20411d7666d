import Glibc
import Platform
import TestSupport
import Testing

/// Decoding `inotify_event` records (inotify(7)) from byte fixtures, and the
/// wrapper against the real kernel.
@Suite("Inotify")
struct InotifyTests {
    /// One record as the kernel lays it out: wd, mask, cookie, len (native
    /// order), then the name NUL-padded to `len` bytes.
    static func record(wd: Int32, mask: UInt32, cookie: UInt32 = 0, name: [UInt8] = [], padTo length: Int? = nil) -> [UInt8] {
        let nameLength = length ?? (name.isEmpty ? 0 : (name.count + 1 + 15) / 16 * 16)
        var bytes: [UInt8] = []
        withUnsafeBytes(of: wd) { bytes += $0 }
        withUnsafeBytes(of: mask) { bytes += $0 }
        withUnsafeBytes(of: cookie) { bytes += $0 }
        withUnsafeBytes(of: UInt32(nameLength)) { bytes += $0 }
        bytes += name
        bytes += [UInt8](repeating: 0, count: nameLength - name.count)
        return bytes
    }

    @Test func decodesOneRecordWithAPaddedName() {
        let bytes = Self.record(wd: 1, mask: UInt32(IN_CLOSE_WRITE), name: Array("ana.vcf".utf8))
        #expect(bytes.count == 32)
        #expect(Inotify.decode(bytes) == [
            Inotify.Event(watch: Inotify.Watch(rawValue: 1), mask: .closeWrite, cookie: 0, name: Array("ana.vcf".utf8)),
        ])
    }

    @Test func decodesConsecutiveRecordsIncludingNamelessOnes() {
        let bytes = Self.record(wd: 3, mask: UInt32(IN_MOVED_FROM), cookie: 77, name: Array("a.vcf".utf8))
            + Self.record(wd: 3, mask: UInt32(IN_MOVED_TO), cookie: 77, name: Array("b.vcf".utf8))
            + Self.record(wd: -1, mask: UInt32(IN_Q_OVERFLOW))
            + Self.record(wd: 3, mask: UInt32(IN_DELETE_SELF))
            + Self.record(wd: 3, mask: UInt32(IN_IGNORED))
        let events = Inotify.decode(bytes)
        #expect(events.map(\.watch.rawValue) == [3, 3, -1, 3, 3])
        #expect(events.map(\.mask) == [.movedFrom, .movedTo, .queueOverflow, .deleteSelf, .ignored])
        #expect(events.map(\.cookie) == [77, 77, 0, 0, 0])
        #expect(events.map(\.name) == [Array("a.vcf".utf8), Array("b.vcf".utf8), [], [], []])
        #expect(events.map(\.utf8Name) == ["a.vcf", "b.vcf", "", "", ""])
    }

    @Test func keepsNamesThatAreNotUTF8AsBytes() {
        let name: [UInt8] = [0xFF, 0xFE, 0x2E, 0x76, 0x63, 0x66] // "\xff\xfe.vcf"
        let events = Inotify.decode(Self.record(wd: 1, mask: UInt32(IN_CREATE), name: name))
        #expect(events.first?.name == name)
        #expect(events.first?.utf8Name == nil)
    }

    @Test func aNameFillingItsFieldWithoutNULIsRead() {
        let name = Array("sixteen-chars.vc".utf8)
        let events = Inotify.decode(Self.record(wd: 1, mask: UInt32(IN_CREATE), name: name, padTo: 16))
        #expect(events.first?.utf8Name == "sixteen-chars.vc")
    }

    @Test(arguments: [1, 15, 16, 17, 31])
    func aTruncatedRecordIsDroppedNotReadPastTheEnd(cut: Int) {
        let first = Self.record(wd: 1, mask: UInt32(IN_CREATE), name: Array("a.vcf".utf8))
        let second = Self.record(wd: 1, mask: UInt32(IN_DELETE), name: Array("b.vcf".utf8))
        let events = Inotify.decode(Array((first + second).prefix(first.count + cut)))
        #expect(events.map(\.utf8Name) == ["a.vcf"])
    }

    @Test func aLengthPointingPastTheBufferIsDropped() {
        var bytes = Self.record(wd: 1, mask: UInt32(IN_CREATE), name: Array("a.vcf".utf8))
        bytes[12] = 0xFF
        bytes[13] = 0xFF
        #expect(Inotify.decode(bytes).isEmpty)
        #expect(Inotify.decode([UInt8]()).isEmpty)
    }

    @Test func readsRealEventsFromTheKernel() throws {
        let folder = TemporaryFolder()
        let inotify = try Inotify.create()
        defer { inotify.close() }
        let watch = try inotify.addWatch(folder.path, events: [.create, .closeWrite, .movedFrom, .movedTo, .delete])
        var buffer = [UInt8](repeating: 0, count: Inotify.minimumBufferSize)
        let empty = try buffer.withUnsafeMutableBytes { try inotify.read(into: $0) }
        #expect(empty == .wouldBlock)

        folder.write("x.vcf", "hello") // Foundation writes a temporary file and renames it to x.vcf
        try FileSystem.rename(folder.path + "/x.vcf", to: folder.path + "/y.vcf")
        try FileSystem.remove(folder.path + "/y.vcf")
        var events: [Inotify.Event] = []
        buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while case .processed(let count) = try buffer.withUnsafeMutableBytes({ try inotify.read(into: $0) }) {
            events += Inotify.decode(Array(buffer.prefix(count)))
        }
        #expect(events.allSatisfy { $0.watch == watch })
        let named = events.filter { $0.utf8Name == "x.vcf" || $0.utf8Name == "y.vcf" }
        #expect(named.contains { $0.mask.contains(.movedFrom) && $0.utf8Name == "x.vcf" })
        let from = try #require(named.first { $0.mask.contains(.movedFrom) && $0.utf8Name == "x.vcf" })
        let to = try #require(named.first { $0.mask.contains(.movedTo) && $0.utf8Name == "y.vcf" })
        #expect(from.cookie == to.cookie && from.cookie != 0)
        #expect(named.last?.mask == .delete)

        try inotify.removeWatch(watch)
        var ignored = false
        while case .processed(let count) = try buffer.withUnsafeMutableBytes({ try inotify.read(into: $0) }) {
            ignored = ignored || Inotify.decode(Array(buffer.prefix(count))).contains { $0.mask.contains(.ignored) }
        }
        #expect(ignored)
    }

    @Test func watchingAMissingFolderFails() throws {
        let inotify = try Inotify.create()
        defer { inotify.close() }
        #expect(throws: Errno.noSuchFile) { try inotify.addWatch("/nonexistent-cardbox-\(UInt64.random(in: 0...UInt64.max))", events: .create) }
    }
}
