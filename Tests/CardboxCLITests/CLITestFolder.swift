import Foundation

/// A unique temporary folder for one CLI test, removed when the test ends.
final class CLITestFolder {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "cardbox-cli-test-" + UUID().uuidString.lowercased()
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// A path inside the folder (not created).
    func sub(_ name: String) -> String { path + "/" + name }

    func write(_ name: String, _ text: String) {
        _ = FileManager.default.createFile(atPath: sub(name), contents: Data(text.utf8))
    }

    func read(_ name: String, in folder: String? = nil) -> String {
        let full = (folder ?? path) + "/" + name
        return FileManager.default.contents(atPath: full).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    /// The `.vcf` names in `folder` (default: this folder), sorted.
    func vcfNames(in folder: String? = nil) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder ?? path)) ?? []).filter { $0.hasSuffix(".vcf") }.sorted()
    }
}

/// The path of a fixture file.
func fixture(_ relativePath: String) -> String {
    repositoryRoot.appendingPathComponent("fixtures/vcard/" + relativePath).path
}

/// A minimal vCard 4.0 card, CRLF.
func card(fn: String, uid: String? = nil, extra: [String] = []) -> String {
    var lines = ["BEGIN:VCARD", "VERSION:4.0"]
    if let uid { lines.append("UID:\(uid)") }
    lines.append("FN:\(fn)")
    lines += extra
    lines.append("END:VCARD")
    return lines.joined(separator: "\r\n") + "\r\n"
}
