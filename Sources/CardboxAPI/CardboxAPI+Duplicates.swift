import ContactStore
import HTTPServer
import JSON

/// `GET /duplicates` (SPEC §10).
extension CardboxAPI {
    /// A page of duplicate groups, strongest first, in the list envelope; `limit`
    /// and `offset` are read exactly as `GET /contacts` reads them.
    func listDuplicates(_ call: APICall) throws -> HTTPResponse {
        try call.query.rejectUnknown(["limit", "offset"])
        let page = try Self.contactQuery(call.query)
        let groups = duplicates.groups(in: store)
        let shown = groups.dropFirst(min(page.offset, groups.count)).prefix(page.limit)
        var writer = JSONWriter(capacity: 256 + shown.count * 200)
        writer.raw("{\"data\":")
        writer.array(shown) { writer, group in
            writer.raw("{\"ids\":")
            writer.array(group.ids) { writer, id in writer.string(id) }
            writer.raw(",\"score\":")
            writer.raw(Array(group.scoreText.utf8))
            writer.raw(",\"reasons\":")
            writer.array(group.reasons) { writer, reason in writer.string(reason) }
            writer.raw("}")
        }
        writer.raw(",\"meta\":{\"total\":")
        writer.integer(groups.count)
        writer.raw(",\"limit\":")
        writer.integer(page.limit)
        writer.raw(",\"offset\":")
        writer.integer(page.offset)
        writer.raw(",\"has_more\":")
        writer.bool(page.offset + shown.count < groups.count)
        writer.raw("}}")
        return Self.json(200, writer.bytes)
    }
}
