import Glibc

/// Waits synchronously for `SIGINT` or `SIGTERM`, so a server can stop gracefully.
///
/// Call ``block()`` first thing in `main`, before any thread starts: threads
/// inherit the signal mask, and a signal must not be delivered (with its
/// default action, terminating the process) to a thread that is not waiting for
/// it. Then start the server and call ``wait()``, which returns the signal
/// that arrived:
///
/// ```swift
/// TerminationSignals.block()
/// let server = HTTPServer(configuration, handler: handler)
/// try server.start()
/// _ = TerminationSignals.wait()
/// server.stop()
/// ```
public enum TerminationSignals {
    private static var set: sigset_t {
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        sigaddset(&set, SIGTERM)
        return set
    }

    /// Blocks `SIGINT` and `SIGTERM` in the calling thread and the threads it
    /// starts afterwards. The corresponding C function is `pthread_sigmask`.
    public static func block() {
        var set = set
        pthread_sigmask(SIG_BLOCK, &set, nil)
    }

    /// Waits for `SIGINT` or `SIGTERM` and returns its number.
    /// The corresponding C function is `sigwait`.
    public static func wait() -> Int32 {
        var set = set
        var signal: Int32 = 0
        while sigwait(&set, &signal) != 0 {}
        return signal
    }
}
