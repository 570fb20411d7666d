import Foundation
import JSON
import Testing

/// History, versions and revert (SPEC §9) over real repositories and the real server.
@Suite("Contact history in git")
struct GitHistoryTests {
    func history(_ server: GitServer, _ id: String, _ query: String = "") throws -> (commits: [String], messages: [String], meta: JSONObject?) {
        let answer = try server.request("GET", "/api/v1/contacts/\(id)/history\(query)")
        let items = server.data(answer).arrayValue ?? []
        return (items.compactMap { $0.objectValue?["commit"]?.stringValue },
                items.compactMap { $0.objectValue?["message"]?.stringValue },
                (try? JSONParser.parse(answer.body))?.objectValue?["meta"]?.objectValue)
    }

    func head(_ repository: GitTestRepository) throws -> String {
        try repository.git("rev-parse", "HEAD").output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func historyListsTheUsersOwnCommitsNewestFirstAndPages() throws {
        let repository = try GitTestRepository()
        try repository.commit(["README": "contacts\n"], message: "Start")
        let start = try head(repository)
        try repository.commit(["contacts/ana.vcf": sampleText("Ana")], message: "Add Ana")
        let first = try head(repository)
        try repository.commit(["contacts/ana.vcf": sampleText("Ana", extra: ["ORG:Acme"])], message: "Ana joins Acme")
        let second = try head(repository)
        let server = try GitServer(repository)

        let all = try history(server, "ana")
        #expect(all.commits == [second, first])
        #expect(all.messages == ["Ana joins Acme", "Add Ana"])
        let page = try history(server, "ana", "?limit=1&offset=1")
        #expect(page.commits == [first])
        #expect(page.meta?["total"] == .number("2"))
        #expect(page.meta?["has_more"] == .bool(false))
        let item = server.data(try server.request("GET", "/api/v1/contacts/ana/history")).arrayValue?.first?.objectValue
        #expect(item?["author"]?.stringValue == "Test <test@example.org>")
        #expect(item?["at"]?.stringValue?.hasSuffix("Z") == true)

        let old = try server.request("GET", "/api/v1/contacts/ana/history/\(first.prefix(7))")
        #expect(old.status == 200)
        #expect(server.data(old).objectValue?["company"] == .null)
        #expect(server.data(old).objectValue?["id"]?.stringValue == "ana")
        #expect(try server.request("GET", "/api/v1/contacts/ana/history/\(start)").status == 404)
        #expect(try server.request("GET", "/api/v1/contacts/ana/history/--output=x").status == 400)
        #expect(try server.request("GET", "/api/v1/contacts/ana/history/HEAD").status == 400)
        #expect(try server.request("GET", "/api/v1/contacts/nobody/history").status == 404)
    }

    @Test func aFileRenamedByHandStartsANewHistory() throws {
        let repository = try GitTestRepository()
        try repository.commit(["contacts/ana.vcf": sampleText("Ana")], message: "Add Ana")
        try repository.git("mv", "contacts/ana.vcf", "contacts/ana-garcia.vcf")
        try repository.git("commit", "-q", "-m", "Rename Ana")
        let server = try GitServer(repository)
        #expect(try history(server, "ana-garcia").messages == ["Rename Ana"])
        #expect(try history(server, "ana").messages == ["Rename Ana", "Add Ana"])
    }

    @Test func historyFollowsNewCommitsAndRewrittenHistory() throws {
        let repository = try GitTestRepository()
        try repository.commit(["contacts/ana.vcf": sampleText("Ana")], message: "Add Ana")
        let server = try GitServer(repository)
        #expect(try history(server, "ana").messages == ["Add Ana"])
        try repository.commit(["contacts/ana.vcf": sampleText("Ana", extra: ["ORG:Acme"])], message: "Ana joins Acme")
        try repository.commit(["contacts/bo.vcf": sampleText("Bo")], message: "Add Bo")
        #expect(try history(server, "ana").messages == ["Ana joins Acme", "Add Ana"])
        try repository.git("reset", "-q", "--hard", "HEAD~2")
        try repository.commit(["contacts/ana.vcf": sampleText("Ana", extra: ["ORG:Initech"])], message: "Ana joins Initech")
        #expect(try history(server, "ana").messages == ["Ana joins Initech", "Add Ana"])
    }

    @Test func revertBringsBackALiveContactsVersionAsAChangeCommittedUnderGit() throws {
        let repository = try GitTestRepository()
        try repository.commit(["contacts/ana.vcf": sampleText("Ana", extra: ["EMAIL:ana@example.org"])], message: "Add Ana")
        let first = try head(repository)
        try repository.commit(["contacts/ana.vcf": sampleText("Ana Smith", extra: ["ORG:Acme"])], message: "Edit Ana")
        let server = try GitServer(repository, arguments: ["--git"])
        let reverted = try server.request("POST", "/api/v1/contacts/ana/revert", body: "{\"commit\": \"\(first)\"}")
        #expect(reverted.status == 200)
        let contact = server.data(reverted).objectValue
        #expect(contact?["display_name"]?.stringValue == "Ana")
        #expect(contact?["company"] == .null)
        #expect(contact?["emails"]?.arrayValue?.first?.objectValue?["address"]?.stringValue == "ana@example.org")
        #expect(try server.waitForCommits(3))
        #expect(try history(server, "ana").messages.first?.hasPrefix("Update Ana\n\nCardbox-Origin: api\nCardbox-Id: ana") == true)

        #expect(try server.request("POST", "/api/v1/contacts/ana/revert", body: #"{"commit": "HEAD"}"#).status == 422)
        #expect(try server.request("POST", "/api/v1/contacts/ana/revert", body: #"{"commit": "abcdef0"}"#).status == 404)
    }

    @Test func aPermanentlyDeletedContactKeepsItsHistoryAndCanBeRecreated() throws {
        let repository = try GitTestRepository()
        let text = sampleText("Bo Li", extra: ["TEL:+34 612 345 678"])
        try repository.commit(["contacts/bo.vcf": text], message: "Add Bo")
        let added = try head(repository)
        let server = try GitServer(repository)
        #expect(try server.request("DELETE", "/api/v1/contacts/bo?permanent=true").status == 204)
        try repository.git("add", "-A")
        try repository.git("commit", "-q", "-m", "Forget Bo")
        #expect(try history(server, "bo").messages == ["Forget Bo", "Add Bo"])
        #expect(try server.request("GET", "/api/v1/contacts/bo/history/\(added)").status == 200)

        let recreated = try server.request("POST", "/api/v1/contacts/bo/revert", body: "{\"commit\": \"\(added)\"}")
        #expect(recreated.status == 200)
        #expect(server.data(recreated).objectValue?["display_name"]?.stringValue == "Bo Li")
        #expect(repository.folder.text("contacts/bo.vcf") == text)
        #expect(try server.request("GET", "/api/v1/contacts/bo").status == 200)
    }

    @Test func aHandNamedFileThatIsGoneKeepsItsHistoryUnderItsOwnName() throws {
        let repository = try GitTestRepository()
        let text = sampleText("Ana Ruiz")
        // Another contact keeps the folder when git removes Ana's file.
        try repository.commit(["contacts/Ana Ruiz.VCF": text, "contacts/bo.vcf": sampleText("Bo Li")], message: "Add Ana by hand")
        let added = try head(repository)
        let server = try GitServer(repository)
        try repository.git("rm", "-q", "contacts/Ana Ruiz.VCF")
        try repository.git("commit", "-q", "-m", "Forget Ana")
        #expect(try history(server, "Ana%20Ruiz").messages == ["Forget Ana", "Add Ana by hand"])
        #expect(try server.request("GET", "/api/v1/contacts/Ana%20Ruiz/history/\(added)").status == 200)
        let recreated = try server.request("POST", "/api/v1/contacts/Ana%20Ruiz/revert", body: "{\"commit\": \"\(added)\"}")
        #expect(recreated.status == 200)
        #expect(repository.folder.text("contacts/Ana Ruiz.VCF") == text)
    }

    @Test func outsideAGitWorkTreeTheHistoryRoutesAnswerNotAGitRepository() throws {
        let folder = try GitTestRepository(initialize: false)
        let server = try GitServer(folder)
        let created = try server.request("POST", "/api/v1/contacts", body: #"{"display_name": "Ana"}"#)
        let id = server.data(created).objectValue?["id"]?.stringValue ?? ""
        for (method, target, body) in [("GET", "/api/v1/contacts/\(id)/history", nil),
                                       ("GET", "/api/v1/contacts/\(id)/history/abcdef0", nil),
                                       ("POST", "/api/v1/contacts/\(id)/revert", #"{"commit": "abcdef0"}"#)] {
            let answer = try server.request(method, target, body: body)
            #expect(answer.status == 409)
            #expect((try? JSONParser.parse(answer.body))?.objectValue?["error"]?.objectValue?["code"]?.stringValue == "NOT_A_GIT_REPOSITORY")
        }
    }
}
