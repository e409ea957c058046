import Foundation

/// The base64 that Secret `data` values use.
enum Base64 {
    /// `bytes` in standard base64 with padding.
    static func encode(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
    }

    /// The length of what `text` decodes to, from its length and padding (whitespace ignored), without decoding it.
    static func decodedLength(_ text: String) -> Int {
        var characters = 0
        var padding = 0
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "="): padding += 1
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"): continue
            default: characters += 1
            }
        }
        return (characters + padding) / 4 * 3 - padding + (characters + padding) % 4 * 3 / 4
    }
}
