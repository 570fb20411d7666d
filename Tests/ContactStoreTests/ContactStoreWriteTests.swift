import CardboxAPI
@testable import ContactStore
import JSON
import TestSupport
import Testing
import VCard

@Suite("Writing contacts: files, minimal diffs, events (SPEC §1.1, §2.3)")
struct ContactStoreWriteTests {
    static let ana = """
    {"display_name": "Ana García", "first_name": "Ana", "last_name": "García",
     "emails": [{"address": "ana@acme-labs.example", "label": "work", "primary": true}],
     "phones": [{"number": "+34612345678", "label": "mobile", "primary": true}],
     "company": "Acme Labs", "job_title": "Head of Partnerships", "tags": ["partnership"]}
    """

    @Test func createsTheReferenceExampleAsAVCard40File() throws {
        let fixture = try StoreFixture()
        let entry = try fixture.create(Self.ana)
        let id = entry.id
        #expect(id.count == 36 && id == id.lowercased())
        #expect(fixture.folder.value.fileNames == ["\(id).vcf"])
        let stamp = entry.contact.createdAt.vCardText
        #expect(fixture.file("\(id).vcf") == [
            "BEGIN:VCARD", "VERSION:4.0", "UID:urn:uuid:\(id)", "FN:Ana García", "N:García;Ana;;;",
            "EMAIL;TYPE=work;PREF=1:ana@acme-labs.example", "TEL;TYPE=cell;PREF=1:+34612345678", "ORG:Acme Labs",
            "TITLE:Head of Partnerships", "X-TAGS:partnership", "X-SOURCE:api", "CREATED:\(stamp)", "REV:\(stamp)", "END:VCARD", "",
        ].joined(separator: "\r\n"))
        #expect(entry.contact.emails == [Contact.Email(address: "ana@acme-labs.example", label: .work, primary: true)])
        #expect(entry.contact.source == "api")
        #expect(fixture.changes.all.map(\.kind) == [.created])
        #expect(fixture.changes.all.first?.origin == .api)
    }

    @Test func reserializingACreatedFileIsByteIdentical() throws {
        let fixture = try StoreFixture()
        let entry = try fixture.create(Self.ana)
        let bytes = try #require(fixture.folder.value.read(entry.fileName))
        let card = try #require(try VCardReader.read(bytes).first)
        #expect(card.serialized() == bytes)
        #expect(card.serializedFresh() == bytes)
    }

    @Test func patchChangesOnlyTheChangedLinesAndREV() throws {
        let fixture = try StoreFixture()
        let entry = try fixture.create(Self.ana)
        let before = fixture.file(entry.fileName).components(separatedBy: "\r\n")
        let outcome = try fixture.patch(entry.id, #"{"emails": [{"address": "ana@new.example", "label": "work", "primary": true}]}"#)
        let after = fixture.file(entry.fileName).components(separatedBy: "\r\n")
        #expect(after.count == before.count)
        let changed = zip(before, after).filter { $0 != $1 }.map(\.1)
        #expect(changed.allSatisfy { $0.hasPrefix("EMAIL") || $0.hasPrefix("REV:") })
        #expect(changed.contains("EMAIL;TYPE=work;PREF=1:ana@new.example"))
        #expect(outcome.change?.kind == .updated)
    }

    @Test func patchWithNoChangeDoesNotWrite() throws {
        let fixture = try StoreFixture()
        let entry = try fixture.create(Self.ana)
        let before = try #require(fixture.folder.value.read(entry.fileName))
        let outcome = try fixture.patch(entry.id, #"{"company": "Acme Labs", "tags": ["partnership"]}"#)
        #expect(outcome.change == nil)
        #expect(fixture.folder.value.read(entry.fileName) == before)
        #expect(fixture.changes.all.count == 1)
    }

    @Test func nullClearsAndListsAreReplacedWhole() throws {
        let fixture = try StoreFixture()
        let entry = try fixture.create(Self.ana)
        let outcome = try fixture.patch(entry.id, #"{"company": null, "phones": [], "tags": ["a", "b"], "notes": "x\ny"}"#)
        let contact = outcome.entry.contact
        #expect(contact.company == nil && contact.phones.isEmpty && contact.tags == ["a", "b"] && contact.notes == "x\ny")
        let text = fixture.file(entry.fileName)
        #expect(!text.contains("ORG:") && !text.contains("TEL") && text.contains("X-TAGS:a,b") && text.contains(#"NOTE:x\ny"#))
    }

    /// SPEC §1.3: any JSON value round-trips exactly through `X-CUSTOM`, numbers
    /// beyond Int64 and Double included (they are kept as their text).
    @Test func customFieldNumbersBeyondMachineLimitsRoundTripExactly() throws {
        let fixture = try StoreFixture()
        let huge = String(repeating: "9", count: 400)
        let body = #"{"display_name": "N", "custom_fields": {"a": 18446744073709551616, "b": 1e400, "c": -0, "d": 1e-400, "#
            + #""e": -9223372036854775809, "f": \#(huge), "g": [[[1.50]]], "h": "18446744073709551616"}}"#
        let entry = try fixture.create(body)
        let expected = try #require(JSONParser.parse(body).objectValue?["custom_fields"]?.objectValue)
        let fields = try #require(entry.contact.customFields)
        #expect(fields.map(\.key) == expected.keys)
        #expect(fields.map(\.value) == expected.members.map(\.value))
        #expect(fixture.file("\(entry.id).vcf").contains("X-CUSTOM;X-KEY=a:18446744073709551616\r\n"))
        #expect(fixture.file("\(entry.id).vcf").contains("X-CUSTOM;X-KEY=h:\"18446744073709551616\"\r\n"))
        let reloaded = ContactStore(directory: fixture.path)
        try reloaded.load()
        #expect(reloaded.entry(entry.id)?.contact.customFields == fields)
    }

    @Test func customFieldsMergeShallowlyAndRoundTripAnyJSON() throws {
        let fixture = try StoreFixture()
        let entry = try fixture.create(#"{"display_name": "C", "custom_fields": {"tier": "gold", "n": 1.50, "s": "42"}}"#)
        #expect(fixture.file(entry.fileName).contains("X-CUSTOM;X-KEY=tier:gold\r\n"))
        #expect(fixture.file(entry.fileName).contains("X-CUSTOM;X-KEY=s:\"42\"\r\n"))
        let patch = try ContactInput.customFields(JSONParser.parse(#"{"tier": null, "obj": {"a": [1, true, "x,y"]}, "n": 2}"#))
        let outcome = try fixture.store.updateCustomFields(id: entry.id, patch)
        let fields = try #require(outcome.entry.contact.customFields)
        #expect(fields.map(\.key) == ["n", "obj", "s"])
        #expect(fields.map(\.value) == [.number("2"), try JSONParser.parse(#"{"a":[1,true,"x,y"]}"#), .string("42")])
        // Reading the folder afresh gives the same values.
        let reloaded = ContactStore(directory: fixture.path)
        try reloaded.load()
        #expect(reloaded.entry(entry.id)?.contact.customFields == fields)
    }

    @Test func softDeleteRestoreAndPermanentDelete() throws {
        let fixture = try StoreFixture()
        let entry = try fixture.create(Self.ana)
        let deleted = try fixture.store.softDelete(id: entry.id)
        #expect(deleted.entry.contact.deletedAt != nil)
        #expect(fixture.file(entry.fileName).contains("X-DELETED-AT:"))
        #expect(throws: StoreError.notFound) { try fixture.store.softDelete(id: entry.id) }
        #expect(throws: StoreError.notFound) { try fixture.patch(entry.id, #"{"notes": "x"}"#) }
        let restored = try fixture.store.restore(id: entry.id)
        #expect(restored.entry.contact.deletedAt == nil)
        #expect(!fixture.file(entry.fileName).contains("X-DELETED-AT"))
        #expect(throws: StoreError.conflict("contact \(entry.id) is not deleted")) { try fixture.store.restore(id: entry.id) }
        _ = try fixture.store.softDelete(id: entry.id)
        let gone = try fixture.store.deletePermanently(id: entry.id)
        #expect(gone.permanent && gone.kind == .deleted)
        #expect(fixture.folder.value.fileNames.isEmpty)
        #expect(fixture.store.entry(entry.id) == nil)
        #expect(fixture.changes.all.map(\.kind) == [.created, .deleted, .restored, .deleted, .deleted])
        #expect(fixture.changes.all.map(\.permanent) == [false, false, false, false, true])
    }

    @Test func ifMatchGuardsWrites() throws {
        let fixture = try StoreFixture()
        let entry = try fixture.create(Self.ana)
        #expect(throws: StoreError.preconditionFailed) { try fixture.patch(entry.id, #"{"notes": "x"}"#, ifMatch: .oneOf(["\"0000000000000000\""])) }
        let outcome = try fixture.patch(entry.id, #"{"notes": "x"}"#, ifMatch: .oneOf([entry.etag]))
        #expect(outcome.entry.etag != entry.etag)
        #expect(throws: StoreError.preconditionFailed) { try fixture.store.softDelete(id: entry.id, ifMatch: .oneOf([entry.etag])) }
        #expect(try fixture.store.softDelete(id: entry.id, ifMatch: .any).entry.contact.isDeleted)
    }

    @Test func etagIsDerivedFromTheBytes() throws {
        let fixture = try StoreFixture()
        let entry = try fixture.create(Self.ana)
        let bytes = try #require(fixture.folder.value.read(entry.fileName))
        #expect(entry.etag == FileFingerprint(status: try FileSystemStatus.of(fixture.path + "/" + entry.fileName), bytes: bytes).etag)
        let reloaded = ContactStore(directory: fixture.path)
        try reloaded.load()
        #expect(reloaded.entry(entry.id)?.etag == entry.etag)
    }

    @Test func handEditMadeJustBeforeAPatchSurvives() throws {
        let fixture = try StoreFixture()
        let entry = try fixture.create(Self.ana)
        // Edit the job title by hand, then patch the notes through the store at once.
        let edited = fixture.file(entry.fileName).replacingOccurrences(of: "TITLE:Head of Partnerships", with: "TITLE:CEO")
        fixture.folder.value.write(entry.fileName, edited)
        let outcome = try fixture.patch(entry.id, #"{"notes": "met in Madrid"}"#)
        #expect(outcome.entry.contact.jobTitle == "CEO")
        #expect(outcome.entry.contact.notes == "met in Madrid")
        let text = fixture.file(entry.fileName)
        #expect(text.contains("TITLE:CEO") && text.contains("NOTE:met in Madrid"))
        // The hand edit was one event (origin file), the patch another (origin api).
        #expect(fixture.changes.all.map(\.origin) == [.api, .file, .api])
    }

    @Test func aFileThatTurnedInvalidIsNotOverwritten() throws {
        let fixture = try StoreFixture()
        let entry = try fixture.create(Self.ana)
        fixture.folder.value.write(entry.fileName, "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:half-saved")
        #expect(throws: StoreError.self) { try fixture.patch(entry.id, #"{"notes": "x"}"#) }
        #expect(fixture.file(entry.fileName) == "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:half-saved")
        #expect(fixture.store.entry(entry.id)?.contact.displayName == "Ana García")
        #expect(fixture.store.status().problems.map(\.file) == [entry.fileName])
    }

    @Test func aDeletedFileAnswersNotFound() throws {
        let fixture = try StoreFixture()
        let entry = try fixture.create(Self.ana)
        try FileManagerRemove(fixture.path + "/" + entry.fileName)
        #expect(throws: StoreError.notFound) { try fixture.patch(entry.id, #"{"notes": "x"}"#) }
        #expect(fixture.store.entry(entry.id) == nil)
        #expect(fixture.changes.all.last?.permanent == true)
    }
}

@Suite("Status warnings")
struct StoreStatusTests {
    @Test func duplicateUIDsAreWarnedWhetherCanonicalOrNot() throws {
        let fixture = try StoreFixture(files: [
            "abc.vcf": sampleCard(fn: "Canonical", uid: "urn:uuid:abc"),
            "copy.vcf": sampleCard(fn: "Copy", uid: "urn:uuid:abc"),
            "x1.vcf": sampleCard(fn: "X1", uid: "shared-uid"),
            "x2.vcf": sampleCard(fn: "X2", uid: "shared-uid"),
            "own.vcf": sampleCard(fn: "Own", uid: "urn:uuid:own"),
            "none.vcf": sampleCard(fn: "None"),
        ])
        let warnings = fixture.store.status().warnings
        #expect(warnings.map(\.file) == ["abc.vcf", "copy.vcf", "x1.vcf", "x2.vcf"])
        #expect(warnings.first?.reason == "duplicate UID urn:uuid:abc (also in copy.vcf)")
    }
}
