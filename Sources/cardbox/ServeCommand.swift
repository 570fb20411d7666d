import CardboxAPI
import Dispatch
import ContactStore
import GitFolder
import HTTPServer
import Platform

/// `cardbox serve`: listens, loads the folder and serves the API until SIGINT/SIGTERM (SPEC §5).
///
/// The socket is bound before the folder is loaded, so a busy port is reported
/// at once (exit 2) rather than after a long load; while loading, `/status`
/// says so and every other route answers `503 LOADING` (SPEC §2.3).
enum ServeCommand: Command {
    static let name = "serve"
    static let summary = "Serve a contacts folder as a JSON REST API with live events."
    static let usage = "cardbox serve [--dir DIR] [--host HOST] [--port PORT] [--token T] [--allow-origin O]… [--event-buffer N] [--default-country C] [--git] [--git-author A] [--git-sync REMOTE] [--git-sync-interval D] [--log-level L]"
    static let options = [
        SharedOptions.directory,
        CommandLineOptions.Option(name: "host", valueName: "HOST", help: "Address to bind (default 127.0.0.1)."),
        CommandLineOptions.Option(name: "port", valueName: "PORT", help: "Port to listen on (default 8080; 0 picks a free one)."),
        CommandLineOptions.Option(name: "token", valueName: "T", help: "Require 'Authorization: Bearer T' on every /api request."),
        CommandLineOptions.Option(name: "allow-origin", valueName: "O", help: "A browser origin allowed to call the API (repeatable).",
                                  repeatable: true),
        CommandLineOptions.Option(name: "event-buffer", valueName: "N", help: "Events kept for ?since= replays (default 10000)."),
        DuplicatesCommand.defaultCountryOption,
        CommandLineOptions.Option(name: "git", valueName: nil,
                                  help: "Commit every change made through the API to the folder's git repository."),
        CommandLineOptions.Option(name: "git-author", valueName: "A",
                                  help: "Author of those commits, 'Name <email>' (default: git's configuration)."),
        CommandLineOptions.Option(name: "git-sync", valueName: "REMOTE",
                                  help: "Pull from and push to this git remote (e.g. origin) every interval, merging vCards "
                                      + "property by property; implies --git."),
        CommandLineOptions.Option(name: "git-sync-interval", valueName: "D",
                                  help: "Time between two syncs: seconds, or with s or m: 90, 90s, 2m (default 60 s)."),
        SharedOptions.logLevel,
    ]
    static let examples = [
        "cardbox serve",
        "cardbox serve --dir ~/contacts --port 9000",
        "cardbox serve --dir ~/contacts --git --git-author 'Cardbox <cardbox@localhost>'",
        "cardbox serve --dir ~/contacts --git-sync origin --git-sync-interval 5m",
        "CARDBOX_TOKEN=s3cret cardbox serve --host 0.0.0.0 --allow-origin http://localhost:3000",
    ]

    static func run(_ options: CommandLineOptions) throws -> Int32 {
        guard options.positionals.isEmpty else { throw UsageError("serve takes no arguments, got \(options.positionals[0])") }
        let logger = Logger(minimum: try SharedOptions.logLevel(options))
        let directory = SharedOptions.directory(options)
        let host = options.value("host") ?? "127.0.0.1"
        let port = try options.integer("port", in: 0...65535) ?? 8080
        let eventBuffer = try options.integer("event-buffer", in: 1...10_000_000) ?? 10_000
        let defaultCountry = try DuplicatesCommand.defaultCountry(options)
        let security = SecurityPolicy(token: options.value("token"), allowedOrigins: Set(options.all("allow-origin")),
                                      loopbackOnly: isLoopback(host))
        let gitAuthor = try options.value("git-author").map { text throws(UsageError) in
            guard let author = GitAuthor(text) else { throw UsageError("--git-author must be 'Name <email>', not \(text)") }
            return author
        }
        let syncRemote = options.value("git-sync")
        let syncInterval = try gitSyncInterval(options)

        // Signals are blocked before any thread starts, so only the waiting thread receives them.
        TerminationSignals.block()
        try SharedOptions.prepareFolder(directory)
        if let syncRemote { try checkSyncRemote(syncRemote, directory: directory) }
        // Under --git (and --git-sync, which pushes those commits), changes made through the API
        // are also committed, after the answer (SPEC §9).
        let committer = options.flag("git") || syncRemote != nil
            ? GitCommitter(directory: directory, author: gitAuthor, log: { logger.warning($0) }) : nil
        // Every change of the store, made through the API or found in the folder, becomes one
        // event, updates the duplicate groups, and goes to the committer.
        let served = ServedStore(directory: directory, eventBuffer: eventBuffer, defaultCountry: defaultCountry, committer: committer)
        let store = served.store
        var sync: GitSync?
        if let syncRemote, let committer {
            sync = GitSync(store: store, committer: committer, author: gitAuthor,
                           configuration: .init(remote: syncRemote, interval: syncInterval, mergeDriver: try mergeDriverCommand()),
                           note: { logger.info($0) }, warn: { logger.warning($0) })
        }
        let api = CardboxAPI(store: store, events: served.events, duplicates: served.duplicates, security: security, logger: logger, loading: true,
                             gitSync: sync)
        let server = try listen(api: api, host: host, port: port, logger: logger)
        logger.info("cardbox \(CardboxVersion.current): loading \(directory)")
        // The watcher starts before the load: a change made while loading is queued
        // by inotify and reconciled right after it (the load holds the store's writer lock).
        let watcher = FolderWatcher(store: store)
        do {
            try watcher.start()
        } catch {
            server.stop()
            throw UsageError("cannot watch folder \(directory): \(error)")
        }
        let progressEvery = 20_000
        let started = WallClock.monotonicNanoseconds()
        do {
            try store.load(progress: { done, total in
                api.reportLoadingProgress(filesRead: done, filesTotal: total)
                if total >= progressEvery, done % progressEvery < 256 { logger.info("loading: \(done)/\(total) files") }
            })
        } catch {
            server.stop()
            watcher.stop()
            throw UsageError("cannot read folder \(directory): \(error)")
        }
        api.finishLoading()
        let status = store.status()
        let seconds = Double((WallClock.monotonicNanoseconds() - started) / 1_000_000) / 1000
        logger.info("loaded \(status.contacts) contacts (\(status.deleted) deleted), \(status.groups) groups, "
                    + "\(status.problems.count) problems, \(status.warnings.count) warnings in \(seconds) s")
        for problem in status.problems.prefix(20) {
            logger.warning("problem: \(directory)/\(problem.file):\(problem.line): \(problem.reason)")
        }
        if status.problems.count > 20 { logger.warning("… and \(status.problems.count - 20) more problems (cardbox check lists them all)") }
        for warning in status.warnings.prefix(20) { logger.warning("warning: \(directory)/\(warning.file): \(warning.reason)") }

        let inGitWorkTree = (try? Git(directory: directory).run(["rev-parse", "--is-inside-work-tree"]).text) == "true"
        if committer != nil && !inGitWorkTree {
            logger.warning("--git: \(directory) is not in a git work tree (or git is not installed); changes will be committed once it is")
        }
        // The first walk of a long git history takes a while: done in the background now, history requests stay fast.
        if inGitWorkTree { DispatchQueue.global(qos: .utility).async { api.history.prepare() } }

        if let sync, let syncRemote {
            logger.info("git-sync: with \(syncRemote) every \(syncInterval)")
            sync.start()
        }
        logger.info("ready: every route answers")
        if security.token == nil && !security.loopbackOnly {
            logger.warning("listening beyond loopback without --token: anyone who can reach this address can change your contacts")
        }
        let signal = TerminationSignals.wait()
        logger.info("signal \(signal): finishing requests in flight, then stopping")
        // WebSocket clients hear 1001 going away rather than a dropped connection.
        api.closeEventStreams()
        server.stop()
        watcher.stop()
        sync?.stop()
        committer?.finish()
        logger.info("stopped")
        return 0
    }

    /// Binds and starts serving `api` (which answers `503 LOADING` until the folder
    /// is loaded); exit 2 with one line if the address is unusable or busy.
    static func listen(api: CardboxAPI, host: String, port: Int, logger: Logger) throws -> HTTPServer {
        var configuration = HTTPServer.Configuration()
        configuration.host = host
        configuration.port = UInt16(port)
        let server = HTTPServer(configuration: configuration, errorResponse: APIError.protocolErrorResponse) { request, responder in
            api.handle(request, responder)
        }
        do {
            try server.start()
        } catch {
            throw UsageError("cannot listen on \(host):\(port): \(error)")
        }
        let shownHost = host.contains(":") ? "[\(host)]" : host
        logger.info("listening on http://\(shownHost):\(server.boundPort)")
        return server
    }

    /// `--git-sync-interval`: 60 s when not given; a usage error unless it is a ``GitSyncInterval``.
    static func gitSyncInterval(_ options: CommandLineOptions) throws(UsageError) -> GitSyncInterval {
        guard let text = options.value("git-sync-interval") else { return .standard }
        guard let interval = GitSyncInterval(parsing: text) else {
            throw UsageError("--git-sync-interval must be whole seconds, optionally with s or m (90, 90s, 2m), "
                             + "from 1 s to 24 h, not \(text)")
        }
        return interval
    }

    /// `--git-sync REMOTE` needs the folder in a git work tree with that remote: a usage error otherwise.
    static func checkSyncRemote(_ remote: String, directory: String) throws {
        let git = Git(directory: directory)
        let inside = try? git.run(["rev-parse", "--is-inside-work-tree"])
        guard inside?.text == "true" else { throw UsageError("--git-sync: \(directory) is not in a git work tree (or git is not installed)") }
        guard !remote.hasPrefix("-"), (try? git.run(["remote", "get-url", "--", remote]))?.succeeded == true else {
            throw UsageError("--git-sync: the repository of \(directory) has no remote named '\(remote)' (see git remote -v)")
        }
    }

    /// The vCard merge driver as git runs it: this very binary, by absolute path.
    static func mergeDriverCommand() throws -> String {
        GitSetupCommand.shellQuoted(try GitSetupCommand.executablePath()) + " merge-vcard %O %A %B"
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "127.0.0.1" || host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }
}
