import VCard

/// Emails, phones and addresses: lists that are replaced whole in JSON but
/// written with minimal diffs. An entry that is still there keeps its line (and
/// its group's label lines); a changed entry reuses a removed entry's line, so
/// Apple's `item1.X-ABLabel` stays with it; only the rest is removed or added.
/// The file order follows the new list order.
extension ContactCardWriter {
    mutating func syncEmails(old: [Contact.Email], new: [Contact.Email]) {
        syncList(name: "EMAIL", old: old, new: new,
                 entity: { $0.address.lowercased() },
                 update: { property, old, new, version3 in
                     if old.address != new.address { Self.setValue(&property, VCardEscaping.escape(new.address, semicolons: false)) }
                     if old.label != new.label {
                         Self.replaceTypes(&property, removing: ["work", "home"], adding: new.label.vCardType)
                     }
                     if old.primary != new.primary { Self.setPrimary(&property, new.primary, version3: version3) }
                 },
                 make: { email, version3 in
                     var property = VCardProperty(name: "EMAIL", value: VCardEscaping.escape(email.address, semicolons: false))
                     Self.replaceTypes(&property, removing: [], adding: email.label.vCardType)
                     if email.primary { Self.setPrimary(&property, true, version3: version3) }
                     return property
                 })
    }

    mutating func syncPhones(old: [Contact.Phone], new: [Contact.Phone]) {
        syncList(name: "TEL", old: old, new: new,
                 entity: { phone in
                     let digits = Self.digits(phone.number)
                     return digits.isEmpty ? nil : digits
                 },
                 update: { property, old, new, version3 in
                     if old.number != new.number {
                         property.parameters.removeAll { $0.hasName("VALUE") }
                         Self.setValue(&property, VCardEscaping.escape(new.number, semicolons: false))
                     }
                     if old.label != new.label {
                         Self.replaceTypes(&property, removing: ["cell", "mobile", "iphone", "work", "home"], adding: new.label.vCardType)
                     }
                     if old.primary != new.primary { Self.setPrimary(&property, new.primary, version3: version3) }
                 },
                 make: { phone, version3 in
                     var property = VCardProperty(name: "TEL", value: VCardEscaping.escape(phone.number, semicolons: false))
                     Self.replaceTypes(&property, removing: [], adding: phone.label.vCardType)
                     if phone.primary { Self.setPrimary(&property, true, version3: version3) }
                     return property
                 })
    }

    mutating func syncAddresses(old: [Contact.Address], new: [Contact.Address]) {
        syncList(name: "ADR", old: old, new: new,
                 entity: { $0 },
                 update: { property, old, new, _ in
                     if old.label != new.label { Self.replaceTypes(&property, removing: ["home", "work"], adding: new.label.vCardType) }
                     var parts = property.components
                     while parts.count < 7 { parts.append("") }
                     let fields = [new.street, new.city, new.state, new.postalCode, new.country]
                     for (offset, field) in fields.enumerated() { parts[offset + 2] = field ?? "" }
                     if (old.street, old.city, old.state, old.postalCode, old.country)
                         != (new.street, new.city, new.state, new.postalCode, new.country) {
                         Self.setValue(&property, VCardEscaping.escapeComponents(parts))
                     }
                 },
                 make: { address, _ in
                     let parts = ["", "", address.street ?? "", address.city ?? "", address.state ?? "", address.postalCode ?? "",
                                  address.country ?? ""]
                     var property = VCardProperty(name: "ADR", value: VCardEscaping.escapeComponents(parts))
                     Self.replaceTypes(&property, removing: [], adding: address.label.vCardType)
                     return property
                 })
    }

    /// The shared algorithm. `old[i]` is what the i-th property named `name`
    /// reads as; `entity` says which entries are the same thing (nil: none).
    ///
    /// - Complexity: O(*n*) expected for *n* entries in the old and new lists
    ///   (hashing; no pairwise comparison), so 20,000 emails take milliseconds.
    private mutating func syncList<Item: Hashable, Entity: Hashable>(
        name: String, old: [Item], new: [Item],
        entity: (Item) -> Entity?,
        update: (inout VCardProperty, Item, Item, Bool) -> Void,
        make: (Item, Bool) -> VCardProperty
    ) {
        let slots = card.indices(named: name)
        // `old` is read from this card, so it has one entry per slot; anything else
        // (a caller's mistake) is treated as no old entries at all: nothing is matched.
        let old = slots.count == old.count ? old : []
        var used = [Bool](repeating: false, count: old.count)
        var chosen = [Int?](repeating: nil, count: new.count)
        // 1. Entries that are still there keep their property: the first unused old
        //    entry equal to the new one, else the first unused one of the same entity.
        var equal: [Item: Candidates] = [:]
        var sameEntity: [Entity: Candidates] = [:]
        for (index, item) in old.enumerated() {
            equal[item, default: Candidates()].indices.append(index)
            if let key = entity(item) { sameEntity[key, default: Candidates()].indices.append(index) }
        }
        for (position, item) in new.enumerated() {
            var match = equal[item]?.firstUnused(used)
            if match == nil, let key = entity(item) { match = sameEntity[key]?.firstUnused(used) }
            if let match {
                used[match] = true
                chosen[position] = match
            }
        }
        // 2. Changed entries take over a removed entry's property, in order.
        var spare = old.indices.filter { !used[$0] }[...]
        for position in new.indices where chosen[position] == nil {
            if let reuse = spare.popFirst() {
                used[reuse] = true
                chosen[position] = reuse
            }
        }
        var replacement: [VCardProperty] = []
        for (position, item) in new.enumerated() {
            if let source = chosen[position] {
                var property = card.properties[slots[source]]
                if old[source] != item { update(&property, old[source], item, version3) }
                replacement.append(property)
            } else {
                replacement.append(make(item, version3))
            }
        }
        // 3. Lay the new list into the old slots; extra entries follow the last slot.
        let removedSlots = old.indices.filter { !used[$0] }.map { slots[$0] }
        let doomedMates = Set(card.groupMates(of: removedSlots).filter { card.properties[$0].upperName.hasPrefix("X-") })
        var result: [VCardProperty] = []
        var slotNumber = 0
        for (index, property) in card.properties.enumerated() {
            if doomedMates.contains(index) { continue }
            guard slotNumber < slots.count, slots[slotNumber] == index else {
                result.append(property)
                continue
            }
            if slotNumber < replacement.count { result.append(replacement[slotNumber]) }
            if slotNumber == slots.count - 1 && replacement.count > slots.count {
                result.append(contentsOf: replacement[slots.count...])
            }
            slotNumber += 1
        }
        if slots.isEmpty { result.append(contentsOf: replacement) }
        card.properties = result
    }

    /// Rewrites the `TYPE` values: drops `removing` (any case), adds `adding`, keeps the rest.
    static func replaceTypes(_ property: inout VCardProperty, removing: Set<String>, adding: String?) {
        var values: [String] = []
        for parameter in property.parameters where parameter.hasName("TYPE") {
            for value in parameter.values {
                for part in value.split(separator: ",") where !removing.contains(part.lowercased()) {
                    values.append(String(part))
                }
            }
        }
        if let adding, !values.contains(where: { $0.lowercased() == adding }) { values.append(adding) }
        property.setParameter("TYPE", values)
    }

    /// Marks a property primary or not: `PREF=1` in 4.0, `TYPE=pref` in 3.0.
    static func setPrimary(_ property: inout VCardProperty, _ primary: Bool, version3: Bool) {
        if version3 {
            if primary {
                replaceTypes(&property, removing: ["pref"], adding: "pref")
            } else {
                replaceTypes(&property, removing: ["pref"], adding: nil)
                property.setParameter("PREF", [])
            }
        } else {
            property.setParameter("PREF", primary ? ["1"] : [])
            if !primary, property.hasType("pref") { replaceTypes(&property, removing: ["pref"], adding: nil) }
        }
    }

    static func digits(_ text: String) -> String {
        String(text.unicodeScalars.filter { $0.properties.numericType != nil && $0.value < 0x80 }.map(Character.init))
    }
}

/// Old entries that may take a new entry's place, in list order, with the ones
/// already taken skipped once and for all (each index is passed over at most once).
private struct Candidates {
    var indices: [Int] = []
    private var cursor = 0

    mutating func firstUnused(_ used: [Bool]) -> Int? {
        while cursor < indices.count {
            if !used[indices[cursor]] { return indices[cursor] }
            cursor += 1
        }
        return nil
    }
}

extension EmailLabel {
    var vCardType: String? {
        switch self {
        case .work: return "work"
        case .personal: return "home"
        case .other: return nil
        }
    }
}

extension PhoneLabel {
    var vCardType: String? {
        switch self {
        case .mobile: return "cell"
        case .work: return "work"
        case .home: return "home"
        case .other: return nil
        }
    }
}

extension AddressLabel {
    var vCardType: String? {
        switch self {
        case .home: return "home"
        case .work: return "work"
        case .other: return nil
        }
    }
}
