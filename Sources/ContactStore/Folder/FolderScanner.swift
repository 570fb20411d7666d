import Dispatch
import Platform
import Synchronization

/// Reads every contact file of a folder in parallel on all cores.
///
/// Listing follows SPEC §1: regular files named `*.vcf` (any case) that do not
/// start with `.`; subfolders and everything else are ignored. Each file is read
/// and handed to `transform` on a worker thread, so callers turn bytes into what
/// they keep (an index entry, a check result) without holding every file in memory.
public enum FolderScanner {
    /// One file as read from disk.
    public struct File: Sendable {
        public let name: String
        public let bytes: [UInt8]
        public let status: FileStatus
    }

    /// The contact file names in `directory`, sorted unless `sorted` is false
    /// (the store does not need the order; sorting 100k names costs ~50 ms).
    public static func contactFileNames(in directory: String, sorted: Bool = true) throws(Errno) -> [String] {
        let names = try FileSystem.listDirectory(directory)
            .filter { $0.isRegularFile && ContactFileName.isContactFile($0.name) }
            .map(\.name)
        return sorted ? names.sorted() : names
    }

    /// Reads every contact file of `directory` and maps it with `transform` in
    /// parallel. Files that vanish while scanning are skipped; files that cannot
    /// be read are passed to `unreadable`. Results come back in file-name order
    /// when `sorted` (else in directory order).
    /// - Parameter progress: called now and then with (files done, total).
    public static func scan<T: Sendable>(
        directory: String,
        sorted: Bool = true,
        progress: (@Sendable (Int, Int) -> Void)? = nil,
        unreadable: @Sendable (String, Errno) -> T?,
        transform: @Sendable (File) -> T?
    ) throws(Errno) -> [T] {
        let names = try contactFileNames(in: directory, sorted: sorted)
        let chunkSize = 256
        let chunkCount = (names.count + chunkSize - 1) / chunkSize
        let results = Mutex<[Int: [T]]>([:])
        let done = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
            var local: [T] = []
            let range = (chunk * chunkSize)..<min(names.count, (chunk + 1) * chunkSize)
            let folder = try? FileDescriptor.open(directory, .readOnly, options: .directory)
            defer { folder?.close() }
            for name in names[range] {
                do throws(Errno) {
                    let (bytes, status) = try FileSystem.readFile(name, relativeTo: folder, in: directory)
                    if let value = transform(File(name: name, bytes: bytes, status: status)) { local.append(value) }
                } catch where error == .noSuchFile {
                    continue
                } catch {
                    if let value = unreadable(name, error) { local.append(value) }
                }
            }
            results.withLock { $0[chunk] = local }
            let finished = done.add(range.count, ordering: .relaxed).newValue
            progress?(finished, names.count)
        }
        return results.withLock { chunks in (0..<chunkCount).flatMap { chunks[$0] ?? [] } }
    }
}
