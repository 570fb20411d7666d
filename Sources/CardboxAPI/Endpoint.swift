import HTTPServer

/// Every endpoint of SPEC §2.3, §3, §9.
enum Endpoint: String, Sendable, CaseIterable {
    case listContacts, createContact, getContact, patchContact, deleteContact, patchCustomFields, restoreContact
    case contactHistory, contactVersion, revertContact
    case status, openAPI, events
    case listDuplicates, mergeContacts

    /// The route table, as the API reads (base path `/api/v1`).
    static var router: Router<Endpoint> {
        var router = Router<Endpoint>()
        router.add(.get, "/api/v1/contacts", .listContacts)
        router.add(.post, "/api/v1/contacts", .createContact)
        router.add(.get, "/api/v1/contacts/:id", .getContact)
        router.add(.patch, "/api/v1/contacts/:id", .patchContact)
        router.add(.delete, "/api/v1/contacts/:id", .deleteContact)
        router.add(.patch, "/api/v1/contacts/:id/custom", .patchCustomFields)
        router.add(.post, "/api/v1/contacts/:id/restore", .restoreContact)
        router.add(.get, "/api/v1/contacts/:id/history", .contactHistory)
        router.add(.get, "/api/v1/contacts/:id/history/:commit", .contactVersion)
        router.add(.post, "/api/v1/contacts/:id/revert", .revertContact)
        router.add(.get, "/api/v1/duplicates", .listDuplicates)
        router.add(.post, "/api/v1/contacts/:id/merge", .mergeContacts)
        router.add(.get, "/api/v1/status", .status)
        router.add(.get, "/api/v1/openapi.json", .openAPI)
        router.add(.get, "/api/v1/events", .events)
        return router
    }

    /// Writes go to the writer queue (they fsync); reads answer on the event loop.
    var isWrite: Bool {
        switch self {
        case .createContact, .patchContact, .deleteContact, .patchCustomFields, .restoreContact, .revertContact, .mergeContacts:
            return true
        case .listContacts, .getContact, .contactHistory, .contactVersion, .status, .openAPI, .events, .listDuplicates: return false
        }
    }

    /// Reads that run `git` answer on their own queue, never on an event loop.
    var readsGit: Bool { self == .contactHistory || self == .contactVersion }
}
