/// How a string is written.
enum ScalarStyle {
    /// As is: `name: etcd`.
    case plain
    /// In double quotes with escapes: `resourceVersion: "12"`.
    case doubleQuoted
    /// A `|` block, one line per line: for multi-line strings.
    case literal
}

/// Chooses how a string is written so that every YAML reader reads it back as that same string.
///
/// A plain scalar is typed by the reader: `true`, `yes`, `on`, `~`, `12`, `0x1F`, `1:20` or `2021-08-03` may come back as
/// a boolean, null, number or date, and readers disagree (PyYAML and go-yaml v2 follow YAML 1.1, which also takes `yes`,
/// `on`, sexagesimal numbers and timestamps); such strings are double-quoted, as go-yaml quotes them. A plain scalar
/// must also not look like YAML syntax (a leading indicator, `: ` or ` #` inside, spaces at either end) or hold
/// characters that are not printable. Multi-line strings get a `|` block when their lines allow it. Everything else is
/// double-quoted, which can hold any string.
enum ScalarStyleChoice {
    private static let reservedWords: Set<String> = [
        "~", "null", "Null", "NULL",
        "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO",
        "true", "True", "TRUE", "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF",
        ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN",
        "<<", "=",
    ]

    /// The style for a string given as its UTF-8 bytes.
    static func style(for bytes: UnsafeBufferPointer<UInt8>) -> ScalarStyle {
        guard let first = bytes.first, let last = bytes.last else { return .doubleQuoted }
        var hasNewline = false
        var plainAllowed = true
        var previous: UInt8 = 0
        for index in bytes.indices {
            let byte = bytes[index]
            switch byte {
            case 0x0A:
                hasNewline = true
            case 0x00..<0x20, 0x7F:
                return .doubleQuoted
            case 0xC2 where index + 1 < bytes.count && bytes[index + 1] < 0xA0:
                return .doubleQuoted  // C1 controls, U+0085 among them
            case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80
                && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
                return .doubleQuoted  // U+2028, U+2029
            case 0xEF where index + 2 < bytes.count && bytes[index + 1] == 0xBB && bytes[index + 2] == 0xBF:
                return .doubleQuoted  // byte order mark
            case 0xEF where index + 2 < bytes.count && bytes[index + 1] == 0xBF && bytes[index + 2] >= 0xBE:
                return .doubleQuoted  // U+FFFE, U+FFFF: not printable for YAML
            case UInt8(ascii: " ") where previous == UInt8(ascii: ":"), UInt8(ascii: "#") where previous == UInt8(ascii: " "):
                plainAllowed = false
            default:
                break
            }
            previous = byte
        }
        if hasNewline {
            return first == UInt8(ascii: " ") || first == 0x0A ? .doubleQuoted : .literal
        }
        guard plainAllowed, first != UInt8(ascii: " "), last != UInt8(ascii: " "), last != UInt8(ascii: ":"),
            !startsWithIndicator(bytes)
        else { return .doubleQuoted }
        if bytes.count <= 6, mayBeReservedWord(first), reservedWords.contains(String(decoding: bytes, as: UTF8.self)) {
            return .doubleQuoted
        }
        if looksNumeric(bytes) || looksLikeDate(bytes) { return .doubleQuoted }
        return .plain
    }

    /// YAML indicators that cannot start a plain scalar: `- ? :` before a space or the end, the others always; and the
    /// document markers `---` and `...`.
    private static func startsWithIndicator(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        switch bytes[0] {
        case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"):
            if bytes.count == 1 || bytes[1] == UInt8(ascii: " ") { return true }
            return bytes.count >= 3 && bytes[0] == UInt8(ascii: "-") && bytes[1] == UInt8(ascii: "-")
                && bytes[2] == UInt8(ascii: "-")
        case UInt8(ascii: "."):
            return bytes.count >= 3 && bytes[1] == UInt8(ascii: ".") && bytes[2] == UInt8(ascii: ".")
        case UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"),
            UInt8(ascii: "#"), UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"),
            UInt8(ascii: ">"), UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"),
            UInt8(ascii: "`"):
            return true
        default:
            return false
        }
    }

    /// The first letters of ``reservedWords``: most strings are ruled out without building a `String`.
    private static func mayBeReservedWord(_ first: UInt8) -> Bool {
        switch first | 0x20 {
        case UInt8(ascii: "n"), UInt8(ascii: "y"), UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "o"): return true
        default: return first == UInt8(ascii: "~") || first == UInt8(ascii: ".") || first == UInt8(ascii: "+")
            || first == UInt8(ascii: "-") || first == UInt8(ascii: "<") || first == UInt8(ascii: "=")
        }
    }

    /// Whether a reader might take it for a number of any YAML version: it starts like a number (`1`, `-1`, `.5`,
    /// `+.5`) and holds only characters of numbers (`0x1F`, `1_000`, `1:20`, `1e3`, `0o17`). Quoting a few strings that
    /// are not numbers (`10.0.0.1`) costs nothing.
    private static func looksNumeric(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        if bytes[0] == UInt8(ascii: "+") || bytes[0] == UInt8(ascii: "-") { index = 1 }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") { index += 1 }
        guard index < bytes.count, isDigit(bytes[index]) else { return false }
        return bytes.allSatisfy { byte in
            isDigit(byte) || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z"))
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":")
                || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
        }
    }

    /// YAML 1.1 timestamps (`2001-12-14 21:59:43.10 -5`) may hold spaces: quote anything that starts `dddd-`.
    private static func looksLikeDate(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.count >= 5 && bytes[0..<4].allSatisfy(isDigit) && bytes[4] == UInt8(ascii: "-")
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
}
