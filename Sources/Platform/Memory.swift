import CSystem

/// Process memory housekeeping.
public enum Memory {
    /// Returns memory that was freed (e.g. the parse buffers of a large folder
    /// load) to the operating system, so resident memory reflects what is kept.
    /// The corresponding C function is `malloc_trim`.
    public static func releaseFreedMemory() {
        _ = csystem_malloc_trim(0)
    }

    /// Starts loading the 64-byte lines of `bytes` into the cache, so a loop
    /// over scattered small buffers overlaps their memory latencies instead of
    /// waiting for each in turn. A hint: it never faults. The corresponding C
    /// function is GCC's `__builtin_prefetch`.
    @inlinable
    public static func prefetch(_ bytes: UnsafeRawBufferPointer) {
        guard let start = bytes.baseAddress else { return }
        for offset in stride(from: 0, to: bytes.count, by: 64) { csystem_prefetch(start + offset) }
    }
}
