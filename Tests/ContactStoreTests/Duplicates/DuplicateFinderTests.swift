import CardboxAPI
@testable import ContactStore
import Foundation
import JSON
import TestSupport
import Testing

/// The folder `fixtures/duplicates`.
func duplicateFixturesPath() -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("fixtures/duplicates").path
}

@Suite("Duplicate groups")
struct DuplicateFinderTests {
    /// The fixtures loaded into a store, with their ids by file name.
    static func fixtureStore() throws -> (ContactStore, [String: String]) {
        let store = ContactStore(directory: duplicateFixturesPath())
        try store.load()
        var ids: [String: String] = [:]
        for entry in store.read({ $0.entries }) { ids[entry.fileName] = entry.id }
        return (store, ids)
    }

    @Test("One person exported by an iPhone, Google, Outlook and by hand is one group")
    func realisticExports() throws {
        let (store, ids) = try Self.fixtureStore()
        let groups = DuplicateFinder().groups(in: store)
        try #require(groups.count == 1)
        let ana = ["iphone-3.0-ana.vcf", "google-export-ana.vcf", "outlook-2.1-ana.vcf", "handwritten-4.0-ana.vcf"].map { ids[$0]! }
        #expect(groups[0].ids == ana.sorted())
        #expect(groups[0].scorePercent >= 90)
        #expect(groups[0].reasons.contains("same email ana@acme.example"))
        #expect(groups[0].reasons.contains("same phone +34612345678"))
        #expect(groups[0].reasons.contains("same name"))
    }

    @Test("A shared office line between different names scores below the group threshold and says so")
    func sharedOfficeLine() throws {
        let (store, ids) = try Self.fixtureStore()
        let bruno = DuplicateFeatures(entry: store.entry(ids["near-miss-office-line-bruno.vcf"]!)!, defaultCountry: nil)
        let carla = DuplicateFeatures(entry: store.entry(ids["near-miss-office-line-carla.vcf"]!)!, defaultCountry: nil)
        let evidence = try #require(DuplicateEvidence.between(bruno, carla))
        #expect(evidence.score < DuplicateEvidence.groupThreshold)
        #expect(evidence.reasons == ["same phone +34910000000 (different names: a shared line?)", "same company"])
    }

    @Test("Same first name and company, or same company only, is no evidence of one person")
    func nearMisses() throws {
        let (store, ids) = try Self.fixtureStore()
        let features = { (file: String) in DuplicateFeatures(entry: store.entry(ids[file]!)!, defaultCountry: nil) }
        let lopez = features("near-miss-same-first-name-and-company.vcf")
        #expect(DuplicateEvidence.between(lopez, features("iphone-3.0-ana.vcf")) == nil)
        #expect(DuplicateEvidence.between(features("near-miss-same-company-only.vcf"), lopez) == nil)
    }

    @Test("Groups follow creates, edits, soft deletes and restores")
    func incrementalUpdates() throws {
        let folder = TemporaryFolderBox()
        let finder = DuplicateFinder(defaultCountry: CallingCountry.named("ES"))
        let store = ContactStore(directory: folder.value.path, changes: StoreChangeFanOut([finder]))
        try store.load()
        let create = { (json: String) in try store.create(ContactInput.creation(JSONParser.parse(json))).entry.id }
        let first = try create(#"{"display_name": "Ana García", "phones": [{"number": "612 345 678"}]}"#)
        #expect(finder.groups(in: store).isEmpty)
        let second = try create(#"{"display_name": "García, Ana", "phones": [{"number": "+34 612 34 56 78"}]}"#)
        #expect(finder.groups(in: store).map(\.ids) == [[first, second].sorted()])
        #expect(finder.groups(in: store)[0].reasons == ["same phone +34612345678", "same name"])
        _ = try store.update(id: second, ContactInput.update(JSONParser.parse(#"{"display_name": "Bruno Díaz", "phones": []}"#)))
        #expect(finder.groups(in: store).isEmpty)
        _ = try store.update(id: second, ContactInput.update(JSONParser.parse(#"{"display_name": "A. García", "emails": []}"#)))
        _ = try store.update(id: first, ContactInput.update(JSONParser.parse(#"{"emails": [{"address": "ana@acme.example"}]}"#)))
        let third = try create(#"{"display_name": "Ana Garcia", "emails": [{"address": "ANA@acme.example"}]}"#)
        #expect(finder.groups(in: store).map(\.ids) == [[first, third].sorted()])
        _ = try store.softDelete(id: third)
        #expect(finder.groups(in: store).isEmpty)
        _ = try store.restore(id: third)
        #expect(finder.groups(in: store).map(\.ids) == [[first, third].sorted()])
        _ = try store.deletePermanently(id: first)
        #expect(finder.groups(in: store).isEmpty)
    }

    @Test("Groups are transitive where evidence links them")
    func transitiveGroups() throws {
        let folder = TemporaryFolderBox()
        let store = ContactStore(directory: folder.value.path)
        try store.load()
        let ids = try [
            #"{"display_name": "Ana García", "emails": [{"address": "ana@one.example"}]}"#,
            #"{"display_name": "Ana G.", "emails": [{"address": "ana@one.example"}], "phones": [{"number": "+34 612 345 678"}]}"#,
            #"{"display_name": "Ana Garcia Ruiz", "phones": [{"number": "0034612345678"}]}"#,
            #"{"display_name": "Bruno Díaz", "emails": [{"address": "bruno@one.example"}]}"#,
        ].map { try store.create(ContactInput.creation(JSONParser.parse($0))).entry.id }
        #expect(DuplicateFinder().groups(in: store).map(\.ids) == [ids.prefix(3).sorted()])
    }

    @Test("A name-only card joins its namesake until a third contact has that name, and the groups match a fresh build")
    func namesakesFollowChanges() throws {
        let folder = TemporaryFolderBox()
        let finder = DuplicateFinder()
        let store = ContactStore(directory: folder.value.path, changes: StoreChangeFanOut([finder]))
        try store.load()
        let create = { (json: String) in try store.create(ContactInput.creation(JSONParser.parse(json))).entry.id }
        let first = try create(#"{"display_name": "Søren Schröder", "emails": [{"address": "soren@one.example"}]}"#)
        let nameOnly = try create(#"{"display_name": "SOREN SCHRODER"}"#)
        #expect(finder.groups(in: store).map(\.ids) == [[first, nameOnly].sorted()])
        let third = try create(#"{"display_name": "Søren Schröder", "emails": [{"address": "soren@two.example"}]}"#)
        #expect(finder.groups(in: store).isEmpty)
        #expect(DuplicateFinder().groups(in: store).isEmpty)
        _ = try store.deletePermanently(id: third)
        #expect(finder.groups(in: store).map(\.ids) == [[first, nameOnly].sorted()])
        #expect(finder.groups(in: store) == DuplicateFinder().groups(in: store))
    }
}
