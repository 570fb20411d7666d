/// The fixed, published query mix of `cardbox-bench query` (README, "Benchmarks",
/// lists it as a table; SPEC §6 states its targets over the whole mix). Every
/// query has the default `limit=20` and asks for the exact `total`. The
/// terms, tags and companies are ones that `shared/bench/gen_corpus.py` writes.
enum QueryMix {
    static let shapes: [QueryShape] = [
        // A plain page in every sort field and order.
        QueryShape("list-name-asc", "sort=display_name&order=asc"),
        QueryShape("list-name-desc", "sort=display_name&order=desc"),
        QueryShape("list-created-asc", "sort=created_at&order=asc"),
        QueryShape("list-created-desc", "sort=created_at&order=desc"),
        QueryShape("list-updated-asc", "sort=updated_at&order=asc"),
        QueryShape("list-updated-desc", "sort=updated_at&order=desc"),
        QueryShape("list-company-asc", "sort=company&order=asc"),
        QueryShape("list-company-desc", "sort=company&order=desc"),
        // Deep pages.
        QueryShape("offset-5k", "offset=5000"),
        QueryShape("offset-100k", "offset=100000"),
        QueryShape("offset-500k", "offset=500000"),
        // Search: 1 and 2 letters, longer terms, digits, several terms, nothing.
        QueryShape("search-a", "search=a"),
        QueryShape("search-z", "search=z"),
        QueryShape("search-li", "search=li"),
        QueryShape("search-ma", "search=ma"),
        QueryShape("search-garc", "search=garc"),
        QueryShape("search-garcía", "search=garcía"),
        QueryShape("search-müller-anna", "search=müller anna"),
        QueryShape("search-example.org", "search=example.org"),
        QueryShape("search-555", "search=555"),
        QueryShape("search-612-345", "search=612 345"),
        QueryShape("search-49-89", "search=49 89"),
        QueryShape("search-a-e-i", "search=a e i"),
        QueryShape("search-no-match", "search=zz-no-match"),
        // Filters.
        QueryShape("tag-vip", "tag=vip"),
        QueryShape("tag-golf-work", "tag=golf&tag=work"),
        QueryShape("company-acme", "company=acme"),
        QueryShape("source-api", "source=api"),
        QueryShape("source-file", "source=file"),
        QueryShape("trash", "only_deleted=true"),
        QueryShape("trash-too-search-li", "search=li&include_deleted=true"),
        // Combinations.
        QueryShape("search-tag-updated-desc", "search=garc&tag=vip&sort=updated_at&order=desc"),
        QueryShape("search-ma-offset-1k", "search=ma&offset=1000"),
    ]

    /// The offset a shape is measured with: the one it asks for, lowered to the
    /// start of the last full page when the shape has fewer matches (an offset
    /// of 500,000 on a folder of 100,000 becomes `total − limit`, so a deep-page
    /// shape still reads a page from the end instead of an empty one).
    static func effectiveOffset(requested: Int, total: Int, limit: Int) -> Int {
        min(requested, max(0, total - limit))
    }
}
