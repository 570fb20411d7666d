import Synchronization

/// Whether the folder is still being loaded, and how far it got (SPEC §2.3:
/// the server listens before it loads; meanwhile `/status` answers with
/// `"loading": true` and every other route `503 LOADING`).
final class LoadingState: Sendable {
    /// Files read so far out of the folder's total, while loading.
    struct Progress: Sendable, Equatable {
        var filesRead = 0
        var filesTotal = 0
    }

    /// nil once loaded.
    private let state: Mutex<Progress?>

    init(loading: Bool) {
        state = Mutex(loading ? Progress() : nil)
    }

    /// The progress while loading; nil once loaded.
    var progress: Progress? { state.withLock { $0 } }

    func report(filesRead: Int, filesTotal: Int) {
        state.withLock { progress in
            guard progress != nil else { return }
            progress = Progress(filesRead: filesRead, filesTotal: filesTotal)
        }
    }

    func finish() {
        state.withLock { $0 = nil }
    }
}
