import Testing

/// Integer flags of `cardbox serve` at their extremes: one usage line and exit 2,
/// before anything is bound or loaded.
@Suite("cardbox serve integer flags")
struct ServeFlagBoundsTests {
    static let invalid = [
        "9223372036854775807", "-9223372036854775808", "18446744073709551616", String(repeating: "9", count: 300),
        "+80", "-0", " 80", "80 ", "8e3", "",
    ]

    @Test(arguments: invalid + ["65536", "-1"])
    func portOutsideItsRangeIsAUsageError(value: String) throws {
        let result = try runCardbox(["serve", "--port=" + value, "--dir", "/nonexistent-cardbox-never-created"])
        #expect(result.status == 2, "--port \(value)")
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.stderr.contains("--port must be a whole number from 0 to 65535"))
    }

    @Test(arguments: invalid + ["0", "10000001"])
    func eventBufferOutsideItsRangeIsAUsageError(value: String) throws {
        let result = try runCardbox(["serve", "--event-buffer=" + value, "--dir", "/nonexistent-cardbox-never-created"])
        #expect(result.status == 2, "--event-buffer \(value)")
        #expect(result.stderr.contains("--event-buffer must be a whole number"))
    }

    @Test func integerFlagsFromTheEnvironmentAreCheckedTheSameWay() throws {
        let result = try runCardbox(["serve", "--dir", "/nonexistent-cardbox-never-created"],
                                    environment: ["CARDBOX_PORT": "18446744073709551616"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--port must be a whole number"))
    }
}
