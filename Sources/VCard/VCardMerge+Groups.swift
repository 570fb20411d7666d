import ByteText
extension VCardMerge {
    /// `other` with each group it added (Apple's `item3.EMAIL` + `item3.X-ABLabel`)
    /// renamed to a free `itemN` when `primary` added a different group of the
    /// same name since `base`, so the two additions stay two groups instead of
    /// mixing into one. A group both sides added with the same properties is left alone.
    static func renamingClashingGroups(of other: VCard, primary: VCard, base: VCard) -> VCard {
        let baseGroups = groups(of: base)
        let primaryGroups = groups(of: primary)
        let otherGroups = groups(of: other)
        var used = Set(primaryGroups.keys).union(otherGroups.keys).union(baseGroups.keys)
        var renamed: [String: String] = [:]
        for (group, contents) in otherGroups.sorted(by: { $0.key < $1.key }) {
            guard baseGroups[group] == nil, let clash = primaryGroups[group], clash != contents else { continue }
            var number = 1
            while used.contains("item\(number)") { number += 1 }
            used.insert("item\(number)")
            renamed[group] = "item\(number)"
        }
        guard !renamed.isEmpty else { return other }
        var result = other
        for index in result.properties.indices {
            guard let group = result.properties[index].group, let newName = renamed[group.lowercased()] else { continue }
            result.properties[index].group = newName
        }
        return result
    }

    /// Each group (lower case) of `card` with the contents of its properties, group prefix left out.
    private static func groups(of card: VCard) -> [String: Set<String>] {
        var result: [String: Set<String>] = [:]
        for property in card.properties {
            guard let group = property.group else { continue }
            var ungrouped = property
            ungrouped.group = nil
            result[group.lowercased(), default: []].insert(SlotKeys.content(ungrouped))
        }
        return result
    }
}
