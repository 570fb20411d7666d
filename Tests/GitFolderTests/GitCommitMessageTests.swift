import ContactStore
@testable import GitFolder
import Testing

@Suite struct GitCommitMessageTests {
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
