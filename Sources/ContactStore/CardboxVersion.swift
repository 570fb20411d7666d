/// The version Cardbox reports in `--version` and `/status`.
public enum CardboxVersion {
    public static let current = "0.1.0"
}
