@testable import ContactStore
import Foundation
@testable import GitFolder
import Testing
import VCard

/// The `--git` committer on its own: a burst of changes shares commits, every
/// change is in exactly one, and git runs at background CPU priority.
@Suite("Auto-commit bursts and priority")
struct GitCommitterTests {
    static let author = GitAuthor("Cardbox Test <test@example.invalid>")

    /// A new repository with one commit, in a unique temporary folder.
    func repository() throws -> Git {
        let folder = FileManager.default.temporaryDirectory.path + "/cardbox-committer-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let git = Git(directory: folder, environment: Self.author?.environment ?? [:])
        try Data("start\n".utf8).write(to: URL(fileURLWithPath: folder + "/README"))
        for step in [["init", "-q", "-b", "main"], ["add", "README"], ["commit", "-q", "-m", "Start"]] {
            #expect(try git.run(step).succeeded)
        }
        return git
    }

    func created(_ name: String, id: String) -> StoreChange {
        StoreChange(kind: .created, contact: Contact(id: id, displayName: name, createdAt: VCardTimestamp(secondsSince1970: 0),
                                                     updatedAt: VCardTimestamp(secondsSince1970: 0)),
                    permanent: false, origin: .api, fileName: id + ".vcf")
    }

    @Test func aBurstOfChangesSharesCommitsThatListEachChange() throws {
        let git = try repository()
        defer { try? FileManager.default.removeItem(atPath: git.directory) }
        let committer = GitCommitter(directory: git.directory, author: Self.author, log: { Issue.record("git failed: \($0)") })
        let count = 20
        for index in 0..<count {
            let id = "c\(index)"
            try Data("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Person \(index)\r\nEND:VCARD\r\n".utf8)
                .write(to: URL(fileURLWithPath: git.directory + "/" + id + ".vcf"))
            committer.publish(created("Person \(index)", id: id))
        }
        #expect(committer.pendingChanges > 0)
        let deadline = Date().addingTimeInterval(30)
        while committer.pendingChanges > 0 && Date() < deadline { usleep(10_000) }
        #expect(committer.pendingChanges == 0)
        let commits = try git.run(["rev-list", "--count", "HEAD"]).text
        #expect((Int(commits) ?? 0) - 1 < count)
        #expect(try git.run(["status", "--porcelain"]).text.isEmpty)
        let bodies = try git.run(["log", "--format=%B%x00", "HEAD~\((Int(commits) ?? 1) - 1)..HEAD"]).text
        for index in 0..<count {
            #expect(bodies.components(separatedBy: "Create Person \(index)\n").count == 2, "Person \(index) is in one commit")
            #expect(bodies.components(separatedBy: "Cardbox-Id: c\(index)\n").count == 2)
        }
    }

    @Test func backgroundGitAndWhatItStartsRunAtIdlePriority() throws {
        let git = try repository()
        defer { try? FileManager.default.removeItem(atPath: git.directory) }
        // A shell alias runs in a process git starts; field 41 of /proc/self/stat is its scheduling policy.
        let policy = ["-c", "alias.policy=!cut -d ' ' -f 41 /proc/self/stat", "policy"]
        let background = Git(directory: git.directory, priority: .background)
        #expect(try background.run(policy).text == "5")  // SCHED_IDLE
        // At normal priority git has the policy of the thread that runs it (SCHED_OTHER, 0, unless started otherwise).
        let stat = try String(contentsOfFile: "/proc/thread-self/stat", encoding: .utf8)
        let own = stat[stat.index(after: try #require(stat.lastIndex(of: ")")))...].split(separator: " ")[38]
        #expect(try Git(directory: git.directory).run(policy).text == String(own))
    }
}
