import CardboxAPI
import ContactStore
import Testing
@testable import cardbox_bench

@Suite("The benchmark's query mix")
struct QueryMixTests {
    @Test func theMixHasTheKindsOfQueriesSPECSection6Names() throws {
        let shapes = QueryMix.shapes
        #expect(Set(shapes.map(\.name)).count == shapes.count, "shape names are unique")
        let queries = try shapes.map { try $0.contactQuery() }
        let terms = queries.flatMap(\.search)
        #expect(terms.contains { $0.count == 1 })
        #expect(terms.contains { $0.count == 2 })
        #expect(terms.contains { $0.allSatisfy(\.isNumber) })
        #expect(queries.contains { $0.search.count >= 3 })
        #expect(queries.map(\.offset).max() == 500_000)
        for sort in SortField.allCases {
            #expect(queries.contains { $0.sort == sort && $0.ascending }, "\(sort) ascending")
            #expect(queries.contains { $0.sort == sort && !$0.ascending }, "\(sort) descending")
        }
        #expect(queries.contains { !$0.tags.isEmpty && $0.company == nil })
        #expect(queries.contains { $0.company != nil })
        #expect(queries.contains { $0.source != nil })
        #expect(queries.contains { $0.deleted == .only })
        #expect(queries.contains { $0.deleted == .include && !$0.search.isEmpty })
        #expect(queries.allSatisfy { $0.limit == 20 })
    }

    @Test func aQueryStringIsPercentEncodedAsUTF8() {
        let shape = QueryShape("accents", "search=müller anna&tag=a&b")
        #expect(shape.encoded == "search=m%C3%BCller%20anna&tag=a&b=")
        #expect(QueryShape("x", "search=example.org~_-").encoded == "search=example.org~_-")
    }

    @Test func anOffsetBeyondTheMatchesBecomesTheLastFullPage() {
        #expect(QueryMix.effectiveOffset(requested: 500_000, total: 89_964, limit: 20) == 89_944)
        #expect(QueryMix.effectiveOffset(requested: 5_000, total: 89_964, limit: 20) == 5_000)
        #expect(QueryMix.effectiveOffset(requested: 1_000, total: 12, limit: 20) == 0)
        #expect(QueryMix.effectiveOffset(requested: 0, total: 0, limit: 20) == 0)
        let moved = QueryShape("deep", "offset=100000&sort=company").with(offset: 42)
        #expect(moved.text == "sort=company&offset=42")
        #expect(moved.offset == 42)
        #expect(moved.name == "deep")
    }

    @Test func aMistakeInTheMixIsRefusedAsTheAPIWouldRefuseIt() {
        #expect(throws: APIError.self) { try QueryShape("typo", "serch=a").contactQuery() }
        #expect(throws: APIError.self) { try QueryShape("sign", "offset=+5").contactQuery() }
        #expect(throws: APIError.self) { try QueryShape("sort", "sort=name").contactQuery() }
        #expect(throws: APIError.self) { try QueryShape("flag", "only_deleted=yes").contactQuery() }
    }

    @Test func latenciesReportTheNearestRankPercentiles() {
        var latencies = Latencies()
        for value in (1...200).reversed() { latencies.add(milliseconds: Double(value)) }
        #expect(latencies.p50 == 101)
        #expect(latencies.p99 == 198)
        #expect(latencies.max == 200)
        #expect(latencies.summary(decimals: 0) == "p50 101.0 ms, p99 198.0 ms, max 200.0 ms")
    }
}
