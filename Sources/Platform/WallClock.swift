import Glibc

/// The system's real-time clock (for timestamps written into files), and a
/// monotonic clock (for timeouts and latency measurements).
public enum WallClock {
    /// Seconds since 1970-01-01T00:00:00Z. The corresponding C function is `clock_gettime(CLOCK_REALTIME)`.
    public static func secondsSince1970() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int64(time.tv_sec)
    }

    /// Monotonic nanoseconds since an arbitrary start. The corresponding C function is `clock_gettime(CLOCK_MONOTONIC)`.
    public static func monotonicNanoseconds() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }
}
