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
