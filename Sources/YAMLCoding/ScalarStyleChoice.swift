import CLibYAML

/// Chooses how a string is written so that every YAML reader reads it back as that same string.
///
/// A plain scalar is typed by the reader: `true`, `yes`, `on`, `~`, `12`, `0x1F`, `1:20` or `2021-08-03` may come back as
/// a boolean, null, number or date, and readers disagree (PyYAML and go-yaml v2 follow YAML 1.1, which also takes `yes`,
/// `on`, sexagesimal numbers and timestamps). Such strings are double-quoted, as go-yaml quotes them. Multi-line strings
/// get a `|` block. Everything else is asked for plain, and libyaml falls back to quotes wherever plain is not allowed
/// (leading spaces, `: ` inside, a leading indicator).
enum ScalarStyleChoice {
    private static let reservedWords: Set<String> = [
        "~", "null", "Null", "NULL",
        "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO",
        "true", "True", "TRUE", "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF",
        ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN",
        "<<", "=",
    ]

    /// The style to ask libyaml for, given the string's UTF-8 bytes.
    static func style(for bytes: UnsafeBufferPointer<UInt8>) -> yaml_scalar_style_t {
        guard let first = bytes.first else { return YAML_DOUBLE_QUOTED_SCALAR_STYLE }
        var hasNewline = false
        for index in bytes.indices {
            switch bytes[index] {
            case 0x0A: hasNewline = true
            case 0x0D, 0xC2, 0xE2: if isUnusualBreak(bytes, at: index) { return YAML_DOUBLE_QUOTED_SCALAR_STYLE }
            default: continue
            }
        }
        if hasNewline { return YAML_LITERAL_SCALAR_STYLE }
        if bytes.count <= 6, mayBeReservedWord(first), reservedWords.contains(String(decoding: bytes, as: UTF8.self)) {
            return YAML_DOUBLE_QUOTED_SCALAR_STYLE
        }
        if looksNumeric(bytes) || looksLikeDate(bytes) { return YAML_DOUBLE_QUOTED_SCALAR_STYLE }
        return YAML_PLAIN_SCALAR_STYLE
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

    /// A carriage return or a Unicode line break (U+0085, U+2028, U+2029) at `index`: a `|` block or single quotes would
    /// turn it into a plain newline or a space on reading, so only escapes in double quotes keep it.
    private static func isUnusualBreak(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        switch bytes[index] {
        case 0x0D: return true
        case 0xC2: return index + 1 < bytes.count && bytes[index + 1] == 0x85
        case 0xE2: return index + 2 < bytes.count && bytes[index + 1] == 0x80
            && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9)
        default: return false
        }
    }

    /// YAML 1.1 timestamps (`2001-12-14 21:59:43.10 -5`) may hold spaces: quote anything that starts `dddd-`.
    private static func looksLikeDate(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.count >= 5 && bytes[0..<4].allSatisfy(isDigit) && bytes[4] == UInt8(ascii: "-")
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
}
