// libFuzzer entry point for the vCard reader and writer. Not a SwiftPM target:
// compiled together with Sources/VCard by Tests/Fuzz/fuzz-vcard.sh.
//
// Each input is read; every property's decoded views are taken; every card that
// reads is serialized (must give back the input's bytes for its span), upgraded
// to 4.0, written fresh and read again.
// Any crash, or a card whose fresh serialization does not read back, is a bug.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzVCard(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let cards = try? VCardReader.read(bytes) else { return 0 }
    var joined: [UInt8] = []
    for card in cards {
        joined += card.serialized()
        // Every decoded view (quoted-printable, base64 text, charsets, escapes) must not trap.
        for property in card.properties {
            _ = property.textValue
            _ = property.components
            _ = property.preference
        }
        let fresh = card.upgradedToVersion4().serialized()
        guard let again = try? VCardReader.read(fresh), again.count == 1 else {
            fatalError("fresh 4.0 serialization does not read back")
        }
        let upgraded = card.upgradedToVersion4()
        guard again[0].properties.map(\.upperName) == upgraded.properties.map(\.upperName),
              again[0].properties.map(\.value) == upgraded.properties.map(\.value) else {
            fatalError("fresh 4.0 serialization does not read back the same properties")
        }
    }
    // UTF-16 input is transcoded to UTF-8 before reading, so only UTF-8 input round-trips byte for byte.
    let isUTF16 = bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
    guard isUTF16 || joined == bytes else { fatalError("unchanged cards did not serialize to their input") }
    return 0
}
