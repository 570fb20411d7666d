import Foundation
import HTTPTestSupport
import JSON

/// A bare repository and clones of it, each served by a real
/// `cardbox serve --git-sync origin --git-sync-interval 1` (SPEC §9).
final class GitSyncCluster {
    let remote: GitTestRepository
    let clones: [GitTestRepository]
    private(set) var servers: [GitServer] = []

    /// The bare repository holds one commit on `main` with `files` (path → text);
    /// `count` clones of it are served, after `prepare` had its way with them.
    /// Nobody ran `cardbox git-setup`.
    init(count: Int, files: [String: String], arguments: [String] = [],
         prepare: ([GitTestRepository]) throws -> Void = { _ in }) throws {
        remote = try GitTestRepository(initialize: false)
        try remote.git("init", "-q", "--bare", "-b", "main")
        var clones: [GitTestRepository] = []
        for _ in 0..<count {
            let clone = try GitTestRepository(initialize: false)
            try clone.git("clone", "-q", remote.path, ".")
            if clones.isEmpty {
                try clone.git("checkout", "-q", "-b", "main")
                try clone.commit(files, message: "Start")
                try clone.git("push", "-q", "-u", "origin", "main")
            }
            clones.append(clone)
        }
        self.clones = clones
        try prepare(clones)
        for clone in clones {
            servers.append(try GitServer(clone, arguments: ["--git-sync", "origin", "--git-sync-interval", "1"] + arguments))
        }
    }

    /// The `data.git` object of a server's `GET /status`.
    func syncStatus(_ server: GitServer) throws -> JSONObject {
        server.data(try server.request("GET", "/api/v1/status")).objectValue?["git"]?.objectValue ?? JSONObject()
    }

    /// The commit a branch of the bare repository is at.
    func remoteHead(_ branch: String = "main") throws -> String {
        try remote.git("rev-parse", branch).output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// True once every clone's HEAD is the remote's `main` and every server
    /// reports a round since with nothing left to pull or push.
    func hasConverged() throws -> Bool {
        let head = try remoteHead()
        for (clone, server) in zip(clones, servers) {
            guard try clone.git("rev-parse", "HEAD").output.trimmingCharacters(in: .whitespacesAndNewlines) == head else { return false }
            let status = try syncStatus(server)
            guard status["ahead"] == .number("0"), status["behind"] == .number("0"), status["last_error"] == .null,
                  status["last_sync"]?.stringValue != nil else { return false }
        }
        return true
    }

    /// Polls `condition` until it holds or `seconds` pass.
    static func eventually(seconds: Double = 40, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return true }
            usleep(50_000)
        }
        return try condition()
    }
}
