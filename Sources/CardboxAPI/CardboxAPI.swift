import ByteText
import ContactStore
import Dispatch
import GitFolder
import HTTPServer
import JSON
import Platform

/// The REST API of SPEC §2 over a ``ContactStore``: security checks, routing,
/// the envelopes, and each endpoint. Reads answer on the event-loop thread from
/// the in-memory index; writes (which fsync) run on one serial queue, so the
/// loops never wait for the disk.
public final class CardboxAPI: Sendable {
    public let store: ContactStore
    let security: SecurityPolicy
    let logger: Logger
    let router = Endpoint.router
    let streams: EventStreams
    let loading: LoadingState
    /// The duplicate groups of `GET /duplicates`, fed by the store's changes.
    let duplicates: DuplicateFinder
    private let writes = DispatchQueue(label: "cardbox.api.writes")
    /// History reads run `git`: they wait on their own queue, not on an event loop.
    private let gitReads = DispatchQueue(label: "cardbox.api.git-reads", attributes: .concurrent)
    /// The folder's git history (SPEC §9), for the history and revert routes;
    /// `cardbox serve` calls ``GitHistory/prepare()`` on it in the background.
    public let history: GitHistory
    /// `--git-sync`: its state is part of `GET /status`; nil when it is off.
    let gitSync: GitSync?

    /// An API over `store` that streams the events of `events` to WebSocket
    /// clients. The caller wires the two: `events` must be the store's
    /// ``StoreChangeSink`` (`ContactStore(directory:changes:)`) for the store's
    /// changes to become events; likewise `duplicates` (both through a
    /// ``StoreChangeFanOut``) for `GET /duplicates` to follow the changes. With
    /// `loading`, it answers as SPEC §2.3 says while the folder loads, until
    /// ``finishLoading()``: `/status` with `"loading": true`, every other route `503 LOADING`.
    /// With `gitSync`, `/status` also tells where the sync with the remote stands.
    public init(store: ContactStore, events: EventHub, duplicates: DuplicateFinder, security: SecurityPolicy = SecurityPolicy(),
                logger: Logger = Logger(minimum: .warning), webSocket: WebSocketConnectionState.Configuration = .init(),
                loading: Bool = false, gitSync: GitSync? = nil) {
        self.store = store
        self.gitSync = gitSync
        self.duplicates = duplicates
        self.security = security
        self.logger = logger
        history = GitHistory(directory: store.directory)
        self.loading = LoadingState(loading: loading)
        streams = EventStreams(hub: events, configuration: webSocket)
    }

    /// The event stream (SPEC §3).
    public var events: EventHub { streams.hub }

    /// The HTTP server's handler.
    public func handle(_ request: HTTPRequest, _ responder: HTTPResponder) {
        let started = WallClock.monotonicNanoseconds()
        let origin = security.allowedOrigin(of: request)
        let respond: @Sendable (HTTPResponse) -> Void = { [logger] response in
            var response = response
            if let origin { Self.addCORSHeaders(&response, origin: origin) }
            if logger.isEnabled(.debug) {
                let micros = (WallClock.monotonicNanoseconds() - started) / 1000
                logger.debug("\(request.method.rawValue) \(LogRedaction.target(request.target)) → \(response.status) (\(micros) µs)")
            }
            responder.send(response)
        }
        do throws(APIError) {
            try security.checkHostAndOrigin(request)
            if request.method == .options {
                respond(try preflight(request, origin: origin))
                return
            }
            let query = try QueryString(request.query)
            let (endpoint, parameters) = try routeAndAuthorize(request, query: query)
            let call = APICall(request: request, query: query, parameters: parameters)
            if endpoint != .status, loading.progress != nil { throw APIError.loading() }
            if endpoint == .events {
                respond(openEventStream(call))
            } else if endpoint.isWrite {
                writes.async { respond(self.run(endpoint, call)) }
            } else if endpoint.readsGit {
                gitReads.async { respond(self.run(endpoint, call)) }
            } else {
                respond(run(endpoint, call))
            }
        } catch {
            respond(error.response)
        }
    }

    /// How far loading the folder got (`cardbox serve` reports it as it goes).
    public func reportLoadingProgress(filesRead: Int, filesTotal: Int) {
        loading.report(filesRead: filesRead, filesTotal: filesTotal)
    }

    /// The folder is loaded: every route answers from now on.
    public func finishLoading() {
        loading.finish()
    }

    /// Closes every WebSocket event stream with 1001 (going away, RFC 6455 §7.4.1),
    /// for a server that is shutting down; call before ``HTTPServer/stop()``.
    public func closeEventStreams() {
        streams.shutDown()
    }

    /// The token check (every `/api` request; the event stream may also pass `?token=`), then routing.
    private func routeAndAuthorize(_ request: HTTPRequest, query: QueryString) throws(APIError) -> (Endpoint, [String: String]) {
        let matched = router.match(request.method, path: request.path)
        if request.path.hasPrefix("/api/") || request.path == "/api" {
            var queryToken: String?
            if case .success((.events, _)) = matched { queryToken = try query.single("token") }
            try security.checkToken(request, queryToken: queryToken)
        }
        return try matched.get()
    }

    /// Runs one endpoint and turns any error into its envelope.
    private func run(_ endpoint: Endpoint, _ call: APICall) -> HTTPResponse {
        do {
            switch endpoint {
            case .listContacts: return try listContacts(call)
            case .createContact: return try createContact(call)
            case .getContact: return try getContact(call)
            case .patchContact: return try patchContact(call)
            case .deleteContact: return try deleteContact(call)
            case .patchCustomFields: return try patchCustomFields(call)
            case .restoreContact: return try restoreContact(call)
            case .contactHistory: return try contactHistory(call)
            case .contactVersion: return try contactVersion(call)
            case .revertContact: return try revertContact(call)
            case .listDuplicates: return try listDuplicates(call)
            case .mergeContacts: return try mergeContacts(call)
            case .status: return try status(call)
            case .openAPI: return try openAPI(call)
            case .events: return openEventStream(call)
            }
        } catch let error as APIError {
            return error.response
        } catch let error as StoreError {
            return APIError.from(error).response
        } catch {
            return APIError.internalError("\(error)").response
        }
    }

    /// `OPTIONS`: a CORS preflight from an allowed origin (no token needed, SPEC §2.6), or the allowed methods.
    /// Both list only the methods the path answers (`OPTIONS *`: the server's); 404 for a path with no route.
    private func preflight(_ request: HTTPRequest, origin: String?) throws(APIError) -> HTTPResponse {
        let allowed = request.target == "*" ? router.allMethods : router.allowedMethods(path: request.path)
        guard !allowed.isEmpty else { throw .notFound("no route for OPTIONS \(request.path)") }
        let methods = allowed.joined(separator: ", ")
        var response = HTTPResponse(status: 204)
        response.headers.add(name: "Allow", value: methods)
        if origin != nil {
            response.headers.add(name: "Access-Control-Allow-Methods", value: methods)
            response.headers.add(name: "Access-Control-Allow-Headers", value: "Authorization, Content-Type, If-Match, If-None-Match")
            response.headers.add(name: "Access-Control-Max-Age", value: "600")
        }
        return response
    }

    private static func addCORSHeaders(_ response: inout HTTPResponse, origin: String) {
        response.headers.replaceOrAdd(name: "Access-Control-Allow-Origin", value: origin)
        response.headers.add(name: "Vary", value: "Origin")
        response.headers.add(name: "Access-Control-Expose-Headers", value: "ETag, Location")
    }
}

/// One routed request: the HTTP request, its decoded query and path parameters.
struct APICall: Sendable {
    let request: HTTPRequest
    let query: QueryString
    let parameters: [String: String]

    var id: String { parameters["id"] ?? "" }

    /// The JSON body; 415 unless `Content-Type` is `application/json`, 400 if malformed.
    func jsonBody() throws(APIError) -> JSONValue {
        let mediaType = request.headers["Content-Type"]?.split(separator: ";").first.map { String($0.trimmingASCIIWhitespace()) } ?? ""
        guard mediaType.lowercased() == "application/json" else { throw .unsupportedMediaType() }
        do {
            return try JSONParser.parse(request.body)
        } catch {
            throw .badRequest(request.body.isEmpty ? "the request body is empty; a JSON object is expected"
                                                   : "malformed JSON: \(error.reason) at byte \(error.offset)")
        }
    }

    /// True when a body was sent (restore takes none).
    var hasBody: Bool { !request.body.isEmpty }

    /// The `If-Match` header, parsed, if any.
    var ifMatch: ExpectedETag? { request.headers["If-Match"].map(ExpectedETag.init(fieldValue:)) }
}
