import Synchronization

/// The folders of an ``OutputTree`` that this run has made, or has checked to be real folders and not links, so that
/// the next file written into them costs no `lstat` per path component. A pod's log goes seven folders deep; without
/// this, each of tens of thousands of files paid seven `lstat` calls, each walking the whole path.
///
/// Bounded: past `capacity` paths it forgets them all and starts over, so memory does not follow the number of
/// folders. Forgetting only costs the checks again.
///
/// The check it saves is against links that were in the output folder before the run (a reused `--dest-dir`): a
/// folder this run made or checked stays a folder, since only this run writes there. A folder the run removes itself
/// is forgotten (``forget(_:)``), so the next file written into it makes it again.
final class KnownFolders: Sendable {
    private let paths = Mutex<Set<String>>([])
    private let capacity: Int

    /// - Parameter capacity: how many paths to remember before starting over.
    init(capacity: Int = 4096) {
        self.capacity = capacity
    }

    /// Whether `path` is known to be a real folder.
    func contains(_ path: String) -> Bool {
        paths.withLock { $0.contains(path) }
    }

    /// Remembers that `path` is a real folder.
    func insert(_ path: String) {
        paths.withLock { paths in
            if paths.count >= capacity { paths.removeAll(keepingCapacity: true) }
            paths.insert(path)
        }
    }

    /// Forgets `path` and every folder below it: they are gone.
    func forget(_ path: String) {
        paths.withLock { paths in
            paths = paths.filter { $0 != path && !$0.hasPrefix(path + "/") }
        }
    }
}
