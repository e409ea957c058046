#if canImport(Glibc)
import Glibc
#endif

/// libarchive converts entry names with the calling thread's locale. In the C locale that a container starts with, it
/// cannot convert a non-ASCII name (and the pax writer then crashes on a null name), so every header is written with
/// C.UTF-8 as the thread's locale, set and restored around the call, leaving the process's locale alone.
enum UTF8Locale {
    nonisolated(unsafe) private static let handle = newlocale(LC_CTYPE_MASK, "C.UTF-8", nil)

    /// Runs `body` with the thread's locale set to C.UTF-8 (when the C library has it).
    static func run<Result, Failure: Error>(_ body: () throws(Failure) -> Result) throws(Failure) -> Result {
        guard let handle else { return try body() }
        let previous = uselocale(handle)
        defer { uselocale(previous) }
        return try body()
    }
}
