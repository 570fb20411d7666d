import Foundation
import JSON
import Testing

/// `cardbox serve --git` (SPEC §9): every API change committed after the
/// answer, with its message and trailers, touching only the files Cardbox wrote.
@Suite("cardbox serve --git commits API changes")
struct GitAutoCommitTests {
    /// A repository with one commit, then a staged change and an unstaged change of the user's own.
    func repositoryWithUserChanges() throws -> GitTestRepository {
        let repository = try GitTestRepository()
        try repository.commit(["notes.txt": "one\n", "plan.txt": "a\n"], message: "Start")
        try Data("one\ntwo\n".utf8).write(to: URL(fileURLWithPath: repository.folder.sub("notes.txt")))
        try Data("a\nb\n".utf8).write(to: URL(fileURLWithPath: repository.folder.sub("plan.txt")))
        try repository.git("add", "plan.txt")
        return repository
    }

    func userChanges(_ repository: GitTestRepository) throws -> [String] {
        [try repository.git("status", "--porcelain", "--untracked-files=no").output,
         try repository.git("diff").output, try repository.git("diff", "--cached").output]
    }

    @Test func eachChangeIsOneCommitOfOnlyItsFileWithMessageAndTrailers() throws {
        let repository = try repositoryWithUserChanges()
        let before = try userChanges(repository)
        let server = try GitServer(repository, arguments: ["--git"])
        let created = try server.request("POST", "/api/v1/contacts", body: #"{"display_name": "Ana García"}"#)
        #expect(created.status == 201)
        let id = server.data(created).objectValue?["id"]?.stringValue ?? ""
        #expect(try server.waitForCommits(2))
        let steps: [(String, String, String?)] = [
            ("PATCH", "/api/v1/contacts/\(id)", #"{"company": "Acme"}"#),
            ("DELETE", "/api/v1/contacts/\(id)", nil),
            ("POST", "/api/v1/contacts/\(id)/restore", nil),
            ("DELETE", "/api/v1/contacts/\(id)?permanent=true", nil),
        ]
        for (index, step) in steps.enumerated() {
            let answer = try server.request(step.0, step.1, body: step.2)
            #expect(answer.status < 300, "\(step.0) \(step.1): \(answer.text)")
            #expect(try server.waitForCommits(3 + index))
        }
        let subjects = try repository.git("log", "--format=%s").output.split(separator: "\n").map(String.init)
        #expect(subjects == ["Delete permanently Ana García", "Restore Ana García", "Delete Ana García",
                             "Update Ana García", "Create Ana García", "Start"])
        for commit in 0..<5 {
            let body = try repository.git("log", "-1", "--format=%b", "HEAD~\(commit)").output
            #expect(body.contains("Cardbox-Origin: api\nCardbox-Id: \(id)\n"))
            let files = try repository.git("show", "--name-only", "--format=", "HEAD~\(commit)").output
            #expect(files == "contacts/\(id).vcf\n")
        }
        #expect(try userChanges(repository) == before)
    }

    @Test func aLockedIndexIsRetriedAndTheChangeCommittedOnceTheLockGoes() throws {
        let repository = try repositoryWithUserChanges()
        let before = try userChanges(repository)
        let server = try GitServer(repository, arguments: ["--git", "--git-author", "Cardbox Bot <bot@example.org>"])
        let lock = repository.folder.sub(".git/index.lock")
        _ = FileManager.default.createFile(atPath: lock, contents: Data())
        let created = try server.request("POST", "/api/v1/contacts", body: #"{"display_name": "Bo Li"}"#)
        #expect(created.status == 201)
        let id = server.data(created).objectValue?["id"]?.stringValue ?? ""
        #expect(FileManager.default.fileExists(atPath: repository.folder.sub("contacts/\(id).vcf")))
        #expect(server.waitForLog("retrying"))
        try FileManager.default.removeItem(atPath: lock)
        #expect(try server.waitForCommits(2))
        #expect(try repository.git("log", "-1", "--format=%s|%an <%ae>").output == "Create Bo Li|Cardbox Bot <bot@example.org>\n")
        #expect(try repository.git("show", "--name-only", "--format=", "HEAD").output == "contacts/\(id).vcf\n")
        #expect(try userChanges(repository) == before)
    }

    @Test func handEditsAreLeftForTheUserToCommit() throws {
        let repository = try GitTestRepository()
        try repository.commit(["contacts/ana.vcf": sampleText("Ana")], message: "Start")
        let server = try GitServer(repository, arguments: ["--git"])
        let patched = try server.request("PATCH", "/api/v1/contacts/ana", body: #"{"company": "Acme"}"#)
        #expect(patched.status == 200)
        #expect(try server.waitForCommits(2))
        try Data(sampleText("Bo").utf8).write(to: URL(fileURLWithPath: repository.folder.sub("contacts/bo.vcf")))
        #expect(server.data(try server.request("GET", "/api/v1/contacts/ana")).objectValue?["company"]?.stringValue == "Acme")
        // A later API change commits its own file only; the hand-made bo.vcf stays untracked.
        #expect(try server.request("PATCH", "/api/v1/contacts/ana", body: #"{"company": "Acme Labs"}"#).status == 200)
        #expect(try server.waitForCommits(3))
        #expect(try repository.git("status", "--porcelain").output == "?? contacts/bo.vcf\n")
    }
}

/// A minimal vCard 4.0 contact, CRLF.
func sampleText(_ name: String, extra: [String] = []) -> String {
    (["BEGIN:VCARD", "VERSION:4.0", "FN:\(name)"] + extra + ["END:VCARD"]).joined(separator: "\r\n") + "\r\n"
}
