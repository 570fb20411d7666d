import Platform

/// Why a store operation did not happen; each case maps to one HTTP status.
public enum StoreError: Error, Sendable, Equatable {
    /// No such contact, or (for most routes) it is soft-deleted: 404.
    case notFound
    /// `If-Match` did not match the file's current ETag: 412.
    case preconditionFailed
    /// The operation does not fit the contact's state, e.g. restoring a live contact: 409.
    case conflict(String)
    /// The folder could not be read or written: 500.
    case io(String)
}
