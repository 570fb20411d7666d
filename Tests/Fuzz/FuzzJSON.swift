// libFuzzer entry point for the JSON parser and writer. Not a SwiftPM target:
// compiled together with Sources/JSON by Tests/Fuzz/fuzz.sh json.
//
// Invariants: no crash; a value that parses is written back as JSON that
// parses to the same value, and writing that again gives the same bytes.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let value = try? JSONParser.parse(bytes) else { return 0 }
    var writer = JSONWriter(capacity: size)
    writer.value(value)
    guard let again = try? JSONParser.parse(writer.bytes) else { fatalError("written JSON does not parse") }
    guard again == value else { fatalError("written JSON parses to another value") }
    var second = JSONWriter(capacity: size)
    second.value(again)
    guard second.bytes == writer.bytes else { fatalError("writing is not stable") }
    return 0
}
