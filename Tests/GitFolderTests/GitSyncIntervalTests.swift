import GitFolder
import Testing

@Suite("--git-sync-interval durations")
struct GitSyncIntervalTests {
    @Test(arguments: [("90", 90), ("90s", 90), ("2m", 120), ("1", 1), ("1s", 1), ("60", 60), ("0090", 90),
                      ("86400", 86_400), ("1440m", 86_400)])
    func secondsWithAnOptionalUnit(text: String, seconds: Int) {
        #expect(GitSyncInterval(parsing: text)?.seconds == seconds)
    }

    @Test(arguments: ["", "0", "0s", "0m", "-5", "+5", " 5", "5 ", "1.5", "5h", "5S", "5M", "m", "s", "5ms", "86401",
                      "1441m", "9999999", "99999999999999999999", "٥", "5sm"])
    func anythingElseIsNotAnInterval(text: String) {
        #expect(GitSyncInterval(parsing: text) == nil)
    }

    @Test func theStandardIntervalIsAMinute() {
        #expect(GitSyncInterval.standard.seconds == 60)
    }
}
