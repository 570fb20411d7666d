import CardboxAPI
import ContactStore
import HTTPTestSupport
import JSON

/// The write sequence of `cardbox-bench store`: `count` creates, `count`
/// one-field patches of existing contacts, then soft and permanent deletes of
/// the created contacts (so what it made is gone again), each timed alone.
/// It runs through the store (in-process) or through the API over one
/// keep-alive connection; both answer only after the file and the folder are
/// fsynced and the change event is published.
struct WriteLatencies {
    /// The four writes, by one route or the other.
    struct Writer {
        let name: String
        /// Creates the `index`-th bench contact; its id.
        let create: (_ index: Int) throws -> String
        /// Sets `job_title` of an existing contact.
        let patch: (_ id: String, _ title: String) throws -> Void
        let softDelete: (_ id: String) throws -> Void
        let deletePermanently: (_ id: String) throws -> Void
    }

    var creates: Latencies, patches: Latencies, softDeletes: Latencies, permanentDeletes: Latencies

    /// Runs the sequence, patching `existing` (one patch each).
    init(_ writer: Writer, count: Int, existing: [String]) throws {
        creates = Latencies(capacity: count)
        patches = Latencies(capacity: count)
        softDeletes = Latencies(capacity: count)
        permanentDeletes = Latencies(capacity: count)
        var created: [String] = []
        for index in 0..<count { try creates.measure { created.append(try writer.create(index)) } }
        for (index, id) in existing.enumerated() { try patches.measure { try writer.patch(id, "\(writer.name) title \(index)") } }
        for id in created { try softDeletes.measure { try writer.softDelete(id) } }
        for id in created { try permanentDeletes.measure { try writer.deletePermanently(id) } }
    }

    func printed(_ title: String) {
        print(title)
        for (name, latencies) in [("create", creates), ("patch (one field)", patches), ("soft delete", softDeletes),
                                  ("permanent delete", permanentDeletes)] {
            let perSecond = Double(latencies.count) / max(1e-9, latencies.samples.reduce(0, +) / 1000)
            print("  \(name) (\(latencies.count)): \(latencies.summary(decimals: 2)) = \(Bench.format(perSecond, decimals: 0)) /s")
        }
    }

    /// The body of the `index`-th created contact: SPEC §2.3's reference example, numbered.
    static func creationBody(_ index: Int) -> String {
        #"{"display_name": "Bench García \#(index)", "first_name": "Bench", "last_name": "García \#(index)", "#
            + #""emails": [{"address": "bench\#(index)@acme-labs.example", "label": "work", "primary": true}], "#
            + #""phones": [{"number": "+34612345678", "label": "mobile", "primary": true}], "#
            + #""company": "Acme Labs", "job_title": "Head of Partnerships", "tags": ["partnership"]}"#
    }

    /// Writes straight to the store, as the API's handlers call it.
    static func inProcess(_ store: ContactStore) -> Writer {
        Writer(name: "store", create: { index in
            try store.create(ContactInput.creation(JSONParser.parse(creationBody(index)))).entry.id
        }, patch: { id, title in
            _ = try store.update(id: id, ContactInput.update(JSONParser.parse(#"{"job_title": "\#(title)"}"#)))
        }, softDelete: { id in
            _ = try store.softDelete(id: id)
        }, deletePermanently: { id in
            _ = try store.deletePermanently(id: id)
        })
    }

    /// Sends each write as a request over `client`'s keep-alive connection; the
    /// time runs from the request's first byte out to the answer's last byte in.
    static func overHTTP(_ client: HTTPTestClient) -> Writer {
        func request(_ method: String, _ target: String, body: String? = nil, expect status: Int) throws -> WireResponse {
            var head = "\(method) /api/v1/contacts\(target) HTTP/1.1\r\nHost: localhost\r\n"
            if let body { head += "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n" }
            try client.send(head + "\r\n" + (body ?? ""))
            let response = try client.readResponse()
            guard response.status == status else {
                throw Bench.Failure(description: "\(method) \(target): \(response.status) \(response.text.prefix(200))")
            }
            return response
        }
        return Writer(name: "http", create: { index in
            let response = try request("POST", "", body: creationBody(index), expect: 201)
            guard let location = response.headers["Location"], let id = location.split(separator: "/").last else {
                throw Bench.Failure(description: "POST /contacts: no Location")
            }
            return String(id)
        }, patch: { id, title in
            _ = try request("PATCH", "/" + id, body: #"{"job_title": "\#(title)"}"#, expect: 200)
        }, softDelete: { id in
            _ = try request("DELETE", "/" + id, expect: 200)
        }, deletePermanently: { id in
            _ = try request("DELETE", "/" + id + "?permanent=true", expect: 204)
        })
    }
}
