import Dispatch
import Platform
import Synchronization

/// Reads the contact files of a folder in parallel on all cores.
///
/// Which names are contact files is ``FolderListing``'s decision (SPEC §1).
/// Each file is read and handed to `transform` on a worker thread, so callers
/// turn bytes into what they keep (an index entry, a check result) without
/// holding every file in memory.
public enum FolderScanner {
    /// One file as read from disk.
    public struct File: Sendable {
        /// The contact file's name (for a link, the link's name, not its target's).
        public let name: String
        public let bytes: [UInt8]
        public let status: FileStatus
    }

    /// Reads every contact file of `listing` (made from `directory`) and maps it
    /// with `transform` in parallel. Files that vanish while scanning are
    /// skipped; files that cannot be read are passed to `unreadable`. Results
    /// come back in file-name order when `sorted` (else in directory order).
    /// - Parameter progress: called now and then with (files done, total).
    public static func scan<T: Sendable>(
        _ listing: FolderListing,
        directory: String,
        sorted: Bool = true,
        progress: (@Sendable (Int, Int) -> Void)? = nil,
        unreadable: @Sendable (String, Errno) -> T?,
        transform: @Sendable (File) -> T?
    ) -> [T] {
        // Sorting 100k names costs ~50 ms: the store does not need the order.
        let files = sorted ? listing.contactFiles.sorted { $0.name < $1.name } : listing.contactFiles
        let chunkSize = 256
        let chunkCount = (files.count + chunkSize - 1) / chunkSize
        let results = Mutex<[Int: [T]]>([:])
        let done = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
            var local: [T] = []
            let range = (chunk * chunkSize)..<min(files.count, (chunk + 1) * chunkSize)
            let folder = try? FileDescriptor.open(directory, .readOnly, options: .directory)
            defer { folder?.close() }
            for file in files[range] {
                do throws(Errno) {
                    // Never through a link: a link's target was checked to be a regular file of the folder.
                    let (bytes, status) = try FileSystem.readFile(file.readName, relativeTo: folder, in: directory, options: .noFollow)
                    if let value = transform(File(name: file.name, bytes: bytes, status: status)) { local.append(value) }
                } catch where error == .noSuchFile {
                    continue
                } catch {
                    if let value = unreadable(file.name, error) { local.append(value) }
                }
            }
            results.withLock { $0[chunk] = local }
            let finished = done.add(range.count, ordering: .relaxed).newValue
            progress?(finished, files.count)
        }
        return results.withLock { chunks in (0..<chunkCount).flatMap { chunks[$0] ?? [] } }
    }
}
