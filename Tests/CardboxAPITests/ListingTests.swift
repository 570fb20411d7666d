import Foundation
import HTTPTestSupport
import JSON
import Testing

@Suite("Pagination, sorting and filters over a few hundred contacts")
struct ListingTests {
    static let names = ["Ángel Ruiz", "ana lópez", "Zoë Müller", "bob", "Émile Zola", "Øystein", "李伟", "Anna", "anna", "Bob"]

    /// A server with 300 contacts created through the store (fast), names with ties and accents.
    func populated() throws -> APITestServer {
        let server = try APITestServer()
        for index in 0..<300 {
            let name = Self.names[index % Self.names.count]
            let company = index % 4 == 0 ? "null" : "\"Company \(index % 7)\""
            try server.create(#"{"display_name": "\#(name)", "company": \#(company), "tags": ["t\#(index % 3)"], "phones": [{"number": "+34 600 \#(String(format: "%03d", index))"}]}"#)
        }
        return server
    }

    func page(_ server: APITestServer, _ query: String) throws -> (names: [String], ids: [String], total: Int) {
        let response = try server.get("/api/v1/contacts?" + query)
        #expect(response.status == 200, "\(query): \(response.text)")
        let object = try #require(response.json.objectValue)
        let items = object["data"]?.arrayValue?.compactMap(\.objectValue) ?? []
        let total = Int(object["meta"]?.objectValue?["total"].flatMap { if case .number(let text) = $0 { return text } else { return nil } } ?? "") ?? -1
        return (items.compactMap { $0["display_name"]?.stringValue }, items.compactMap { $0["id"]?.stringValue }, total)
    }

    @Test func pagesAreStableAndCoverEverythingOnce() throws {
        let server = try populated()
        for (sort, order) in [("display_name", "asc"), ("display_name", "desc"), ("company", "asc"), ("company", "desc"), ("created_at", "desc")] {
            var ids: [String] = []
            var offset = 0
            while true {
                let result = try page(server, "sort=\(sort)&order=\(order)&limit=37&offset=\(offset)")
                #expect(result.total == 300)
                ids += result.ids
                if result.ids.count < 37 { break }
                offset += 37
            }
            #expect(ids.count == 300 && Set(ids).count == 300, "\(sort) \(order)")
            let all = try page(server, "sort=\(sort)&order=\(order)&limit=1000")
            #expect(all.ids == ids, "pages differ from one big page for \(sort) \(order)")
        }
    }

    @Test func sortingIsAccentAndCaseInsensitiveWithNullsLast() throws {
        let server = try populated()
        let names = try page(server, "limit=1000").names
        let firstLetters = names.map { String($0.prefix(1)).folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil) }
        #expect(firstLetters.prefix(while: { $0 == "a" }).count == 120)  // Ángel, ana, Anna, anna: 4 × 30
        for order in ["asc", "desc"] {
            let result = try server.get("/api/v1/contacts?sort=company&limit=1000&order=\(order)")
            let companies = result.json.objectValue?["data"]?.arrayValue?.map { $0.objectValue?["company"] ?? .null } ?? []
            let firstNull = try #require(companies.firstIndex(of: .null))
            #expect(companies[firstNull...].allSatisfy { $0 == .null }, "nulls must come last (\(order))")
            #expect(firstNull == 225)
        }
    }

    @Test func searchAndFilters() throws {
        let server = try populated()
        #expect(try page(server, "search=angel&limit=1000").total == 30)
        #expect(try page(server, "search=MULLER%20zoe&limit=1000").total == 30)
        #expect(try page(server, "search=600007").total == 1)
        #expect(try page(server, "search=600%20007").total == 11)  // each term alone: "007" is in 34600007 and 3460007x
        #expect(try page(server, "tag=T1&limit=1000").total == 100)
        #expect(try page(server, "tag=t1&tag=t2").total == 0)
        #expect(try page(server, "company=company%203&limit=1000").total == Set((0..<300).filter { $0 % 4 != 0 && $0 % 7 == 3 }).count)
        #expect(try page(server, "source=api").total == 300)
        #expect(try page(server, "source=file").total == 0)
    }
}
