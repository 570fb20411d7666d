import Testing
import TestSupport
@testable import ContactStore

/// ``SlotSet`` against `Set<Int32>`: random inserts and removes across array
/// and bitmap containers and their conversions, and every set operation.
@Suite("Slot sets")
struct SlotSetTests {
    /// Random slots drawn so that some ranges stay sparse (arrays) and some
    /// grow past 4,096 (bitmaps): `density` of 65,536 in range 0, fewer elsewhere.
    static func randomSlots(_ count: Int, _ random: inout SeededGenerator) -> [Int32] {
        (0..<count).map { _ in
            switch Int.random(in: 0..<10, using: &random) {
            case 0..<6: return Int32.random(in: 0..<9000, using: &random)
            case 6..<9: return Int32.random(in: 65_536..<65_536 * 3, using: &random)
            default: return Int32.random(in: 0..<5_000_000, using: &random)
            }
        }
    }

    static func expectEqual(_ set: SlotSet, _ reference: Set<Int32>, _ context: String) {
        #expect(set.count == reference.count, "\(context)")
        #expect(set.slots == reference.sorted(), "\(context)")
        #expect(set.isEmpty == reference.isEmpty, "\(context)")
    }

    @Test(arguments: 1...4)
    func insertsAndRemovesMatchASet(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        var set = SlotSet()
        var reference = Set<Int32>()
        for round in 0..<60_000 {
            let slot = Self.randomSlots(1, &random)[0]
            // Mostly inserts first (bitmaps form), then mostly removes (they turn back into arrays).
            let inserting = Int.random(in: 0..<10, using: &random) < (round < 30_000 ? 8 : 2)
            if inserting {
                #expect(set.insert(slot) == reference.insert(slot).inserted)
            } else {
                let existing = reference.randomElement(using: &random) ?? slot
                #expect(set.remove(existing) == (reference.remove(existing) != nil))
            }
            if round % 5000 == 0 {
                Self.expectEqual(set, reference, "seed \(seed) round \(round)")
                for probe in Self.randomSlots(200, &random) { #expect(set.contains(probe) == reference.contains(probe)) }
            }
        }
        Self.expectEqual(set, reference, "seed \(seed) end")
        #expect(set.containers.allSatisfy { $0.isBitmap == ($0.count > SlotContainer.maximumArrayCount) })
    }

    @Test(arguments: 1...6)
    func intersectionsAndUnionsMatchASet(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        let sizes = [0, 1, 50, 3000, 9000, 30_000]
        for _ in 0..<8 {
            let a = Set(Self.randomSlots(sizes.randomElement(using: &random)!, &random))
            let b = Set(Self.randomSlots(sizes.randomElement(using: &random)!, &random))
            let c = Set(Self.randomSlots(sizes.randomElement(using: &random)!, &random))
            let (setA, setB, setC) = (SlotSet(a), SlotSet(b), SlotSet(c))
            Self.expectEqual(setA, a, "built from a sequence")
            Self.expectEqual(setA.intersection(setB), a.intersection(b), "intersection")
            #expect(setA.intersectionCount(setB) == a.intersection(b).count)
            #expect(setB.intersectionCount(setA) == a.intersection(b).count)
            Self.expectEqual(setA.union(setB), a.union(b), "union")
            Self.expectEqual(SlotSet.union([setA, setB, setC]), a.union(b).union(c), "union of three")
            // Results are canonical: equal sets compare equal however they were made.
            #expect(setA.intersection(setB) == SlotSet(a.intersection(b)))
            #expect(setA.union(setB) == SlotSet(a.union(b)))
        }
    }

    @Test func aContainerTurnsIntoABitmapAfter4096AndBack() {
        var set = SlotSet()
        for slot in Int32(0)..<4096 { set.insert(slot * 2) }
        #expect(set.containers.count == 1 && !set.containers[0].isBitmap)
        set.insert(1)
        #expect(set.containers[0].isBitmap && set.count == 4097)
        set.remove(1)
        #expect(!set.containers[0].isBitmap && set.count == 4096)
        for slot in Int32(0)..<4096 { set.remove(slot * 2) }
        #expect(set.isEmpty && set.containers.isEmpty)
    }

    @Test func iterationStopsWhenAsked() {
        let set = SlotSet([5, 70_000, 3, 200_000, 70_001])
        var seen: [Int32] = []
        set.forEach { seen.append($0); return seen.count < 3 }
        #expect(seen == [3, 5, 70_000])
        #expect(set.slots == [3, 5, 70_000, 70_001, 200_000])
    }
}
