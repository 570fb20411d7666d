// libFuzzer entry point for the three-way vCard merge. Not a SwiftPM target:
// compiled together with Sources/VCard by Tests/Fuzz/fuzz-vcard-merge.sh.
//
// An input is BASE, OURS and THEIRS separated by 0xFF bytes (never in UTF-8).
// A merge either reports the unreadable side or gives bytes that read back as
// exactly one card; and a merge where THEIRS is BASE gives OURS's bytes exactly.
// Anything else, or a crash, is a bug.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzVCardMerge(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let parts = bytes.split(separator: 0xFF, maxSplits: 2, omittingEmptySubsequences: false).map(Array.init)
    guard parts.count == 3 else { return 0 }
    guard let merged = try? VCardMerge.merge(base: parts[0], ours: parts[1], theirs: parts[2]) else { return 0 }
    guard let cards = try? VCardReader.read(merged), cards.count == 1 else { fatalError("the merge gave no single readable card") }
    let isUTF16 = parts[1].starts(with: [0xFE]) || parts[1].starts(with: [0xFF])
    if !isUTF16, let ours = try? VCardReader.read(parts[1]), ours.count == 1, !VCardMerge.isLegacy(ours[0]),
       let oursOnly = try? VCardMerge.merge(base: parts[0], ours: parts[1], theirs: parts[0]), oursOnly != parts[1] {
        fatalError("a change on OURS only did not give OURS's bytes")
    }
    return 0
}
