import CSystem

/// Substring search over bytes, for the index's full-text search.
public enum ByteSearch {
    /// True when `needle` occurs in `haystack`. The corresponding C function is `memmem`.
    public static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        if needle.isEmpty { return true }
        if haystack.count < needle.count { return false }
        return haystack.withUnsafeBytes { h in
            needle.withUnsafeBytes { n in csystem_memmem(h.baseAddress!, h.count, n.baseAddress!, n.count) != nil }
        }
    }
}
