import CardboxAPI
@testable import ContactStore
import JSON
import TestSupport
import Testing

/// A store over a fresh temporary folder, loaded, with its changes recorded.
final class StoreFixture: Sendable {
    let folder = TemporaryFolderBox()
    let store: ContactStore
    let changes = ChangeLog()

    init(files: [String: String] = [:], byteFiles: [String: [UInt8]] = [:]) throws {
        for (name, text) in files { folder.value.write(name, text) }
        for (name, bytes) in byteFiles { folder.value.write(name, bytes: bytes) }
        store = ContactStore(directory: folder.value.path, changes: changes)
        try store.load()
    }

    var path: String { folder.value.path }

    func file(_ name: String) -> String {
        String(decoding: folder.value.read(name) ?? [], as: UTF8.self)
    }

    /// Creates a contact from a JSON body.
    @discardableResult
    func create(_ json: String) throws -> IndexEntry {
        try store.create(ContactInput.creation(JSONParser.parse(json))).entry
    }

    func patch(_ id: String, _ json: String, ifMatch: ExpectedETag? = nil) throws -> WriteOutcome {
        try store.update(id: id, ifMatch: ifMatch, ContactInput.update(JSONParser.parse(json)))
    }
}

/// Keeps a TemporaryFolder alive inside a Sendable fixture.
final class TemporaryFolderBox: @unchecked Sendable {
    let value = TemporaryFolder()
}

/// The changes a store published, in order.
final class ChangeLog: StoreChangeSink, @unchecked Sendable {
    private let lock = NSLockLike()
    private var items: [StoreChange] = []

    func publish(_ change: StoreChange) { lock.locked { items.append(change) } }
    var all: [StoreChange] { lock.locked { items } }
}

import Foundation

/// A tiny lock for test bookkeeping.
final class NSLockLike: @unchecked Sendable {
    private let lock = NSLock()
    func locked<T>(_ body: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body()
    }
}

import Platform

enum FileSystemStatus {
    static func of(_ path: String) throws -> FileStatus { try FileSystem.status(path) }
}

func FileManagerRemove(_ path: String) throws {
    try FileManager.default.removeItem(atPath: path)
}
