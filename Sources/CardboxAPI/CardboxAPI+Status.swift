import ContactStore
import GitFolder
import HTTPServer
import JSON

/// `GET /status` and `GET /openapi.json`.
extension CardboxAPI {
    func status(_ call: APICall) throws -> HTTPResponse {
        try call.query.rejectUnknown([])
        let progress = loading.progress
        let status = store.status()
        var writer = JSONWriter(capacity: 256)
        writer.raw("{\"data\":{\"loading\":")
        writer.bool(progress != nil)
        if let progress {
            writer.raw(",\"files_read\":")
            writer.integer(progress.filesRead)
            writer.raw(",\"files_total\":")
            writer.integer(progress.filesTotal)
        }
        writer.raw(",\"contacts\":")
        writer.integer(status.contacts)
        writer.raw(",\"deleted\":")
        writer.integer(status.deleted)
        writer.raw(",\"groups\":")
        writer.integer(status.groups)
        writer.raw(",\"problems\":")
        writer.array(status.problems) { writer, problem in
            writer.raw("{\"file\":")
            writer.string(problem.file)
            writer.raw(",\"line\":")
            writer.integer(problem.line)
            writer.raw(",\"reason\":")
            writer.string(problem.reason)
            writer.raw("}")
        }
        writer.raw(",\"warnings\":")
        writer.array(status.warnings) { writer, warning in
            writer.raw("{\"file\":")
            writer.string(warning.file)
            writer.raw(",\"reason\":")
            writer.string(warning.reason)
            writer.raw("}")
        }
        writer.raw(",\"watching\":")
        writer.bool(status.watching)
        writer.raw(",\"version\":")
        writer.string(CardboxVersion.current)
        if let sync = gitSync?.status {
            writer.raw(",\"git\":")
            Self.write(sync, to: &writer)
        }
        writer.raw("}}")
        return Self.json(200, writer.bytes)
    }

    /// `"git": {"branch", "ahead", "behind", "last_sync", "last_error"}` under `--git-sync` (SPEC §9).
    static func write(_ sync: GitSyncStatus, to writer: inout JSONWriter) {
        writer.raw("{\"branch\":")
        writer.optionalString(sync.branch)
        writer.raw(",\"ahead\":")
        writer.integer(sync.ahead)
        writer.raw(",\"behind\":")
        writer.integer(sync.behind)
        writer.raw(",\"last_sync\":")
        writer.optionalString(sync.lastSync?.rfc3339)
        writer.raw(",\"last_error\":")
        writer.optionalString(sync.lastError)
        writer.raw("}")
    }

    func openAPI(_ call: APICall) throws -> HTTPResponse {
        try call.query.rejectUnknown([])
        return Self.json(200, OpenAPIDocument.bytes)
    }
}
