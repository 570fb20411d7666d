import Platform

/// A `GET /contacts` query (SPEC §2.3), already validated.
public struct ContactQuery: Sendable, Equatable {
    /// Which contacts the trash filter lets through.
    public enum Deleted: Sendable, Equatable {
        case exclude, include, only
    }

    public var limit = 20
    public var offset = 0
    public var sort = SortField.displayName
    public var ascending = true
    /// Whitespace-separated search terms, all of which must match.
    public var search: [String] = []
    /// Tags that must all be present (case-insensitive).
    public var tags: [String] = []
    /// A case- and accent-insensitive part of the company name.
    public var company: String?
    /// The exact `source`.
    public var source: String?
    public var deleted = Deleted.exclude

    public init() {}

    /// Splits a search text on whitespace into terms.
    public mutating func setSearch(_ text: String) {
        search = text.split(whereSeparator: { $0.isWhitespace }).map(String.init)
    }
}

/// One page of matches and how many matched in all.
public struct QueryResult: Sendable {
    public let entries: [IndexEntry]
    public let total: Int
}

/// A query compiled for matching: folded terms, computed once per request.
struct CompiledQuery {
    let query: ContactQuery
    let terms: [(text: [UInt8], digits: [UInt8])]
    let tags: [String]
    let company: [UInt8]?

    init(_ query: ContactQuery) {
        self.query = query
        terms = query.search.map { (TextFolding.fold($0), TextFolding.digits($0)) }
        tags = query.tags.map { $0.lowercased() }
        company = query.company.map(TextFolding.fold)
    }

    /// True when no filter except the trash filter applies.
    var isUnfiltered: Bool { terms.isEmpty && tags.isEmpty && company == nil && query.source == nil }

    func matches(_ entry: IndexEntry) -> Bool {
        switch query.deleted {
        case .exclude: if entry.contact.isDeleted { return false }
        case .only: if !entry.contact.isDeleted { return false }
        case .include: break
        }
        if let source = query.source, entry.contact.source != source { return false }
        if let company {
            guard let key = entry.companyKey, Self.contains(key, company) else { return false }
        }
        for tag in tags where !entry.foldedTags.contains(tag) { return false }
        for term in terms {
            if Self.contains(entry.searchText, term.text) { continue }
            if !term.digits.isEmpty, Self.contains(entry.phoneDigits, term.digits) { continue }
            return false
        }
        return true
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        ByteSearch.contains(haystack, needle)
    }
}
