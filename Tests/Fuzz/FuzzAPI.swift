// libFuzzer entry point for the API's query-string and router layer. Not a
// SwiftPM target: linked against an instrumented build of CardboxAPI by
// Tests/Fuzz/fuzz.sh api.
//
// Each input is a request target. It is split as the HTTP layer splits it,
// routed for every method, its query parsed, and the query parameters of every
// route read — `GET /contacts` queries also run against a small index. Invariants:
// no crash (no overflow trap); bounded parameters inside their bounds; a page
// never longer than its limit.

@testable import CardboxAPI
import ContactStore
import Glibc
import HTTPServer

/// A store over a temporary folder with a few contacts, made once per process.
private let store: ContactStore = {
    var template = Array("/tmp/cardbox-fuzz-api-XXXXXX".utf8CString)
    let directory = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
    let cards = [
        ("ana", "FN:Ana García\r\nEMAIL;TYPE=work:ana@acme.example\r\nTEL:+34 612 34 56 78\r\nORG:Acme\r\nX-TAGS:vip,golf"),
        ("bob", "FN:Bob\r\nX-SOURCE:import\r\nX-TAGS:golf"),
        ("zoe", "FN:Zoë Müller\r\nX-DELETED-AT:20260101T000000Z"),
    ]
    for (name, body) in cards {
        let text = "BEGIN:VCARD\r\nVERSION:4.0\r\n\(body)\r\nEND:VCARD\r\n"
        let file = fopen(directory + "/" + name + ".vcf", "w")!
        fputs(text, file)
        fclose(file)
    }
    let store = ContactStore(directory: directory)
    try! store.load()
    return store
}()

private let router = Endpoint.router
private let methods: [HTTPMethod] = [.get, .head, .post, .put, .patch, .delete, .options]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAPI(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    // Request targets are visible ASCII (the HTTP parser refuses anything else).
    let bytes = UnsafeBufferPointer(start: data, count: size)
    guard !bytes.isEmpty, bytes.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { return 0 }
    let target = String(decoding: bytes, as: UTF8.self)
    let request = HTTPRequest(method: .get, target: target, headers: ["Host": "localhost"])
    _ = request.host.map(SecurityPolicy.isLoopbackHost)
    _ = LogRedaction.target(target)
    for method in methods {
        _ = router.match(method, path: request.path)
    }
    _ = router.allowedMethods(path: request.path)
    guard let query = try? QueryString(request.query) else { return 0 }
    if let contactQuery = try? CardboxAPI.contactQuery(query) {
        guard (0...1000).contains(contactQuery.limit), (0...Int(Int32.max)).contains(contactQuery.offset) else {
            fatalError("a query parameter outside its bounds was accepted")
        }
        let result = store.query(contactQuery)
        guard result.entries.count <= contactQuery.limit, result.entries.count <= result.total else {
            fatalError("a page longer than its limit or its total")
        }
    }
    _ = try? CardboxAPI.isCompact(query)
    _ = try? query.boolean("permanent")
    _ = try? CardboxAPI.eventStreamParameters(query)
    return 0
}
