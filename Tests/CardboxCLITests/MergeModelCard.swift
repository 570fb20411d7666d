import TestSupport
import VCard

/// What a contact card says, as the randomized merge tests see it: the slots
/// the merge must keep, each edit a new unique value so a lost edit shows.
struct MergeModelCard: Equatable {
    var uid: String
    var fn: String
    var familyName = "Doe"
    var givenName = "Jo"
    var title: String?
    var note: String?
    /// Address (lower case) → type.
    var emails: [String: String] = [:]
    /// Digits → type.
    var phones: [String: String] = [:]
    /// Lower-case tags, in order.
    var tags: [String] = []
    var custom: [String: String] = [:]
    var deletedAt: Int?
    /// Seconds after 2026-01-01T00:00:00Z.
    var rev: Int

    static let epoch: Int64 = 1_767_225_600

    static func timestamp(_ seconds: Int) -> String {
        VCardTimestamp(secondsSince1970: epoch + Int64(seconds)).vCardText
    }

    /// The card as a file: 4.0, or 2.1 as an old phone writes it (bare types,
    /// quoted-printable for non-ASCII notes). Each slot always gives the same
    /// line, so the lines a side did not touch are byte-identical to BASE's.
    func render(version21: Bool) -> String {
        var lines = ["BEGIN:VCARD", version21 ? "VERSION:2.1" : "VERSION:4.0", "UID:" + uid, "FN:" + escape(fn),
                     "N:" + VCardEscaping.escapeComponents([familyName, givenName, "", "", ""])]
        if let title { lines.append("TITLE:" + escape(title)) }
        for (address, type) in emails.sorted(by: { $0.key < $1.key }) {
            lines.append(version21 ? "EMAIL;INTERNET;\(type.uppercased()):\(address)" : "EMAIL;TYPE=\(type):\(address)")
        }
        for (digits, type) in phones.sorted(by: { $0.key < $1.key }) {
            let shown = "+" + digits.prefix(2) + " " + digits.dropFirst(2)
            lines.append(version21 ? "TEL;\(type.uppercased()):\(shown)" : "TEL;TYPE=\(type):\(shown)")
        }
        if let note {
            if version21 && note.utf8.contains(where: { $0 >= 0x80 }) {
                lines.append("NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:" + quotedPrintable(escape(note)))
            } else {
                lines.append("NOTE:" + escape(note))
            }
        }
        if !tags.isEmpty { lines.append("X-TAGS:" + tags.map(escape).joined(separator: ",")) }
        for (key, value) in custom.sorted(by: { $0.key < $1.key }) { lines.append("X-CUSTOM;X-KEY=\(key):\(escape(value))") }
        lines.append("REV:" + Self.timestamp(rev))
        if let deletedAt { lines.append("X-DELETED-AT:" + Self.timestamp(deletedAt)) }
        lines.append("END:VCARD")
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// What a merged card says.
    init(reading card: VCard) {
        uid = card.first(named: "UID")?.textValue ?? ""
        fn = card.first(named: "FN")?.textValue ?? ""
        let name = card.first(named: "N")?.components ?? []
        familyName = name.first ?? ""
        givenName = name.count > 1 ? name[1] : ""
        title = card.first(named: "TITLE")?.textValue
        note = card.first(named: "NOTE")?.textValue
        for email in card.all(named: "EMAIL") {
            emails[email.textValue.lowercased()] = email.types.first { $0 != "internet" } ?? ""
        }
        for phone in card.all(named: "TEL") { phones[phone.textValue.filter(\.isWholeNumber)] = phone.types.first ?? "" }
        tags = card.all(named: "X-TAGS").flatMap(\.listValues).map { $0.lowercased() }
        for field in card.all(named: "X-CUSTOM") { custom[field.parameterValue("X-KEY") ?? ""] = field.textValue }
        func seconds(_ name: String) -> Int? {
            card.first(named: name).flatMap { VCardTimestamp(vCardText: $0.value) }.map { Int($0.secondsSince1970 - Self.epoch) }
        }
        deletedAt = seconds("X-DELETED-AT")
        rev = seconds("REV") ?? -1
    }

    init(uid: String, fn: String, rev: Int) {
        self.uid = uid
        self.fn = fn
        self.rev = rev
    }

    private func escape(_ text: String) -> String {
        VCardEscaping.escape(text, semicolons: false)
    }

    private func quotedPrintable(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var output: [UInt8] = []
        for byte in text.utf8 {
            if byte >= 0x80 || byte == 0x3D {
                output += [0x3D, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            } else {
                output.append(byte)
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}

// MARK: - The merge rules of SPEC §9, on the model

extension MergeModelCard {
    /// The card SPEC §9 says merging `ours` and `theirs` gives: a slot changed on
    /// one side takes that side; changed differently on both, the later `REV`
    /// (an edit beats a removal); tags merge as a set, the name's components one
    /// by one; `REV` is the later one.
    static func expectedMerge(base: MergeModelCard, ours: MergeModelCard, theirs: MergeModelCard) -> MergeModelCard {
        let oursLater = ours.rev > theirs.rev
        func slot<T: Equatable>(_ b: T?, _ o: T?, _ t: T?) -> T? {
            if o == t { return o }
            if o == b { return t }
            if t == b { return o }
            guard let o else { return t }
            guard let t else { return o }
            return oursLater ? o : t
        }
        func map(_ b: [String: String], _ o: [String: String], _ t: [String: String]) -> [String: String] {
            var result: [String: String] = [:]
            for key in Set(b.keys).union(o.keys).union(t.keys) { result[key] = slot(b[key], o[key], t[key]) }
            return result
        }
        var result = MergeModelCard(uid: slot(base.uid, ours.uid, theirs.uid) ?? "", fn: slot(base.fn, ours.fn, theirs.fn) ?? "",
                                    rev: max(ours.rev, theirs.rev))
        result.familyName = slot(base.familyName, ours.familyName, theirs.familyName) ?? ""
        result.givenName = slot(base.givenName, ours.givenName, theirs.givenName) ?? ""
        result.title = slot(base.title, ours.title, theirs.title)
        result.note = slot(base.note, ours.note, theirs.note)
        result.deletedAt = slot(base.deletedAt, ours.deletedAt, theirs.deletedAt)
        result.emails = map(base.emails, ours.emails, theirs.emails)
        result.phones = map(base.phones, ours.phones, theirs.phones)
        result.custom = map(base.custom, ours.custom, theirs.custom)
        if ours.tags == theirs.tags || theirs.tags == base.tags {
            result.tags = ours.tags
        } else if ours.tags == base.tags {
            result.tags = theirs.tags
        } else {
            result.tags = ours.tags.filter { !base.tags.contains($0) || theirs.tags.contains($0) }
            for tag in theirs.tags where !base.tags.contains(tag) && !result.tags.contains(tag) { result.tags.append(tag) }
        }
        return result
    }

    /// One random edit, as a user or Cardbox makes it; `side` makes new values unique.
    mutating func randomEdit(side: String, number: Int, using generator: inout SeededGenerator) {
        let unique = "\(side)\(number)"
        switch Int.random(in: 0..<16, using: &generator) {
        case 0: fn = "Name \(unique)"
        case 14: familyName = "Family; \(unique)"
        case 15: givenName = "Given \(unique)"
        case 1: title = Bool.random(using: &generator) ? "Title, \(unique)" : nil
        case 2: note = ["Note; \(unique)\nsecond line", "Café \(unique) ✓", "both"].randomElement(using: &generator)!
        case 3: note = nil
        case 4: emails["\(unique)@example.org"] = ["work", "home"].randomElement(using: &generator)!
        case 5: emails["shared@example.org"] = ["work", "home"].randomElement(using: &generator)!
        case 6: if let key = emails.keys.sorted().randomElement(using: &generator) { emails[key] = nil }
        case 7: if let key = emails.keys.sorted().randomElement(using: &generator) { emails[key] = emails[key] == "work" ? "home" : "work" }
        case 8: phones[String(Int.random(in: 100_000_000...999_999_999, using: &generator))] = "cell"
        case 9: if let key = phones.keys.sorted().randomElement(using: &generator) { phones[key] = nil }
        case 10: tags.append("tag-\(unique)")
        case 11: if !tags.isEmpty { tags.remove(at: Int.random(in: 0..<tags.count, using: &generator)) }
        case 12: custom[["tier", "k-\(unique)"].randomElement(using: &generator)!] = "value \(unique)"
        default: deletedAt = deletedAt == nil ? 50_000 + number : nil
        }
    }

    /// A random card to start from.
    static func random(number: Int, using generator: inout SeededGenerator) -> MergeModelCard {
        var card = MergeModelCard(uid: "urn:uuid:card-\(number)", fn: "Person \(number)", rev: 1_000)
        if Bool.random(using: &generator) { card.title = "Engineer" }
        if Bool.random(using: &generator) { card.note = "Met in Oslo, 2019; café" }
        for index in 0..<Int.random(in: 0...3, using: &generator) { card.emails["p\(number)-\(index)@example.org"] = "home" }
        for _ in 0..<Int.random(in: 0...2, using: &generator) {
            card.phones[String(Int.random(in: 100_000_000...999_999_999, using: &generator))] = "home"
        }
        card.tags = Array(["friends", "climbing", "work"].prefix(Int.random(in: 0...3, using: &generator)))
        if Bool.random(using: &generator) { card.custom["tier"] = "gold" }
        if Int.random(in: 0..<5, using: &generator) == 0 { card.deletedAt = 500 }
        return card
    }
}

/// One generated concurrent edit of a card: BASE, both sides' models and files.
struct MergeCase {
    let base: MergeModelCard
    let ours: MergeModelCard
    let theirs: MergeModelCard
    let baseText: String
    let oursText: String
    let theirsText: String

    /// A random card, edited one to four times on each side; a 2.1 card is
    /// kept as 2.1 or converted to 4.0 (as Cardbox does when it writes one) by each side.
    init(number: Int, using generator: inout SeededGenerator) {
        base = MergeModelCard.random(number: number, using: &generator)
        let legacy = Int.random(in: 0..<3, using: &generator) == 0
        var ours = base
        var theirs = base
        for edit in 0..<Int.random(in: 1...4, using: &generator) { ours.randomEdit(side: "ours", number: edit, using: &generator) }
        for edit in 0..<Int.random(in: 1...4, using: &generator) { theirs.randomEdit(side: "theirs", number: edit, using: &generator) }
        ours.rev = base.rev + Int.random(in: 1...500, using: &generator)
        theirs.rev = base.rev + 500 + Int.random(in: 1...500, using: &generator)
        if Bool.random(using: &generator) { swap(&ours.rev, &theirs.rev) }
        self.ours = ours
        self.theirs = theirs
        baseText = base.render(version21: legacy)
        func file(_ card: MergeModelCard, using generator: inout SeededGenerator) -> String {
            guard legacy, Bool.random(using: &generator) else { return card.render(version21: legacy) }
            let read = try! VCardReader.read(Array(card.render(version21: true).utf8))[0]
            return String(decoding: read.upgradedToVersion4().serialized(), as: UTF8.self)
        }
        oursText = file(ours, using: &generator)
        theirsText = file(theirs, using: &generator)
    }

    /// What the merged card must say (tags compared as a set: their order follows whichever side gives the layout).
    var expected: MergeModelCard {
        var expected = MergeModelCard.expectedMerge(base: base, ours: ours, theirs: theirs)
        expected.tags.sort()
        return expected
    }

    /// What a merged file says, in the form of ``expected``.
    static func reading(_ bytes: [UInt8]) throws -> MergeModelCard {
        let cards = try VCardReader.read(bytes)
        guard cards.count == 1 else { throw VCardReadError(line: 1, reason: "\(cards.count) cards") }
        var model = MergeModelCard(reading: cards[0])
        model.tags.sort()
        return model
    }

    /// Lines of OURS that neither side changed (the same bytes in all three files),
    /// which must be in the result byte for byte when OURS gives the layout.
    var untouchedLines: [String] {
        guard !oursText.contains("VERSION:2.1") else { return [] }
        let baseLines = Set(baseText.components(separatedBy: "\r\n"))
        let theirLines = Set(theirsText.components(separatedBy: "\r\n"))
        return oursText.components(separatedBy: "\r\n").filter {
            baseLines.contains($0) && theirLines.contains($0) && !$0.isEmpty && !$0.hasPrefix("REV:")
        }
    }
}
