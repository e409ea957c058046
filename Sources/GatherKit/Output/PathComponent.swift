/// Turns names from the server or a spec into safe file names: never empty, never `.` or `..`, no `/`, no NUL or
/// control bytes, at most 200 bytes. Everything a gather writes is built from these.
public enum PathComponent {
    /// The most bytes a component may have (file systems allow 255; room is left for suffixes such as `.partial`).
    public static let maximumBytes = 200

    /// A safe file name for `name`. Names that are already safe come back unchanged; others are rewritten
    /// deterministically (`/` and control bytes become `_`, dot-only names gain a `_` prefix, long names are cut and
    /// end with a hash of the whole name so two long names never collide).
    static func sanitize(_ name: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(name.utf8.count)
        for byte in name.utf8 {
            switch byte {
            case UInt8(ascii: "/"), UInt8(ascii: "\\"), 0..<0x20, 0x7F: bytes.append(UInt8(ascii: "_"))
            default: bytes.append(byte)
            }
        }
        var text = String(decoding: bytes, as: UTF8.self)
        if text.isEmpty { text = "_" }
        if text.allSatisfy({ $0 == "." }) { text = "_" + text }
        if text.utf8.count > maximumBytes {
            let hash = String(fnv1a(name), radix: 16)
            var cut = text
            while cut.utf8.count > maximumBytes - hash.count - 1 { cut.removeLast() }
            text = cut + "-" + hash
        }
        return text
    }

    /// Whether `name` is usable as it is.
    public static func isSafe(_ name: String) -> Bool { sanitize(name) == name }

    private static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }
}
