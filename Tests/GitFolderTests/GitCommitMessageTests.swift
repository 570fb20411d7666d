@testable import ContactStore
import VCard
@testable import GitFolder
import Testing

@Suite("Auto-commit authors and commit ids")
struct GitCommitMessageTests {
    @Test func aGitAuthorIsReadFromNameAndEmailInAngleBrackets() {
        let author = GitAuthor("Ana García <ana@example.org>")
        #expect(author?.name == "Ana García")
        #expect(author?.email == "ana@example.org")
        #expect(GitAuthor("ana@example.org") == nil)
        #expect(GitAuthor("<ana@example.org>") == nil)
    }

    @Test func commitIDsAreFourToSixtyFourHexDigits() {
        #expect(GitHistory.isCommitID("abcd"))
        #expect(GitHistory.isCommitID(String(repeating: "0", count: 40)))
        #expect(!GitHistory.isCommitID("abc"))
        #expect(!GitHistory.isCommitID("--output=x"))
        #expect(!GitHistory.isCommitID("HEAD"))
        #expect(!GitHistory.isCommitID(String(repeating: "a", count: 65)))
    }
}

@Suite("Auto-commit messages")
struct GitCommitMessageBurstTests {
    func change(_ kind: StoreChange.Kind, _ name: String, id: String, permanent: Bool = false) -> StoreChange {
        StoreChange(kind: kind, contact: Contact(id: id, displayName: name, createdAt: VCardTimestamp(secondsSince1970: 0), updatedAt: VCardTimestamp(secondsSince1970: 0)), permanent: permanent, origin: .api, fileName: id + ".vcf")
    }

    @Test func oneChangeIsASubjectWithTheOriginAndIdTrailers() {
        let message = GitCommitMessage.make(for: [change(.deleted, "Ana García", id: "a1", permanent: true)])
        #expect(message == "Delete permanently Ana García\n\nCardbox-Origin: api\nCardbox-Id: a1\n")
    }

    @Test func aBurstListsEachChangeAndNamesEveryIdOnce() {
        let message = GitCommitMessage.make(for: [change(.created, "Ana", id: "a1"), change(.updated, "Bo\nLi", id: "b2"),
                                                  change(.restored, "Ana", id: "a1")])
        #expect(message == "Cardbox: 3 changes\n\nCreate Ana\nUpdate Bo Li\nRestore Ana\n\nCardbox-Origin: api\nCardbox-Id: a1\nCardbox-Id: b2\n")
    }
}
