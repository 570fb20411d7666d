import GitFolder
import Testing

@Suite("--git-sync backoff after failed rounds")
struct GitSyncBackoffTests {
    @Test func aSuccessfulRoundWaitsTheInterval() {
        #expect(GitSyncBackoff.delay(interval: 60, failures: 0) == 60)
        #expect(GitSyncBackoff.delay(interval: 1, failures: 0) == 1)
    }

    @Test func eachFailureDoublesTheWaitUpToFifteenMinutes() {
        #expect((1...6).map { GitSyncBackoff.delay(interval: 60, failures: $0) } == [120, 240, 480, 900, 900, 900])
        #expect((1...4).map { GitSyncBackoff.delay(interval: 1, failures: $0) } == [2, 4, 8, 16])
        #expect(GitSyncBackoff.delay(interval: 1, failures: 10_000) == 900)
    }

    @Test func anIntervalLongerThanTheCeilingIsNeverShortened() {
        #expect(GitSyncBackoff.delay(interval: 3600, failures: 3) == 3600)
    }
}
