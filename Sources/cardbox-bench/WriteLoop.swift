import CardboxAPI
import ContactStore
import JSON

/// `cardbox-bench write-loop --dir DIR`: creates, patches and soft-deletes
/// contacts until killed. The crash-safety test runs it and sends SIGKILL at
/// random moments, then checks that every file in the folder still reads.
enum WriteLoop {
    static func run(_ arguments: [String]) throws {
        let directory = try Bench.requiredDirectory(arguments)
        let store = ContactStore(directory: directory)
        try store.load()
        let create = try ContactInput.creation(JSONParser.parse(
            #"{"display_name": "Loop Person", "emails": [{"address": "loop@example.com", "primary": true}], "notes": "a\nlonger note, with text"}"#))
        var round = 0
        while true {
            let id = try store.create(create).entry.id
            let patch = try ContactInput.update(JSONParser.parse(#"{"job_title": "Round \#(round)", "tags": ["t\#(round % 7)"]}"#))
            _ = try store.update(id: id, patch)
            if round % 3 == 0 { _ = try store.softDelete(id: id) }
            round += 1
            if round % 10 == 0 { Bench.writeUnbuffered("rounds: \(round)\n") }
        }
    }
}
