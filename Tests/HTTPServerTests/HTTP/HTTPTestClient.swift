import HTTPServer
import HTTPTestSupport

/// A server on an ephemeral loopback port for one test, stopped by `withServer`.
func withHTTPServer(
    _ configuration: HTTPServer.Configuration = HTTPServer.Configuration(port: 0, threadCount: 2),
    errorResponse: @escaping HTTPServer.ErrorResponse = HTTPServer.defaultErrorResponse,
    handler: @escaping HTTPServer.Handler = echoHandler,
    _ body: (HTTPServer) throws -> Void
) throws {
    var configuration = configuration
    configuration.port = 0
    let server = HTTPServer(configuration: configuration, errorResponse: errorResponse, handler: handler)
    try server.start()
    defer { server.stop() }
    try body(server)
}

/// Answers with `METHOD path` and the body it received, as text.
let echoHandler: HTTPServer.Handler = { request, responder in
    var body = Array("\(request.method) \(request.target)".utf8)
    if !request.body.isEmpty { body += Array(" ".utf8) + request.body }
    responder.send(HTTPResponse(status: 200, headers: ["Content-Type": "text/plain"], body: body))
}

