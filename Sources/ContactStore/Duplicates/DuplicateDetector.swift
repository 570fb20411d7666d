import Dispatch
import Synchronization

/// The duplicate groups of a set of contacts, kept up to date one contact at a
/// time (SPEC §10).
///
/// Contacts are compared only within blocks — contacts sharing a UID, a
/// normalised email, a phone's national digits, a folded name, or an
/// approximate name key (``DuplicateFeatures/blockingKeys``) — never all pairs.
/// A block larger than ``blockLimit`` is skipped: a key shared by that many
/// contacts (a switchboard number, a very common name) identifies nobody.
/// Pairs scoring at least ``DuplicateEvidence/groupThreshold`` are links;
/// groups are the connected components of the links (union-find).
///
/// - Complexity: building is O(n + Σ block²) over blocks within the limit;
///   ``update(id:entry:)`` compares one contact with its blocks only.
public struct DuplicateDetector: Sendable {
    /// Blocks with more members are not compared.
    public static let blockLimit = 100

    public let defaultCountry: CallingCountry?
    private var numbers: [String: Int32] = [:]
    private var features: [DuplicateFeatures?] = []
    private var freeNumbers: [Int32] = []
    private var blocks: [String: [Int32]] = [:]
    /// Evidence of every link, by pair (smaller number in the high half).
    private var links: [UInt64: DuplicateEvidence] = [:]
    private var neighbours: [Int32: Set<Int32>] = [:]
    private var cachedGroups: [DuplicateGroup]?

    /// The detector over `entries`; soft-deleted ones are left out.
    public init(entries: [IndexEntry], defaultCountry: CallingCountry? = nil) {
        self.defaultCountry = defaultCountry
        let live = entries.filter { !$0.contact.isDeleted }
        // Normalising is the costly part: done on every core.
        let computed = Mutex<[DuplicateFeatures?]>(Array(repeating: nil, count: live.count))
        let chunk = 2048
        DispatchQueue.concurrentPerform(iterations: (live.count + chunk - 1) / chunk) { part in
            let range = part * chunk..<min(live.count, (part + 1) * chunk)
            let done = range.map { DuplicateFeatures(entry: live[$0], defaultCountry: defaultCountry) }
            computed.withLock { $0.replaceSubrange(range, with: done) }
        }
        features = computed.withLock { $0 }
        numbers.reserveCapacity(features.count)
        for (number, feature) in features.enumerated() {
            numbers[feature!.id] = Int32(number)
            for key in feature!.blockingKeys { blocks[key, default: []].append(Int32(number)) }
        }
        var compared: Set<UInt64> = []
        for members in blocks.values where members.count > 1 && members.count <= Self.blockLimit {
            for (index, a) in members.enumerated() {
                for b in members[(index + 1)...] where compared.insert(Self.pair(a, b)).inserted {
                    link(a, b)
                }
            }
        }
    }

    /// The number of contacts considered (live ones).
    public var count: Int { numbers.count }

    /// Brings contact `id` up to date: `entry` is its current state, nil when it is gone.
    public mutating func update(id: String, entry: IndexEntry?) {
        if let number = numbers.removeValue(forKey: id) {
            for key in features[Int(number)]!.blockingKeys {
                blocks[key]?.removeAll { $0 == number }
                if blocks[key]?.isEmpty == true { blocks[key] = nil }
            }
            for other in neighbours.removeValue(forKey: number) ?? [] {
                links[Self.pair(number, other)] = nil
                neighbours[other]?.remove(number)
                if neighbours[other]?.isEmpty == true { neighbours[other] = nil }
            }
            features[Int(number)] = nil
            freeNumbers.append(number)
            cachedGroups = nil
        }
        guard let entry, !entry.contact.isDeleted else { return }
        let feature = DuplicateFeatures(entry: entry, defaultCountry: defaultCountry)
        let number: Int32
        if let free = freeNumbers.popLast() {
            number = free
            features[Int(number)] = feature
        } else {
            number = Int32(features.count)
            features.append(feature)
        }
        numbers[id] = number
        var candidates: Set<Int32> = []
        for key in feature.blockingKeys {
            let members = blocks[key, default: []]
            if members.count < Self.blockLimit { candidates.formUnion(members) }
            blocks[key, default: []].append(number)
        }
        for other in candidates { link(number, other) }
        cachedGroups = nil
    }

    /// The groups, strongest first (ties: by first id).
    public mutating func groups() -> [DuplicateGroup] {
        if let cachedGroups { return cachedGroups }
        var parent: [Int32: Int32] = [:]
        func root(_ number: Int32) -> Int32 {
            var current = number
            while let next = parent[current], next != current { current = next }
            var walk = number
            while let next = parent[walk], next != current {
                parent[walk] = current
                walk = next
            }
            return current
        }
        for key in links.keys {
            let (a, b) = (Int32(truncatingIfNeeded: key >> 32), Int32(truncatingIfNeeded: key))
            if parent[a] == nil { parent[a] = a }
            if parent[b] == nil { parent[b] = b }
            let (ra, rb) = (root(a), root(b))
            if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
        }
        var members: [Int32: [Int32]] = [:]
        for number in parent.keys { members[root(number), default: []].append(number) }
        var strongest: [Int32: [DuplicateEvidence]] = [:]
        for (key, evidence) in links { strongest[root(Int32(truncatingIfNeeded: key >> 32)), default: []].append(evidence) }
        var groups: [DuplicateGroup] = []
        groups.reserveCapacity(members.count)
        for (groupRoot, numbers) in members {
            let evidence = strongest[groupRoot]!.sorted { $0.score > $1.score }
            var reasons: [String] = []
            for item in evidence {
                for reason in item.reasons where !reasons.contains(reason) { reasons.append(reason) }
            }
            groups.append(DuplicateGroup(ids: numbers.map { features[Int($0)]!.id }.sorted(), scorePercent: evidence[0].score,
                                         reasons: reasons))
        }
        groups.sort { $0.scorePercent != $1.scorePercent ? $0.scorePercent > $1.scorePercent : $0.ids[0] < $1.ids[0] }
        cachedGroups = groups
        return groups
    }

    /// Scores `a` with `b` and keeps the pair as a link when it reaches the threshold.
    private mutating func link(_ a: Int32, _ b: Int32) {
        guard a != b, let evidence = DuplicateEvidence.between(features[Int(a)]!, features[Int(b)]!),
              evidence.score >= DuplicateEvidence.groupThreshold else { return }
        links[Self.pair(a, b)] = evidence
        neighbours[a, default: []].insert(b)
        neighbours[b, default: []].insert(a)
    }

    private static func pair(_ a: Int32, _ b: Int32) -> UInt64 {
        UInt64(UInt32(min(a, b))) << 32 | UInt64(UInt32(max(a, b)))
    }
}
