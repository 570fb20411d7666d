import ByteText
import ContactStore
import HTTPServer
import JSON

/// The contact endpoints of SPEC §2.3.
extension CardboxAPI {
    public static let listParameters: Set<String> = [
        "limit", "offset", "sort", "order", "search", "tag", "company", "source", "include_deleted", "only_deleted", "format",
    ]

    func listContacts(_ call: APICall) throws -> HTTPResponse {
        try call.query.rejectUnknown(Self.listParameters)
        let query = try Self.contactQuery(call.query)
        let compact = try Self.isCompact(call.query)
        let result = store.query(query)
        var writer = JSONWriter(capacity: 256 + result.entries.count * (compact ? 160 : 720))
        writer.raw("{\"data\":")
        writer.array(result.entries) { writer, entry in
            if compact {
                ContactJSON.writeCompactItem(entry.contact, to: &writer)
            } else {
                ContactJSON.write(entry.contact, to: &writer)
            }
        }
        writer.raw(",\"meta\":{\"total\":")
        writer.integer(result.total)
        writer.raw(",\"limit\":")
        writer.integer(query.limit)
        writer.raw(",\"offset\":")
        writer.integer(query.offset)
        writer.raw(",\"has_more\":")
        writer.bool(query.offset < result.total - result.entries.count)
        writer.raw("}}")
        return Self.json(200, writer.bytes)
    }

    func getContact(_ call: APICall) throws -> HTTPResponse {
        try call.query.rejectUnknown(["format"])
        let compact = try Self.isCompact(call.query)
        guard let entry = store.entry(call.id), !entry.isDeleted else { throw APIError.notFound("no such contact") }
        if let noneMatch = call.request.headers["If-None-Match"], ExpectedETag(fieldValue: noneMatch).admits(entry.etag) {
            var response = HTTPResponse(status: 304)
            response.headers.add(name: "ETag", value: entry.etag)
            return response
        }
        return Self.record(entry, status: 200, compact: compact)
    }

    func createContact(_ call: APICall) throws -> HTTPResponse {
        try call.query.rejectUnknown([])
        let patch: ContactPatch
        do {
            patch = try ContactInput.creation(call.jsonBody())
        } catch let failure as ValidationFailure {
            throw APIError.validation(failure)
        }
        let outcome = try store.create(patch)
        var response = Self.record(outcome.entry, status: 201)
        response.headers.add(name: "Location", value: "/api/v1/contacts/" + PercentEncoding.encode(outcome.entry.id))
        return response
    }

    func patchContact(_ call: APICall) throws -> HTTPResponse {
        try call.query.rejectUnknown([])
        let patch: ContactPatch
        do {
            patch = try ContactInput.update(call.jsonBody())
        } catch let failure as ValidationFailure {
            throw APIError.validation(failure)
        }
        try requireLive(call.id)
        return Self.record(try store.update(id: call.id, ifMatch: call.ifMatch, patch).entry, status: 200)
    }

    func patchCustomFields(_ call: APICall) throws -> HTTPResponse {
        try call.query.rejectUnknown([])
        let patch: CustomFieldsPatch
        do {
            patch = try ContactInput.customFields(call.jsonBody())
        } catch let failure as ValidationFailure {
            throw APIError.validation(failure)
        }
        try requireLive(call.id)
        return Self.record(try store.updateCustomFields(id: call.id, ifMatch: call.ifMatch, patch).entry, status: 200)
    }

    func deleteContact(_ call: APICall) throws -> HTTPResponse {
        try call.query.rejectUnknown(["permanent"])
        if try call.query.boolean("permanent") {
            try store.deletePermanently(id: call.id, ifMatch: call.ifMatch)
            return HTTPResponse(status: 204)
        }
        try requireLive(call.id)
        return Self.record(try store.softDelete(id: call.id, ifMatch: call.ifMatch).entry, status: 200)
    }

    func restoreContact(_ call: APICall) throws -> HTTPResponse {
        try call.query.rejectUnknown([])
        if call.hasBody, call.request.headers["Content-Type"].map({ !$0.lowercased().hasPrefix("application/json") }) ?? true {
            throw APIError.unsupportedMediaType()
        }
        return Self.record(try store.restore(id: call.id, ifMatch: call.ifMatch).entry, status: 200)
    }

    /// 404 for a soft-deleted contact on routes other than restore and permanent delete.
    func requireLive(_ id: String) throws {
        guard let entry = store.entry(id), !entry.isDeleted else { throw APIError.notFound("no such contact") }
    }

    // MARK: Helpers

    /// The `GET /contacts` query of `parameters` (SPEC §2.3), as the list route reads it
    /// (the benchmark reads its query mix through it too).
    public static func contactQuery(_ parameters: QueryString) throws -> ContactQuery {
        var query = ContactQuery()
        if let limit = try parameters.integer("limit", in: 0...1000) { query.limit = limit }
        if let offset = try parameters.integer("offset", in: 0...Int(Int32.max)) { query.offset = offset }
        if let text = try parameters.single("sort") {
            guard let field = SortField(rawValue: text) else {
                throw APIError.badRequest("sort must be one of display_name, created_at, updated_at, company, not '\(text)'")
            }
            query.sort = field
        }
        if let text = try parameters.single("order") {
            guard text == "asc" || text == "desc" else { throw APIError.badRequest("order must be asc or desc, not '\(text)'") }
            query.ascending = text == "asc"
        }
        if let text = try parameters.single("search") { query.setSearch(text) }
        query.tags = parameters.values("tag")
        if let company = try parameters.single("company"), !company.isEmpty { query.company = company }
        query.source = try parameters.single("source")
        // Both flags are read (a bad value of either is a 400); only_deleted wins.
        let onlyDeleted = try parameters.boolean("only_deleted")
        let includeDeleted = try parameters.boolean("include_deleted")
        if onlyDeleted {
            query.deleted = .only
        } else if includeDeleted {
            query.deleted = .include
        }
        return query
    }

    static func isCompact(_ parameters: QueryString) throws -> Bool {
        guard let format = try parameters.single("format") else { return false }
        guard format == "compact" else { throw APIError.badRequest("format must be compact, not '\(format)'") }
        return true
    }

    /// `{"data": contact}` with the ETag of the file's bytes.
    static func record(_ entry: IndexEntry, status: Int, compact: Bool = false) -> HTTPResponse {
        var writer = JSONWriter(capacity: 800)
        writer.raw("{\"data\":")
        if compact {
            ContactJSON.writeCompactFull(entry.contact, to: &writer)
        } else {
            ContactJSON.write(entry.contact, to: &writer)
        }
        writer.raw("}")
        var response = json(status, writer.bytes)
        response.headers.add(name: "ETag", value: entry.etag)
        return response
    }

    static func json(_ status: Int, _ body: [UInt8]) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": "application/json"], body: body)
    }

}
