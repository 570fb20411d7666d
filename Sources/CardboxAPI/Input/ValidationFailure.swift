/// A well-formed request body that breaks the rules of SPEC §2.3 (HTTP 422):
/// every offending field, each with a path such as `emails[1].label`.
public struct ValidationFailure: Error, Sendable, Equatable {
    /// One offending field.
    public struct Issue: Sendable, Equatable {
        public let field: String
        public let message: String

        public init(field: String, message: String) {
            self.field = field
            self.message = message
        }
    }

    public let issues: [Issue]

    public init(_ issues: [Issue]) {
        self.issues = issues
    }
}

/// Collects issues while a body is read, so that every failing field is reported at once.
struct IssueCollector {
    private(set) var issues: [ValidationFailure.Issue] = []

    mutating func add(_ field: String, _ message: String) {
        issues.append(ValidationFailure.Issue(field: field, message: message))
    }

    func check() throws(ValidationFailure) {
        if !issues.isEmpty { throw ValidationFailure(issues) }
    }
}
