import Foundation

/// A unique temporary folder for one test, removed when the test ends; shared
/// by the store and command-line tests.
public final class TemporaryFolder {
    /// The folder's absolute path.
    public let path: String

    /// Creates `<tmp>/<prefix><uuid>`.
    public init(prefix: String = "cardbox-test-") {
        path = NSTemporaryDirectory() + prefix + UUID().uuidString.lowercased()
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// A path inside the folder (not created).
    public func sub(_ name: String) -> String { path + "/" + name }

    /// Writes `text` as UTF-8 to `name` inside the folder.
    public func write(_ name: String, _ text: String) {
        write(name, bytes: Array(text.utf8))
    }

    /// Writes `bytes` to `name` inside the folder, creating the subfolders it names.
    public func write(_ name: String, bytes: [UInt8]) {
        let full = sub(name)
        try! FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent,
                                                 withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: full, contents: Data(bytes))
    }

    /// The bytes of `name` inside the folder, or nil when it cannot be read.
    public func read(_ name: String) -> [UInt8]? {
        FileManager.default.contents(atPath: sub(name)).map { Array($0) }
    }

    /// The text of `name` inside `folder` (default: this folder), or "" when it cannot be read.
    public func text(_ name: String, in folder: String? = nil) -> String {
        FileManager.default.contents(atPath: (folder ?? path) + "/" + name).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    /// Every name in the folder, sorted.
    public var fileNames: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
    }

    /// The `.vcf` names in `folder` (default: this folder), sorted.
    public func vcfNames(in folder: String? = nil) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder ?? path)) ?? []).filter { $0.hasSuffix(".vcf") }.sorted()
    }
}
