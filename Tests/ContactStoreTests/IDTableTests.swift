import Testing
import TestSupport
@testable import ContactStore

/// The id → slot table and the per-slot byte columns it reads its keys from,
/// against a dictionary, through random inserts, removals, reuse of slots and growth.
@Suite struct IDTableTests {
    @Test func findsExactlyWhatADictionaryFinds() {
        var random = SeededGenerator(seed: 3)
        var ids = SlotBytes()
        var table = IDTable()
        var expected: [String: Int32] = [:]
        var freeSlots: [Int32] = []
        var nextSlot: Int32 = 0
        let names = (0..<3000).map { number in number % 7 == 0 ? "Ñame \(number).VCF" : "id-\(number)" } + ["", "a", "é"]
        for round in 0..<40_000 {
            let id = names.randomElement(using: &random)!
            if let slot = expected[id] {
                table.remove(slot, ids: ids)
                ids.remove(slot)
                expected[id] = nil
                freeSlots.append(slot)
            } else {
                let slot = freeSlots.popLast() ?? { defer { nextSlot += 1 }; return nextSlot }()
                ids.set(slot, id.utf8)
                table.insert(slot, ids: ids)
                expected[id] = slot
            }
            if round % 2000 == 0 {
                for name in names { #expect(table.find(name, ids: ids) == expected[name], "\(name) after \(round)") }
                #expect(table.count == expected.count)
            }
        }
        for (id, slot) in expected { #expect(ids.string(slot) == id) }
    }

    @Test func slotBytesSurviveCompaction() {
        var bytes = SlotBytes()
        var expected: [Int32: [UInt8]] = [:]
        var random = SeededGenerator(seed: 4)
        for round in 0..<20_000 {
            let slot = Int32.random(in: 0..<100, using: &random)
            if Int.random(in: 0..<4, using: &random) == 0 {
                bytes.remove(slot)
                expected[slot] = nil
            } else {
                let value = Array(repeating: UInt8(round & 0xFF), count: Int.random(in: 0..<300, using: &random))
                bytes.set(slot, value)
                expected[slot] = value
            }
        }
        for slot in Int32(0)..<100 {
            #expect(bytes.has(slot) == (expected[slot] != nil))
            #expect(bytes.array(slot) == (expected[slot] ?? []))
        }
    }
}
