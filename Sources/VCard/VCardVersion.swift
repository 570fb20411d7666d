import ByteText

/// The vCard versions Cardbox reads. Writing is always 4.0 for new files,
/// 3.0 kept for 3.0 files (SPEC §1.1).
public enum VCardVersion: String, Sendable, Hashable {
    case v2_1 = "2.1"
    case v3_0 = "3.0"
    case v4_0 = "4.0"

    /// Reads a `VERSION` value; unknown values are nil.
    public init?(value: String) {
        switch value.trimmingASCIIWhitespace() {
        case "2.1", "2.0": self = .v2_1
        case "3.0": self = .v3_0
        case "4.0": self = .v4_0
        default: return nil
        }
    }
}
