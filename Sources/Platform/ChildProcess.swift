import CSystem
import Dispatch
import Glibc
import Synchronization

/// A program run to completion with `posix_spawnp`: standard input from given
/// bytes, standard output and error collected. Used to run `git` (SPEC §9).
///
/// Foundation's `Process` crashed the server when several ran at once under
/// load, and its `waitUntilExit()` polls every 50 ms; this waits with `waitpid`.
/// The child starts with no blocked signals (the server blocks SIGINT/SIGTERM
/// in its threads) and default dispositions; standard input is an unlinked
/// temporary file, so a child that exits early can never raise SIGPIPE here.
public enum ChildProcess {
    /// What a finished child gave back.
    public struct Result: Sendable {
        /// The exit status; 128 + N when killed by signal N; 127 when the program was not found.
        public let status: Int32
        public let output: [UInt8]
        public let errors: [UInt8]
    }

    /// How much of the CPU the child may take from the programs already running.
    public enum Priority: Sendable {
        /// The scheduling of the calling process.
        case normal
        /// Linux's `SCHED_IDLE` policy, from the child's first instruction (every
        /// process it starts inherits it): the child runs only on CPU time no
        /// normal thread wants, and a normal thread that wakes takes the core from
        /// it at once. For work done after an answer (`--git` commits) that must
        /// not delay the next answer. On a machine kept busy by other programs the
        /// child waits for them.
        case background
    }

    /// Runs `arguments[0]` (looked up on PATH) with `arguments` and `environment`
    /// (`KEY=value` entries) at `priority` and waits for it.
    public static func run(_ arguments: [String], environment: [String], input: [UInt8] = [],
                           priority: Priority = .normal) throws(Errno) -> Result {
        guard priority == .background else { return try spawnAndWait(arguments, environment: environment, input: input) }
        // A child starts with the scheduling of the thread that spawns it, and glibc's
        // posix_spawnattr_setschedpolicy takes only SCHED_OTHER, SCHED_FIFO and SCHED_RR:
        // a thread of its own moves to SCHED_IDLE (for good: leaving it needs privileges), then spawns.
        let outcome = SpawnOutcome()
        let thread = try ThreadHandle.spawn {
            var parameters = sched_param()
            parameters.sched_priority = 0
            _ = sched_setscheduler(0, csystem_sched_idle(), &parameters)
            do throws(Errno) {
                outcome.result = .success(try spawnAndWait(arguments, environment: environment, input: input))
            } catch {
                outcome.result = .failure(error)
            }
        }
        thread.join()
        return try outcome.result.get()
    }

    private static func spawnAndWait(_ arguments: [String], environment: [String], input: [UInt8]) throws(Errno) -> Result {
        let stdinFile = try inputFile(input)
        defer { stdinFile.close() }
        let stdout = try makePipe(), stderr = try makePipe()
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdinFile.rawValue, 0)
        posix_spawn_file_actions_adddup2(&actions, stdout.write.rawValue, 1)
        posix_spawn_file_actions_adddup2(&actions, stderr.write.rawValue, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGINT, SIGTERM, SIGCHLD] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup($0) } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid = pid_t()
        let spawned = posix_spawnp(&pid, arguments[0], &actions, &attributes, argv, envp)
        stdout.write.close()
        stderr.write.close()
        guard spawned == 0 else {
            stdout.read.close()
            stderr.read.close()
            throw Errno(rawValue: spawned)
        }
        // Standard error is drained on another thread so neither pipe can fill up and stall the child.
        let errors = ErrorBytes()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) {
            errors.bytes = (try? stderr.read.readToEnd()) ?? []
        }
        let output = (try? stdout.read.readToEnd()) ?? []
        group.wait()
        stdout.read.close()
        stderr.read.close()
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exit = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return Result(status: exit, output: output, errors: errors.bytes)
    }

    private static func makePipe() throws(Errno) -> (read: FileDescriptor, write: FileDescriptor) {
        // A child spawned by another thread between pipe() and fcntl() may inherit
        // these ends and hold them until it exits: the reader then only waits for it too.
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw Errno.current }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        return (FileDescriptor(rawValue: fds[0]), FileDescriptor(rawValue: fds[1]))
    }

    /// An unlinked temporary file holding `bytes`, positioned at its start.
    private static func inputFile(_ bytes: [UInt8]) throws(Errno) -> FileDescriptor {
        var template = Array("/tmp/cardbox-stdin-XXXXXX".utf8CString)
        let fd = mkstemp(&template)
        guard fd >= 0 else { throw Errno.current }
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        unlink(template)
        let file = FileDescriptor(rawValue: fd)
        do throws(Errno) {
            try file.writeAll(bytes)
        } catch {
            file.close()
            throw error
        }
        lseek(fd, 0, SEEK_SET)
        return file
    }
}

/// Standard error of one child, filled in by the thread that reads it.
private final class ErrorBytes: Sendable {
    private let stored = Mutex<[UInt8]>([])

    var bytes: [UInt8] {
        get { stored.withLock { $0 } }
        set { stored.withLock { $0 = newValue } }
    }
}

/// What a child run on a thread of its own came to, handed back to the caller.
private final class SpawnOutcome: Sendable {
    private let stored = Mutex<Swift.Result<ChildProcess.Result, Errno>>(.failure(Errno(rawValue: ECHILD)))

    var result: Swift.Result<ChildProcess.Result, Errno> {
        get { stored.withLock { $0 } }
        set { stored.withLock { $0 = newValue } }
    }
}
