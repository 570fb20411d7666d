import Foundation

/// The path of a fixture file.
func fixture(_ relativePath: String) -> String {
    repositoryRoot.appendingPathComponent("fixtures/vcard/" + relativePath).path
}
