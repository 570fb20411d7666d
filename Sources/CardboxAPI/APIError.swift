import ContactStore
import HTTPServer
import JSON

/// An error answer in the envelope of SPEC §2.1:
/// `{"error": {"code": "…", "message": "…", "details": [{"field": "…", "message": "…"}]}}`.
public struct APIError: Error, Sendable {
    public let status: Int
    public let code: String
    public let message: String
    public var details: [ValidationFailure.Issue] = []
    /// Extra header fields, e.g. `Allow` on 405 or `WWW-Authenticate` on 401.
    public var headers: HTTPHeaders = [:]

    public init(status: Int, code: String, message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    public static func badRequest(_ message: String) -> APIError { APIError(status: 400, code: "BAD_REQUEST", message: message) }
    public static func notFound(_ message: String = "not found") -> APIError { APIError(status: 404, code: "NOT_FOUND", message: message) }
    public static func conflict(_ message: String) -> APIError { APIError(status: 409, code: "CONFLICT", message: message) }
    public static func forbidden(_ message: String) -> APIError { APIError(status: 403, code: "FORBIDDEN", message: message) }
    public static func internalError(_ message: String) -> APIError { APIError(status: 500, code: "INTERNAL_ERROR", message: message) }

    public static func preconditionFailed() -> APIError {
        APIError(status: 412, code: "PRECONDITION_FAILED", message: "If-Match does not match the contact's current ETag")
    }

    public static func unauthorized() -> APIError {
        var error = APIError(status: 401, code: "UNAUTHORIZED", message: "a valid 'Authorization: Bearer <token>' is required")
        error.headers.add(name: "WWW-Authenticate", value: "Bearer")
        return error
    }

    public static func methodNotAllowed(_ allowed: [String]) -> APIError {
        var error = APIError(status: 405, code: "METHOD_NOT_ALLOWED", message: "method not allowed; allowed: \(allowed.joined(separator: ", "))")
        error.headers.add(name: "Allow", value: allowed.joined(separator: ", "))
        return error
    }

    /// 503 while the folder is still loading (SPEC §2.3), with `Retry-After`.
    public static func loading() -> APIError {
        var error = APIError(status: 503, code: "LOADING", message: "the contacts folder is still loading; retry shortly")
        error.headers.add(name: "Retry-After", value: "1")
        return error
    }

    public static func unsupportedMediaType() -> APIError {
        APIError(status: 415, code: "UNSUPPORTED_MEDIA_TYPE", message: "the request body must be application/json")
    }

    public static func validation(_ failure: ValidationFailure) -> APIError {
        var error = APIError(status: 422, code: "VALIDATION_ERROR",
                             message: failure.issues.count == 1 ? "1 field is invalid" : "\(failure.issues.count) fields are invalid")
        error.details = failure.issues
        return error
    }

    /// The store's errors in HTTP terms.
    public static func from(_ error: StoreError) -> APIError {
        switch error {
        case .notFound: return .notFound("no such contact")
        case .preconditionFailed: return .preconditionFailed()
        case .conflict(let message): return .conflict(message)
        case .io(let message): return .internalError(message)
        }
    }

    /// The response carrying this error.
    public var response: HTTPResponse {
        var writer = JSONWriter(capacity: 128)
        writer.raw("{\"error\":{\"code\":")
        writer.string(code)
        writer.raw(",\"message\":")
        writer.string(message)
        if !details.isEmpty {
            writer.raw(",\"details\":")
            writer.array(details) { writer, issue in
                writer.raw("{\"field\":")
                writer.string(issue.field)
                writer.raw(",\"message\":")
                writer.string(issue.message)
                writer.raw("}")
            }
        }
        writer.raw("}}")
        var response = HTTPResponse(status: status, headers: headers, body: writer.bytes)
        response.headers.replaceOrAdd(name: "Content-Type", value: "application/json")
        return response
    }

    /// The code SPEC §2.1 names for a status the HTTP layer answers by itself.
    static func code(forStatus status: Int) -> String {
        switch status {
        case 400: return "BAD_REQUEST"
        case 401: return "UNAUTHORIZED"
        case 403: return "FORBIDDEN"
        case 404: return "NOT_FOUND"
        case 405: return "METHOD_NOT_ALLOWED"
        case 408: return "REQUEST_TIMEOUT"
        case 409: return "CONFLICT"
        case 412: return "PRECONDITION_FAILED"
        case 413: return "PAYLOAD_TOO_LARGE"
        case 415: return "UNSUPPORTED_MEDIA_TYPE"
        case 417: return "EXPECTATION_FAILED"
        case 422: return "VALIDATION_ERROR"
        case 426: return "UPGRADE_REQUIRED"
        case 431: return "HEADERS_TOO_LARGE"
        case 501: return "NOT_IMPLEMENTED"
        case 505: return "HTTP_VERSION_NOT_SUPPORTED"
        default: return "INTERNAL_ERROR"
        }
    }

    /// Error responses for the HTTP layer's own rejections (malformed requests, limits, timeouts).
    public static func protocolErrorResponse(status: Int, message: String) -> HTTPResponse {
        APIError(status: status, code: code(forStatus: status), message: message).response
    }
}
