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

/// `POST /contacts/:id/merge` (SPEC §10).
extension CardboxAPI {
    /// How many contacts one merge may take in.
    static let mergeLimit = 100

    /// Merges the contacts of `{"from": [ids]}` into `:id` and answers the
    /// target as it now is (with `?dry_run=true`: as it would be, nothing written).
    func mergeContacts(_ call: APICall) throws -> HTTPResponse {
        try call.query.rejectUnknown(["dry_run"])
        let dryRun = try call.query.boolean("dry_run")
        let from = try mergeSources(call)
        try requireLive(call.id)
        var issues: [ValidationFailure.Issue] = []
        for (index, id) in from.enumerated() where store.entry(id).map({ $0.isDeleted }) ?? true {
            issues.append(.init(field: "from[\(index)]", message: "no such contact"))
        }
        guard issues.isEmpty else { throw APIError.validation(ValidationFailure(issues)) }
        let outcome = try store.merge(into: call.id, from: from, dryRun: dryRun, defaultCountry: duplicates.defaultCountry)
        var writer = JSONWriter(capacity: 1024)
        writer.raw("{\"data\":")
        ContactJSON.write(outcome.contact, to: &writer)
        writer.raw("}")
        var response = Self.json(200, writer.bytes)
        if let entry = outcome.entry { response.headers.add(name: "ETag", value: entry.etag) }
        return response
    }

    /// The validated `from` list: 1 to ``mergeLimit`` distinct ids, none of them `:id`.
    private func mergeSources(_ call: APICall) throws -> [String] {
        guard case .object(let members) = try call.jsonBody() else {
            throw APIError.validation(ValidationFailure([.init(field: "", message: "must be an object {\"from\": [\"id\", …]}")]))
        }
        var from: [String]?
        var issues: [ValidationFailure.Issue] = []
        for member in members.members {
            guard member.key == "from" else {
                issues.append(.init(field: member.key, message: "unknown field"))
                continue
            }
            guard case .array(let items) = member.value, !items.isEmpty, items.count <= Self.mergeLimit else {
                issues.append(.init(field: "from", message: "must be an array of 1 to \(Self.mergeLimit) contact ids"))
                continue
            }
            var ids: [String] = []
            for (index, item) in items.enumerated() {
                guard case .string(let id) = item else {
                    issues.append(.init(field: "from[\(index)]", message: "must be a string"))
                    continue
                }
                if id == call.id {
                    issues.append(.init(field: "from[\(index)]", message: "is the contact merged into"))
                } else if ids.contains(id) {
                    issues.append(.init(field: "from[\(index)]", message: "is listed twice"))
                } else {
                    ids.append(id)
                }
            }
            from = ids
        }
        if from == nil, issues.isEmpty { issues.append(.init(field: "from", message: "is required")) }
        guard issues.isEmpty, let from else { throw APIError.validation(ValidationFailure(issues)) }
        return from
    }
}
