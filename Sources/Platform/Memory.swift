import CSystem

/// Process memory housekeeping.
public enum Memory {
    /// Returns memory that was freed (e.g. the parse buffers of a large folder
    /// load) to the operating system, so resident memory reflects what is kept.
    /// The corresponding C function is `malloc_trim`.
    public static func releaseFreedMemory() {
        _ = csystem_malloc_trim(0)
    }
}
