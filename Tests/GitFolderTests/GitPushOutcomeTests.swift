@testable import GitFolder
import Testing

@Suite("What a git push came to")
struct GitPushOutcomeTests {
    @Test func exitZeroIsPushed() {
        #expect(GitPushOutcome.of(status: 0, output: "To /r.git\n*\tHEAD:refs/heads/main\t[new branch]\nDone", errors: "") == .pushed)
    }

    @Test func aRefRefusedBecauseTheRemoteMovedOnIsWorthAnotherPull() {
        let fetchFirst = "To /r.git\n!\tHEAD:refs/heads/main\t[rejected] (fetch first)\nDone"
        let behind = "To /r.git\n!\tHEAD:refs/heads/main\t[rejected] (non-fast-forward)\nDone"
        #expect(GitPushOutcome.of(status: 1, output: fetchFirst, errors: "error: failed to push some refs") == .rejected)
        #expect(GitPushOutcome.of(status: 1, output: behind, errors: "") == .rejected)
        let raced = "To /r.git\n!\tHEAD:refs/heads/main\t[remote rejected] (failed to update ref)\nDone"
        #expect(GitPushOutcome.of(status: 1, output: raced, errors: "remote: error: cannot lock ref 'refs/heads/main'") == .rejected)
    }

    @Test func theRemoteRefusingOrTheNetworkIsAFailureWithGitsReason() {
        let hook = "To /r.git\n!\tHEAD:refs/heads/main\t[remote rejected] (pre-receive hook declined)\nDone"
        #expect(GitPushOutcome.of(status: 1, output: hook, errors: "") == .failed("!\tHEAD:refs/heads/main\t[remote rejected] (pre-receive hook declined)"))
        #expect(GitPushOutcome.of(status: 128, output: "", errors: "fatal: Could not read from remote repository.")
                == .failed("fatal: Could not read from remote repository."))
        #expect(GitPushOutcome.of(status: 128, output: "", errors: "") == .failed("git push exited 128"))
    }
}
