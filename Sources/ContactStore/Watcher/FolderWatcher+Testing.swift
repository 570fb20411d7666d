/// Hooks for tests that need the kernel to lose events (SPEC §4: an inotify
/// queue overflow ends with the index equal to the folder).
extension FolderWatcher {
    /// Behaves as if the kernel's queue overflowed now: events queued so far are
    /// dropped and the folder is rescanned instead.
    func simulateQueueOverflow() {
        control.withLock { control in
            control.pendingOverflows += 1
            control.running?.wake.signal()
        }
    }

    /// Stops (true) or resumes (false) reading inotify; meanwhile events pile up
    /// in the kernel queue, which overflows for real past
    /// `/proc/sys/fs/inotify/max_queued_events`. Idle waits do not complete while suspended.
    func suspendReading(_ suspended: Bool) {
        control.withLock { control in
            control.readingSuspended = suspended
            control.running?.wake.signal()
        }
    }
}
