import Testing
@testable import ContactStore

/// The coalescing state machine, driven with a made-up clock (milliseconds in nanoseconds).
@Suite("ChangeCoalescer")
struct ChangeCoalescerTests {
    static let ms: UInt64 = 1_000_000

    func make() -> ChangeCoalescer {
        ChangeCoalescer(quietPeriod: 10 * Self.ms, maximumDelay: 50 * Self.ms, overflowMaximumDelay: 1000 * Self.ms)
    }

    @Test func nothingPendingHasNoDeadline() {
        var coalescer = make()
        #expect(coalescer.isEmpty)
        #expect(coalescer.deadline == nil)
        #expect(coalescer.takeBatch(at: 1_000 * Self.ms) == nil)
    }

    @Test func aBurstBecomesOneBatchOnceQuietInFirstSeenOrder() {
        var coalescer = make()
        coalescer.markDirty("a.vcf", at: 100 * Self.ms)
        coalescer.markDirty("b.vcf", at: 102 * Self.ms)
        coalescer.markDirty("a.vcf", at: 105 * Self.ms)
        #expect(coalescer.deadline == 115 * Self.ms)
        #expect(coalescer.takeBatch(at: 114 * Self.ms) == nil)
        #expect(coalescer.takeBatch(at: 115 * Self.ms) == .init(names: ["a.vcf", "b.vcf"], overflowed: false, quiet: true))
        #expect(coalescer.isEmpty)
        #expect(coalescer.deadline == nil)
    }

    @Test func continuousActivityIsCappedAtTheMaximumDelay() {
        var coalescer = make()
        var now = 100 * Self.ms
        coalescer.markDirty("first.vcf", at: now)
        while now < 160 * Self.ms {
            now += 5 * Self.ms
            coalescer.markDirty("f\(now / Self.ms).vcf", at: now)
            if let batch = coalescer.takeBatch(at: now) {
                #expect(now == 150 * Self.ms)
                #expect(batch.quiet == false)
                #expect(batch.names.first == "first.vcf")
                return
            }
        }
        Issue.record("no batch during a long storm")
    }

    @Test func requeuedNamesWaitForTheNextBatchWithoutDelayingIt() {
        var coalescer = make()
        coalescer.markDirty("gone.vcf", at: 0)
        coalescer.markDirty("b.vcf", at: 45 * Self.ms)
        let forced = coalescer.takeBatch(at: 50 * Self.ms)
        #expect(forced?.quiet == false)
        coalescer.requeue(["gone.vcf"], at: 50 * Self.ms)
        // The last activity was at 45 ms: quiet from 55 ms on.
        #expect(coalescer.deadline == 55 * Self.ms)
        #expect(coalescer.takeBatch(at: 55 * Self.ms) == .init(names: ["gone.vcf"], overflowed: false, quiet: true))
        coalescer.requeue([], at: 60 * Self.ms)
        #expect(coalescer.isEmpty)
    }

    @Test func anOverflowWaitsForQuietUpToItsOwnCap() {
        var coalescer = make()
        coalescer.markDirty("a.vcf", at: 0)
        coalescer.markOverflow(at: 1 * Self.ms)
        #expect(coalescer.deadline == 11 * Self.ms)
        var now: UInt64 = 0
        while now + 5 * Self.ms < 1000 * Self.ms {
            now += 5 * Self.ms
            coalescer.noteActivity(at: now)
            #expect(coalescer.takeBatch(at: now) == nil)
        }
        let batch = coalescer.takeBatch(at: 1000 * Self.ms)
        #expect(batch?.overflowed == true)
        #expect(batch?.quiet == false)
    }

    @Test func resetForgetsEverything() {
        var coalescer = make()
        coalescer.markDirty("a.vcf", at: 0)
        coalescer.markOverflow(at: 0)
        coalescer.reset()
        #expect(coalescer.isEmpty)
        #expect(coalescer.takeBatch(at: 10_000 * Self.ms) == nil)
        coalescer.markDirty("b.vcf", at: 20_000 * Self.ms)
        #expect(coalescer.deadline == 20_010 * Self.ms)
    }
}
