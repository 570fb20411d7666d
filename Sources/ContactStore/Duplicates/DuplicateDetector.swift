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
/// groups are the connected components of the links. After a change only the
/// components it touched are walked again.
///
/// - Complexity: building is O(n + Σ block²) over blocks within the limit;
///   ``update(id:entry:)`` compares one contact with its blocks only.
public struct DuplicateDetector: Sendable {
    /// Blocks with more members are not compared.
    public static let blockLimit = 50

    public let defaultCountry: CallingCountry?
    private var numbers: [String: Int32] = [:]
    private var features: [DuplicateFeatures?] = []
    private var freeNumbers: [Int32] = []
    private var blocks: [Int: [Int32]] = [:]
    /// The links of each contact, by number: the other contact and the score
    /// (reasons are found when groups are built). Arrays, not sets: a large
    /// folder has a million links, and a contact rarely more than a few dozen.
    private var links: [[Link]] = []
    /// Reasons are listed from this many of a group's strongest links (a group of 150 may have 10,000 links).
    static let reasonLinks = 32

    struct Link: Sendable {
        let other: Int32
        let score: UInt8
    }
    /// The group of each grouped contact, by group key.
    private var groupKeyOf: [Int32: Int] = [:]
    private var groupsByKey: [Int: (group: DuplicateGroup, members: [Int32])] = [:]
    private var nextGroupKey = 0
    /// Contacts whose component must be walked again before the next answer.
    private var dirty: Set<Int32> = []
    private var sortedGroups: [DuplicateGroup]?

    /// The detector over `entries`; soft-deleted ones are left out.
    public init(entries: [IndexEntry], defaultCountry: CallingCountry? = nil) {
        self.defaultCountry = defaultCountry
        let live = entries.filter { !$0.isDeleted }
        // Normalising is the costly part: done on every core.
        let computed = Mutex<[DuplicateFeatures?]>(Array(repeating: nil, count: live.count))
        let chunk = 2048
        DispatchQueue.concurrentPerform(iterations: (live.count + chunk - 1) / chunk) { part in
            let range = part * chunk..<min(live.count, (part + 1) * chunk)
            let done = range.map { DuplicateFeatures(entry: live[$0], defaultCountry: defaultCountry) }
            computed.withLock { $0.replaceSubrange(range, with: done) }
        }
        features = computed.withLock { $0 }
        links = Array(repeating: [], count: features.count)
        numbers.reserveCapacity(features.count)
        for (number, feature) in features.enumerated() {
            numbers[feature!.id] = Int32(number)
            for key in feature!.blockingKeys { blocks[key, default: []].append(Int32(number)) }
        }
        // Pairs are scored on every core, block by block; a pair met in several
        // blocks of one share is scored once, across shares at worst again.
        // An approximate block skips pairs with the same exact name: their own (smaller) name block scores them.
        let comparable = blocks.filter { $0.value.count > 1 && $0.value.count <= Self.blockLimit }
            .map { (approximate: DuplicateFeatures.isApproximate($0.key), members: $0.value) }
        let shares = 16
        let found = Mutex<[(UInt64, Int)]>([])
        let all = features
        let allBlocks = blocks
        DispatchQueue.concurrentPerform(iterations: shares) { share in
            var compared: Set<UInt64> = []
            var local: [(UInt64, Int)] = []
            for (approximate, members) in comparable[(share * comparable.count / shares)..<((share + 1) * comparable.count / shares)] {
                for (index, a) in members.enumerated() {
                    for b in members[(index + 1)...] {
                        if approximate, let name = all[Int(a)]!.nameBlock, name == all[Int(b)]!.nameBlock { continue }
                        let pair = Self.pair(a, b)
                        guard compared.insert(pair).inserted,
                              let evidence = DuplicateEvidence.between(all[Int(a)]!, all[Int(b)]!, minimumScore: DuplicateEvidence.groupThreshold,
                                                                       namesakes: Self.namesakes(all[Int(a)]!, allBlocks), withReasons: false)
                        else { continue }
                        local.append((pair, evidence.score))
                    }
                }
            }
            found.withLock { $0 += local }
        }
        for (pair, score) in found.withLock({ $0 }) {
            let (a, b) = (Int32(truncatingIfNeeded: pair >> 32), Int32(truncatingIfNeeded: pair))
            add(a, b, score: score)
        }
        dirty = Set(links.indices.filter { !links[$0].isEmpty }.map { Int32($0) })
    }

    /// The number of contacts considered (live ones).
    public var count: Int { numbers.count }

    /// Brings contact `id` up to date: `entry` is its current state, nil when it is gone.
    public mutating func update(id: String, entry: IndexEntry?) {
        var nameBlocks: [Int] = []
        defer { for block in nameBlocks { rescore(block) } }
        if let number = numbers.removeValue(forKey: id) {
            if let block = features[Int(number)]!.nameBlock { nameBlocks.append(block) }
            dissolveGroup(of: number)
            dirty.formUnion(links[Int(number)].map(\.other))
            for key in features[Int(number)]!.blockingKeys {
                blocks[key]?.removeAll { $0 == number }
                if blocks[key]?.isEmpty == true { blocks[key] = nil }
            }
            for link in links[Int(number)] { links[Int(link.other)].removeAll { $0.other == number } }
            links[Int(number)] = []
            features[Int(number)] = nil
            freeNumbers.append(number)
            dirty.remove(number)
        }
        guard let entry, !entry.isDeleted else { return }
        let feature = DuplicateFeatures(entry: entry, defaultCountry: defaultCountry)
        let number: Int32
        if let free = freeNumbers.popLast() {
            number = free
            features[Int(number)] = feature
        } else {
            number = Int32(features.count)
            features.append(feature)
            links.append([])
        }
        numbers[id] = number
        if let block = feature.nameBlock { nameBlocks.append(block) }
        var candidates: Set<Int32> = []
        for key in feature.blockingKeys {
            let members = blocks[key, default: []]
            if members.count < Self.blockLimit { candidates.formUnion(members) }
            blocks[key, default: []].append(number)
        }
        for other in candidates { link(number, other) }
        for link in links[Int(number)] { dissolveGroup(of: link.other) }
        if !links[Int(number)].isEmpty { dirty.insert(number) }
    }

    /// Scores the pairs of a name block again: how many contacts share a name changes the weight of "same name".
    private mutating func rescore(_ block: Int) {
        guard let members = blocks[block], members.count <= Self.blockLimit else { return }
        for (index, a) in members.enumerated() {
            for b in members[(index + 1)...] {
                unlink(a, b)
                link(a, b)
            }
        }
    }

    private mutating func unlink(_ a: Int32, _ b: Int32) {
        guard links[Int(a)].contains(where: { $0.other == b }) else { return }
        links[Int(a)].removeAll { $0.other == b }
        links[Int(b)].removeAll { $0.other == a }
        dissolveGroup(of: a)
        dissolveGroup(of: b)
        dirty.insert(a)
        dirty.insert(b)
    }

    /// How many contacts have `feature`'s exact name.
    private static func namesakes(_ feature: DuplicateFeatures, _ blocks: [Int: [Int32]]) -> Int {
        feature.nameBlock.flatMap { blocks[$0]?.count } ?? 0
    }

    /// Forgets the group of `number` and marks its members for a new walk.
    private mutating func dissolveGroup(of number: Int32) {
        guard let key = groupKeyOf[number], let old = groupsByKey.removeValue(forKey: key) else { return }
        for member in old.members {
            groupKeyOf[member] = nil
            dirty.insert(member)
        }
        sortedGroups = nil
    }

    /// The groups, strongest first (ties: by first id).
    public mutating func groups() -> [DuplicateGroup] {
        for start in dirty where groupKeyOf[start] == nil && features.indices.contains(Int(start)) && features[Int(start)] != nil {
            // Breadth-first walk over the links from `start`.
            var members: [Int32] = [start]
            var seen: Set<Int32> = [start]
            var next = 0
            while next < members.count {
                for link in links[Int(members[next])] where seen.insert(link.other).inserted { members.append(link.other) }
                next += 1
            }
            guard members.count > 1 else { continue }
            var scored: [(pair: UInt64, score: Int)] = []
            for member in members {
                for link in links[Int(member)] where member < link.other {
                    scored.append((Self.pair(member, link.other), Int(link.score)))
                }
            }
            scored.sort { $0.score != $1.score ? $0.score > $1.score : $0.pair < $1.pair }
            var reasons: [String] = []
            for (pair, _) in scored.prefix(Self.reasonLinks) {
                let (a, b) = (features[Int(pair >> 32)]!, features[Int(UInt32(truncatingIfNeeded: pair))]!)
                let evidence = DuplicateEvidence.between(a, b, namesakes: Self.namesakes(a, blocks))
                for reason in evidence?.reasons ?? [] where !reasons.contains(reason) { reasons.append(reason) }
            }
            let group = DuplicateGroup(ids: members.map { features[Int($0)]!.id }.sorted(), scorePercent: scored[0].score, reasons: reasons)
            let key = nextGroupKey
            nextGroupKey += 1
            groupsByKey[key] = (group, members)
            for member in members { groupKeyOf[member] = key }
            sortedGroups = nil
        }
        dirty = []
        if let sortedGroups { return sortedGroups }
        let groups = groupsByKey.values.map(\.group).sorted {
            $0.scorePercent != $1.scorePercent ? $0.scorePercent > $1.scorePercent : $0.ids[0] < $1.ids[0]
        }
        sortedGroups = groups
        return groups
    }

    /// Scores `a` with `b` and keeps the pair as a link when it reaches the threshold.
    private mutating func link(_ a: Int32, _ b: Int32) {
        guard a != b, let evidence = DuplicateEvidence.between(features[Int(a)]!, features[Int(b)]!, minimumScore: DuplicateEvidence.groupThreshold,
                                                               namesakes: Self.namesakes(features[Int(a)]!, blocks), withReasons: false) else { return }
        add(a, b, score: evidence.score)
        dirty.insert(a)
        dirty.insert(b)
    }

    /// Records the link between `a` and `b` once (a pair can be scored in two blocks).
    private mutating func add(_ a: Int32, _ b: Int32, score: Int) {
        guard !links[Int(a)].contains(where: { $0.other == b }) else { return }
        links[Int(a)].append(Link(other: b, score: UInt8(score)))
        links[Int(b)].append(Link(other: a, score: UInt8(score)))
    }

    private static func pair(_ a: Int32, _ b: Int32) -> UInt64 {
        UInt64(UInt32(min(a, b))) << 32 | UInt64(UInt32(max(a, b)))
    }
}
