import TestSupport
import Testing
@testable import VCard

/// Merges three cards given as text and returns the result as text, after
/// checking that it reads back as exactly one card.
private func merged(_ base: String, _ ours: String, _ theirs: String) throws -> String {
    let bytes = try VCardMerge.merge(base: Array(base.utf8), ours: Array(ours.utf8), theirs: Array(theirs.utf8))
    let cards = try VCardReader.read(bytes)
    #expect(cards.count == 1)
    return String(decoding: bytes, as: UTF8.self)
}

/// A 4.0 card: the given lines between `BEGIN`/`VERSION` and `END`, CRLF.
private func card(_ lines: String...) -> String {
    (["BEGIN:VCARD", "VERSION:4.0"] + lines + ["END:VCARD"]).joined(separator: "\r\n") + "\r\n"
}

@Suite("Three-way merge of a contact card (SPEC §9)")
struct VCardMergeTests {
    @Test func changesToDifferentPropertiesAreBothKeptAndUntouchedLinesStayAsTheyWere() throws {
        let base = card("UID:1", "FN:Ann Lee", "TITLE:Engineer", "NOTE:hello", "REV:20260101T000000Z")
        let ours = card("UID:1", "FN:Ann B. Lee", "TITLE:Engineer", "NOTE:hello", "REV:20260102T000000Z")
        let theirs = card("UID:1", "FN:Ann Lee", "TITLE:Engineer", "NOTE:hello world", "REV:20260103T000000Z")
        #expect(try merged(base, ours, theirs)
            == card("UID:1", "FN:Ann B. Lee", "TITLE:Engineer", "NOTE:hello world", "REV:20260103T000000Z"))
    }

    @Test func theSameSingleValueChangedOnBothSidesTakesTheSideWithTheLaterRevision() throws {
        let base = card("FN:Ann", "REV:20260101T000000Z")
        let oursLater = card("FN:Ann Ours", "REV:20260105T000000Z")
        let theirsEarlier = card("FN:Ann Theirs", "REV:20260102T000000Z")
        #expect(try merged(base, oursLater, theirsEarlier) == card("FN:Ann Ours", "REV:20260105T000000Z"))
        #expect(try merged(base, theirsEarlier, oursLater) == card("FN:Ann Ours", "REV:20260105T000000Z"))
    }

    @Test func conflictingValuesWithTheSameRevisionGiveTheSameCardWhicheverSideIsOurs() throws {
        let base = card("FN:Ann", "ORG:Acme", "REV:20260101T000000Z")
        let left = card("FN:Ann Left", "ORG:Acme", "REV:20260102T000000Z")
        let right = card("FN:Ann Right", "ORG:Acme", "REV:20260102T000000Z")
        #expect(try merged(base, left, right) == merged(base, right, left))
    }

    @Test func theSameChangeOnBothSidesIsTakenOnce() throws {
        let base = card("FN:Ann", "REV:20260101T000000Z")
        let ours = card("FN:Ann", "EMAIL:ann@example.com", "NOTE:met in Oslo", "REV:20260102T000000Z")
        let theirs = card("FN:Ann", "EMAIL:Ann@Example.com", "NOTE:met in Oslo", "REV:20260103T000000Z")
        // One email (the spelling of the side with the later REV), one note.
        #expect(try merged(base, ours, theirs)
            == card("FN:Ann", "EMAIL:Ann@Example.com", "NOTE:met in Oslo", "REV:20260103T000000Z"))
    }

    @Test func emailsAndPhonesAddedOnBothSidesAreAllKept() throws {
        let base = card("FN:Ann", "EMAIL:a@x.org", "TEL:+1 555 0100")
        let ours = card("FN:Ann", "EMAIL:a@x.org", "EMAIL;TYPE=work:ann@work.org", "TEL:+1 555 0100")
        let theirs = card("FN:Ann", "EMAIL:a@x.org", "TEL:+1 555 0100", "TEL;TYPE=cell:+1 555 0199", "EMAIL:ann@home.org")
        #expect(try merged(base, ours, theirs) == card(
            "FN:Ann", "EMAIL:a@x.org", "EMAIL;TYPE=work:ann@work.org", "EMAIL:ann@home.org", "TEL:+1 555 0100",
            "TEL;TYPE=cell:+1 555 0199"))
    }

    @Test func theSamePhoneNumberWrittenDifferentlyOnBothSidesIsKeptOnce() throws {
        let base = card("FN:Ann")
        let ours = card("FN:Ann", "TEL:+1 (555) 0100")
        let theirs = card("FN:Ann", "TEL:+15550100")
        let result = try merged(base, ours, theirs)
        #expect(result.components(separatedBy: "TEL").count == 2)
    }

    @Test func anEntryRemovedOnOneSideAndAnotherAddedOnTheOtherGivesBoth() throws {
        let base = card("FN:Ann", "EMAIL:old@x.org", "EMAIL:keep@x.org")
        let ours = card("FN:Ann", "EMAIL:keep@x.org")
        let theirs = card("FN:Ann", "EMAIL:old@x.org", "EMAIL:keep@x.org", "EMAIL:new@x.org")
        #expect(try merged(base, ours, theirs) == card("FN:Ann", "EMAIL:keep@x.org", "EMAIL:new@x.org"))
    }

    @Test func anEntryEditedOnOneSideAndRemovedOnTheOtherKeepsTheEdit() throws {
        let base = card("FN:Ann", "EMAIL:a@x.org", "REV:20260101T000000Z")
        let ours = card("FN:Ann", "REV:20260105T000000Z")
        let theirs = card("FN:Ann", "EMAIL;TYPE=work:a@x.org", "REV:20260102T000000Z")
        #expect(try merged(base, ours, theirs) == card("FN:Ann", "EMAIL;TYPE=work:a@x.org", "REV:20260105T000000Z"))
    }

    @Test func aSingleValueDeletedOnOneSideAndEditedOnTheOtherKeepsTheEdit() throws {
        let base = card("FN:Ann", "NOTE:old", "REV:20260101T000000Z")
        let ours = card("FN:Ann", "NOTE:new", "REV:20260102T000000Z")
        let theirs = card("FN:Ann", "REV:20260105T000000Z")
        #expect(try merged(base, ours, theirs) == card("FN:Ann", "NOTE:new", "REV:20260105T000000Z"))
    }

    @Test func tagsAddedAndRemovedOnBothSidesMergeAsASet() throws {
        let base = card("FN:Ann", "X-TAGS:old,friends", "REV:20260101T000000Z")
        let ours = card("FN:Ann", "X-TAGS:old,friends,climbing", "REV:20260102T000000Z")
        let theirs = card("FN:Ann", "X-TAGS:Friends,work", "REV:20260103T000000Z")
        #expect(try merged(base, ours, theirs) == card("FN:Ann", "X-TAGS:friends,climbing,work", "REV:20260103T000000Z"))
    }

    @Test func customFieldsMergeByKey() throws {
        let base = card("FN:Ann", "X-CUSTOM;X-KEY=tier:gold", "REV:20260101T000000Z")
        let ours = card("FN:Ann", "X-CUSTOM;X-KEY=tier:silver", "X-CUSTOM;X-KEY=a:1", "REV:20260103T000000Z")
        let theirs = card("FN:Ann", "X-CUSTOM;X-KEY=b:2", "X-CUSTOM;X-KEY=tier:bronze", "REV:20260102T000000Z")
        #expect(try merged(base, ours, theirs) == card(
            "FN:Ann", "X-CUSTOM;X-KEY=tier:silver", "X-CUSTOM;X-KEY=a:1", "X-CUSTOM;X-KEY=b:2", "REV:20260103T000000Z"))
    }

    @Test func aSoftDeleteOnOneSideAndEditsOnTheOtherGiveATrashedContactWithTheEdits() throws {
        let base = card("UID:1", "FN:Ann", "EMAIL:a@x.org", "REV:20260101T000000Z")
        let ours = card("UID:1", "FN:Ann", "EMAIL:a@x.org", "REV:20260102T000000Z", "X-DELETED-AT:20260102T000000Z")
        let theirs = card("UID:1", "FN:Ann Lee", "EMAIL:a@x.org", "TEL:+1 555 0100", "REV:20260103T000000Z")
        let expected = card("UID:1", "FN:Ann Lee", "EMAIL:a@x.org", "TEL:+1 555 0100", "REV:20260103T000000Z",
                            "X-DELETED-AT:20260102T000000Z")
        #expect(try merged(base, ours, theirs) == expected)
        #expect(try merged(base, theirs, ours) == expected)
    }

    @Test func aRestoreOnOneSideAndEditsOnTheOtherGiveARestoredContactWithTheEdits() throws {
        let base = card("FN:Ann", "REV:20260101T000000Z", "X-DELETED-AT:20260101T000000Z")
        let ours = card("FN:Ann", "REV:20260102T000000Z")
        let theirs = card("FN:Ann", "NOTE:still here", "REV:20260103T000000Z", "X-DELETED-AT:20260101T000000Z")
        #expect(try merged(base, ours, theirs) == card("FN:Ann", "NOTE:still here", "REV:20260103T000000Z"))
    }

    @Test func oursConvertedFrom21ToVersion4KeepsTheirEditsToThe21Card() throws {
        let base = crlf("BEGIN:VCARD", "VERSION:2.1", "N:Lee;Ann;;;", "FN:Ann Lee", "TEL;CELL:+1 555 0100",
                        "NOTE;ENCODING=QUOTED-PRINTABLE:caf=C3=A9", "END:VCARD")
        let ours = card("N:Lee;Ann;;;", "FN:Ann Lee", "TEL;TYPE=cell:+1 555 0100", "NOTE:café", "EMAIL:ann@x.org",
                        "REV:20260102T000000Z")
        let theirs = crlf("BEGIN:VCARD", "VERSION:2.1", "N:Lee;Ann;;;", "FN:Ann B. Lee", "TEL;CELL:+1 555 0100",
                          "TEL;HOME:+1 555 0111", "NOTE;ENCODING=QUOTED-PRINTABLE:caf=C3=A9", "END:VCARD")
        #expect(try merged(base, ours, theirs) == card(
            "N:Lee;Ann;;;", "FN:Ann B. Lee", "TEL;TYPE=cell:+1 555 0100", "TEL;TYPE=home:+1 555 0111", "NOTE:café",
            "EMAIL:ann@x.org", "REV:20260102T000000Z"))
    }

    @Test func theirsConvertedFrom21ToVersion4GivesThe4CardWithOurEdits() throws {
        let base = crlf("BEGIN:VCARD", "VERSION:2.1", "FN:Ann Lee", "EMAIL;INTERNET:ann@x.org", "END:VCARD")
        let ours = crlf("BEGIN:VCARD", "VERSION:2.1", "FN:Ann Lee", "EMAIL;INTERNET:ann@x.org",
                        "NOTE;ENCODING=QUOTED-PRINTABLE:line=0D=0Aone", "END:VCARD")
        let theirs = card("FN:Ann Lee", "EMAIL;TYPE=internet:ann@x.org", "TITLE:Chef", "REV:20260102T000000Z")
        #expect(try merged(base, ours, theirs) == card(
            "FN:Ann Lee", "EMAIL;TYPE=internet:ann@x.org", #"NOTE:line\none"#, "TITLE:Chef", "REV:20260102T000000Z"))
    }

    @Test func bothSidesOn21AreMergedAsVersion4() throws {
        let base = crlf("BEGIN:VCARD", "VERSION:2.1", "FN:Ann", "END:VCARD")
        let ours = crlf("BEGIN:VCARD", "VERSION:2.1", "FN:Ann", "TEL;CELL:123", "END:VCARD")
        let theirs = crlf("BEGIN:VCARD", "VERSION:2.1", "FN:Ann", "EMAIL;INTERNET:a@x.org", "END:VCARD")
        #expect(try merged(base, ours, theirs) == card("FN:Ann", "EMAIL;TYPE=internet:a@x.org", "TEL;TYPE=cell:123"))
    }

    @Test func aBigPhotoUnchangedOnOneSideKeepsItsBytesAndAChangedOneIsTaken() throws {
        let oldPhoto = String(repeating: "QUJD", count: 20_000)
        let newPhoto = String(repeating: "WFla", count: 20_000)
        // OURS's photo is folded at 74 octets with tabs, as some other tool wrote it.
        let foldedOld = "PHOTO:data:image/jpeg;base64," + oldPhoto
        var oursPhoto = String(foldedOld.prefix(74))
        var rest = Substring(foldedOld.dropFirst(74))
        while !rest.isEmpty {
            oursPhoto += "\r\n\t" + rest.prefix(60)
            rest = rest.dropFirst(60)
        }
        let base = card("FN:Ann", "PHOTO:data:image/jpeg;base64," + oldPhoto, "REV:20260101T000000Z")
        let ours = card("FN:Ann Lee", oursPhoto, "REV:20260102T000000Z")
        let theirsSame = card("FN:Ann", "PHOTO:data:image/jpeg;base64," + oldPhoto, "NOTE:x", "REV:20260103T000000Z")
        #expect(try merged(base, ours, theirsSame) == card("FN:Ann Lee", oursPhoto, "NOTE:x", "REV:20260103T000000Z"))

        let theirsNew = card("FN:Ann", "PHOTO:data:image/jpeg;base64," + newPhoto, "REV:20260103T000000Z")
        let result = try merged(base, ours, theirsNew)
        let photo = try #require(try readOne(result).first(named: "PHOTO"))
        #expect(photo.base64Payload.map(String.init) == newPhoto)
        #expect(result.hasPrefix(card("FN:Ann Lee").replacingOccurrences(of: "END:VCARD\r\n", with: "")))
        #expect(!result.contains(oldPhoto.prefix(100)))
    }

    @Test func propertiesTheirsAddsAreInsertedAfterTheirNeighbourWithTheirGroupMates() throws {
        let base = card("FN:Ann", "EMAIL:a@x.org", "NOTE:n")
        let ours = card("FN:Ann", "EMAIL:a@x.org", "NOTE:n", "TITLE:Chef")
        let theirs = card("FN:Ann", "EMAIL:a@x.org", "item1.EMAIL:b@x.org", "item1.X-ABLabel:_$!<Other>!$_", "NOTE:n")
        #expect(try merged(base, ours, theirs)
            == card("FN:Ann", "EMAIL:a@x.org", "item1.EMAIL:b@x.org", "item1.X-ABLabel:_$!<Other>!$_", "NOTE:n", "TITLE:Chef"))
    }

    @Test func untouchedLinesKeepOursBytesWhenTheirsRewroteThemWithTheSameMeaning() throws {
        let base = card("FN:Ann\\, Lee", "TEL;TYPE=CELL,VOICE:+1 555 0100", "NOTE:n")
        let ours = card("FN:Ann\\, Lee", "TEL;TYPE=CELL,VOICE:+1 555 0100", "NOTE:n", "TITLE:Chef")
        let theirs = card("fn:Ann\\, Lee", "TEL;TYPE=voice;TYPE=cell:+1 555 0100", "NOTE:changed")
        #expect(try merged(base, ours, theirs) == card("FN:Ann\\, Lee", "TEL;TYPE=CELL,VOICE:+1 555 0100", "NOTE:changed", "TITLE:Chef"))
    }

    @Test func freshLinesUseTheLineEndingOfOursAndLongOnesAreFolded() throws {
        let base = "BEGIN:VCARD\nVERSION:4.0\nFN:Ann\nEND:VCARD\n"
        let ours = "BEGIN:VCARD\nVERSION:4.0\nFN:Ann\nTITLE:Chef\nEND:VCARD\n"
        let note = String(repeating: "long note ", count: 20)
        let theirs = crlf("BEGIN:VCARD", "VERSION:4.0", "FN:Ann", "NOTE:" + note, "END:VCARD")
        let result = try merged(base, ours, theirs)
        #expect(!result.contains("\r"))
        #expect(result.hasPrefix("BEGIN:VCARD\nVERSION:4.0\nFN:Ann\nNOTE:long note"))
        #expect(result.split(separator: "\n").allSatisfy { $0.utf8.count <= 75 })
        #expect(try readOne(result).first(named: "NOTE")?.textValue == note)
    }

    @Test func aCardAddedOnBothSidesWithAnEmptyBaseMergesBothVersions() throws {
        let ours = card("UID:1", "FN:Ann", "EMAIL:a@x.org", "REV:20260102T000000Z")
        let theirs = card("UID:1", "FN:Ann Lee", "TEL:123", "REV:20260101T000000Z")
        #expect(try merged("", ours, theirs) == card("UID:1", "FN:Ann", "TEL:123", "EMAIL:a@x.org", "REV:20260102T000000Z"))
    }

    @Test func aSideThatIsNotOneCardIsReportedAndNothingIsMerged() throws {
        let good = card("FN:Ann")
        #expect(throws: VCardMergeError(side: .theirs, line: 1, reason: "not a vCard (expected BEGIN:VCARD)")) {
            _ = try VCardMerge.merge(base: Array(good.utf8), ours: Array(good.utf8), theirs: Array("<<<<<<< HEAD\n".utf8))
        }
        do {
            _ = try VCardMerge.merge(base: Array(good.utf8), ours: Array((good + good).utf8), theirs: Array(good.utf8))
            Issue.record("two cards in OURS were merged")
        } catch {
            #expect(error.side == .ours)
            #expect(error.reason == "2 cards in one file")
        }
    }
}

@Suite("Three-way merge of grouped properties")
struct VCardMergeGroupTests {
    @Test func groupsOfTheSameNameAddedOnBothSidesStayTwoGroups() throws {
        let base = card("FN:Ann", "item1.EMAIL:a@x.org", "item1.X-ABLabel:Home")
        let ours = card("FN:Ann", "item1.EMAIL:a@x.org", "item1.X-ABLabel:Home", "item2.EMAIL:b@x.org", "item2.X-ABLabel:Work")
        let theirs = card("FN:Ann", "item1.EMAIL:a@x.org", "item1.X-ABLabel:Home", "item2.URL:https://x.org", "item2.X-ABLabel:Blog")
        #expect(try merged(base, ours, theirs) == card(
            "FN:Ann", "item1.EMAIL:a@x.org", "item1.X-ABLabel:Home", "item3.URL:https://x.org", "item3.X-ABLabel:Blog",
            "item2.EMAIL:b@x.org", "item2.X-ABLabel:Work"))
    }

    @Test func theSameGroupAddedOnBothSidesIsKeptOnce() throws {
        let base = card("FN:Ann")
        let ours = card("FN:Ann", "item1.EMAIL:b@x.org", "item1.X-ABLabel:Work", "NOTE:n")
        let theirs = card("FN:Ann", "item1.EMAIL:b@x.org", "item1.X-ABLabel:Work", "TITLE:t")
        #expect(try merged(base, ours, theirs) == card("FN:Ann", "item1.EMAIL:b@x.org", "item1.X-ABLabel:Work", "TITLE:t", "NOTE:n"))
    }
}

/// The contents of a card's properties (`VERSION` left out), as a sorted list.
private func contents(_ card: VCard) -> [String] {
    card.properties.filter { !$0.hasName("VERSION") }.map(SlotKeys.content).sorted()
}

@Suite("Three-way merge of real-world cards")
struct VCardMergeFixtureTests {
    @Test func aChangeOnOneSideOnlyGivesThatSideForEveryPairOfFixtureCards() throws {
        // The multi-megabyte photo is left out to keep the 1,400 pairs quick; the photo tests cover photos.
        let cards = fixtureFiles("valid").map(\.bytes).filter { $0.count < 1_000_000 }
        #expect(cards.count > 30)
        for (first, a) in cards.enumerated() {
            for (second, b) in cards.enumerated() {
                // OURS changed, THEIRS did not: OURS's bytes exactly (a 2.1 OURS comes out converted to 4.0).
                let oursOnly = try VCardMerge.merge(base: a, ours: b, theirs: a)
                let cardB = try VCardReader.read(b)[0]
                if VCardMerge.isLegacy(cardB) {
                    #expect(contents(try VCardReader.read(oursOnly)[0]) == contents(cardB.upgradedToVersion4()), "\(first), \(second)")
                } else {
                    #expect(oursOnly == b, "\(first), \(second)")
                }
                // THEIRS changed, OURS did not: THEIRS's contents.
                let theirsOnly = try VCardReader.read(try VCardMerge.merge(base: a, ours: a, theirs: b))
                #expect(theirsOnly.count == 1)
                let expected = VCardMerge.isLegacy(cardB) ? cardB.upgradedToVersion4() : cardB
                #expect(contents(theirsOnly[0]) == contents(expected), "\(first), \(second)")
            }
        }
    }
}

@Suite("Three-way merge of mangled cards")
struct VCardMergeMangledTests {
    /// `bytes` with a few lines deleted, duplicated, swapped or with bytes changed
    /// (mostly not the `BEGIN` and `END` lines, so that most results are still cards).
    private static func mangled(_ bytes: [UInt8], using generator: inout SeededGenerator) -> [UInt8] {
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        for _ in 0..<Int.random(in: 1...4, using: &generator) where lines.count > 4 {
            let whole = Int.random(in: 0..<20, using: &generator) == 0
            let index = whole ? Int.random(in: 0..<lines.count, using: &generator) : Int.random(in: 1..<lines.count - 2, using: &generator)
            switch Int.random(in: 0..<4, using: &generator) {
            case 0: lines.remove(at: index)
            case 1: lines.insert(lines[index], at: index)
            case 2: lines.swapAt(index, Int.random(in: 1..<lines.count - 2, using: &generator))
            default:
                guard !lines[index].isEmpty else { continue }
                lines[index][Int.random(in: 0..<lines[index].count, using: &generator)] = [0x3A, 0x3B, 0x2C, 0x5C, 0x20, 0x41, 0xC3, 0x3D]
                    .randomElement(using: &generator)!
            }
        }
        return Array(lines.joined(separator: [0x0A]))
    }

    @Test func everyMergeGivesOneReadableCardOrReportsTheUnreadableSide() throws {
        let cards = fixtureFiles("valid").map(\.bytes).filter { $0.count < 20_000 }
        var generator = SeededGenerator(seed: 7)
        var merged = 0
        for _ in 0..<3_000 {
            let source = cards.randomElement(using: &generator)!
            let base = Self.mangled(source, using: &generator)
            let ours = Self.mangled(base, using: &generator)
            let theirs = Self.mangled(base, using: &generator)
            do {
                let result = try VCardMerge.merge(base: base, ours: ours, theirs: theirs)
                #expect(try VCardReader.read(result).count == 1)
                merged += 1
            } catch let error as VCardMergeError {
                #expect(error.line >= 1)
            }
        }
        #expect(merged > 1_000)
    }
}

@Suite("Three-way merge of names and organizations")
struct VCardMergeComponentTests {
    @Test func aGivenNameChangedOnOneSideAndAFamilyNameOnTheOtherAreBothKept() throws {
        let base = card("N:Lee;Ann;;;", "ORG:Acme;Sales", "REV:20260101T000000Z")
        let ours = card("N:Lee;Anna;;;", "ORG:Acme;Marketing", "REV:20260102T000000Z")
        let theirs = card("N:Lee-Smith;Ann;;;", "ORG:Acme Inc;Sales", "REV:20260103T000000Z")
        #expect(try merged(base, ours, theirs) == card("N:Lee-Smith;Anna;;;", "ORG:Acme Inc;Marketing", "REV:20260103T000000Z"))
    }

    @Test func theSameComponentChangedOnBothSidesTakesTheLaterRevision() throws {
        let base = card("N:Lee;Ann;;;", "REV:20260101T000000Z")
        let ours = card("N:Lee;Anna;;;", "REV:20260102T000000Z")
        let theirs = card("N:Lee;Annie;;Dr.;", "REV:20260103T000000Z")
        #expect(try merged(base, ours, theirs) == card("N:Lee;Annie;;Dr.;", "REV:20260103T000000Z"))
        #expect(try merged(base, theirs, ours) == card("N:Lee;Annie;;Dr.;", "REV:20260103T000000Z"))
    }
}
