import ContactStore
import GitFolder
import HTTPServer
import JSON

/// The history endpoints of SPEC §9: a contact's versions in the folder's git
/// history, one version, and revert. They work in any git work tree; elsewhere
/// (or without git) they answer 409 `NOT_A_GIT_REPOSITORY`.
extension CardboxAPI {
    func contactHistory(_ call: APICall) throws -> HTTPResponse {
        try call.query.rejectUnknown(["limit", "offset"])
        let page = try Self.contactQuery(call.query)
        let fileName = try historyFileName(call.id)
        let (total, shown) = try readHistory { () throws(GitHistoryError) in
            try history.versions(of: fileName, offset: page.offset, limit: page.limit)
        }
        if total == 0, store.entry(call.id) == nil { throw APIError.notFound("no such contact, and no history for \(fileName)") }
        var writer = JSONWriter(capacity: 128 + shown.count * 200)
        writer.raw("{\"data\":")
        writer.array(shown) { writer, version in
            writer.raw("{\"commit\":")
            writer.string(version.commit)
            writer.raw(",\"at\":")
            writer.string(version.at.rfc3339)
            writer.raw(",\"author\":")
            writer.string(version.author)
            writer.raw(",\"message\":")
            writer.string(version.message)
            writer.raw("}")
        }
        writer.raw(",\"meta\":{\"total\":")
        writer.integer(total)
        writer.raw(",\"limit\":")
        writer.integer(page.limit)
        writer.raw(",\"offset\":")
        writer.integer(page.offset)
        writer.raw(",\"has_more\":")
        writer.bool(page.offset + shown.count < total)
        writer.raw("}}")
        return Self.json(200, writer.bytes)
    }

    func contactVersion(_ call: APICall) throws -> HTTPResponse {
        try call.query.rejectUnknown([])
        let commit = call.parameters["commit"] ?? ""
        guard GitHistory.isCommitID(commit) else { throw APIError.badRequest("a commit id is 4 to 64 hex digits, not '\(commit)'") }
        let version = try contact(call.id, at: commit)
        var writer = JSONWriter(capacity: 800)
        writer.raw("{\"data\":")
        ContactJSON.write(version.contact, to: &writer)
        writer.raw("}")
        return Self.json(200, writer.bytes)
    }

    func revertContact(_ call: APICall) throws -> HTTPResponse {
        try call.query.rejectUnknown([])
        guard case .object(let members) = try call.jsonBody() else {
            throw APIError.validation(ValidationFailure([.init(field: "", message: "must be an object {\"commit\": \"…\"}")]))
        }
        var commit: String?
        var issues: [ValidationFailure.Issue] = []
        for member in members.members {
            let key = member.key, value = member.value
            if key == "commit", case .string(let text) = value, GitHistory.isCommitID(text) {
                commit = text
            } else if key == "commit" {
                issues.append(.init(field: "commit", message: "must be a commit id: 4 to 64 hex digits"))
            } else {
                issues.append(.init(field: key, message: "unknown field"))
            }
        }
        if commit == nil, issues.isEmpty { issues.append(.init(field: "commit", message: "is required")) }
        guard issues.isEmpty, let commit else { throw APIError.validation(ValidationFailure(issues)) }
        let version = try contact(call.id, at: commit)
        let outcome = store.entry(call.id) == nil
            ? try store.recreate(fileName: version.fileName, bytes: version.bytes)
            : try store.revert(id: call.id, to: version.contact)
        return Self.record(outcome.entry, status: 200)
    }

    /// The contact `id` as it was in `commit`: 404 when the commit is unknown or has no such file.
    private func contact(_ id: String, at commit: String) throws -> (contact: Contact, fileName: String, bytes: [UInt8]) {
        let fileName = try historyFileName(id)
        guard let found = try readHistory({ () throws(GitHistoryError) in try history.file(fileName, at: commit) }) else {
            throw APIError.notFound("commit \(commit) is unknown or has no \(fileName)")
        }
        guard case .contact(let card) = CardFile.classify(found.bytes) else {
            throw APIError.conflict("\(fileName) in commit \(found.commit) is not a readable contact")
        }
        return (Contact(card: card, id: id, fileModified: found.at), fileName, found.bytes)
    }

    /// The file whose history is the contact's: the one indexed, else `<id>.vcf`
    /// (a contact whose file is gone). An id that could name a path elsewhere is 404.
    private func historyFileName(_ id: String) throws -> String {
        if let entry = store.entry(id) { return entry.fileName }
        guard !id.isEmpty, !id.hasPrefix("."), !id.contains("/"), !id.unicodeScalars.contains(where: { $0.value < 0x20 }) else {
            throw APIError.notFound("no such contact")
        }
        // A file added by hand may have had another spelling of the extension (`Ana.VCF`).
        let usual = id + ".vcf"
        let named = try readHistory { () throws(GitHistoryError) in
            try history.fileNames { !$0.contains("/") && ContactFileName.isContactFile($0) && ContactFileName.id(forFileName: $0) == id }
        }
        return named.contains(usual) ? usual : named.first ?? usual
    }

    private func readHistory<T>(_ body: () throws(GitHistoryError) -> T) throws -> T {
        do {
            return try body()
        } catch .notARepository {
            throw APIError(status: 409, code: "NOT_A_GIT_REPOSITORY", message: "\(store.directory) is not in a git work tree (or git is not installed)")
        } catch .failed(let reason) {
            throw APIError.internalError(reason)
        }
    }
}
