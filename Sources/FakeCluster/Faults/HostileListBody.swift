import Hummingbird
import NIOCore

/// List bodies a compromised API server might send, to prove that gather survives them: each replaces the body of a
/// matching list with a `ConfigMapList` built to break a naive reader.
enum HostileListBody {
    /// A list whose one item holds `depth` nested arrays: a recursive reader overflows its stack.
    static func deeplyNested(depth: Int) -> ResponseBody {
        var body = Array(listStart.utf8)
        body += Array(#"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"deep"},"data":{"deep":"#.utf8)
        body += [UInt8](repeating: UInt8(ascii: "["), count: depth) + Array("1".utf8)
        body += [UInt8](repeating: UInt8(ascii: "]"), count: depth)
        body += Array("}}]}".utf8)
        return ResponseBody(byteBuffer: ByteBuffer(bytes: body))
    }

    /// A list whose names, keys and values hold bytes that are not UTF-8 (a lone continuation byte, an overlong `/`,
    /// a surrogate, `FF`), escaped NULs and the noncharacters U+FFFE and U+FFFF. Written through unchanged, they make
    /// the YAML file unreadable for every YAML reader.
    static func invalidUTF8() -> ResponseBody {
        var body = Array(listStart.utf8)
        body += Array(#"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"bad-"#.utf8) + [0xFF, 0xFE]
        body += Array(#"-name","labels":{"key-"#.utf8) + [0xC0, 0xAF] + Array(#"":"value-"#.utf8) + [0xED, 0xA0, 0x80]
        body += Array(#""}},"data":{"nul\u0000key":"nul\u0000value","raw-"#.utf8) + [0x80]
        body += Array(#"":"cut-"#.utf8) + [0xE2, 0x82] + Array(#""}},"#.utf8)
        body += Array(#"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"nul\u0000name"},"#.utf8)
        body += Array(#""data":{"\uFFFE":"\uFFFF","tab\there":"bell\u0007"}}]}"#.utf8)
        return ResponseBody(byteBuffer: ByteBuffer(bytes: body))
    }

    /// A list whose first item's name is a string that never ends: the body streams until the client hangs up (or
    /// after `limit` bytes, so a client without a bound does not keep the server busy for ever).
    static func endlessString(limit: Int = 1 << 32) -> ResponseBody {
        ResponseBody { writer in
            try await writer.write(ByteBuffer(string: listStart + #"{"metadata":{"name":""#))
            let chunk = ByteBuffer(repeating: UInt8(ascii: "a"), count: 64 * 1024)
            var sent = 0
            while sent < limit {
                try await writer.write(chunk)
                sent += chunk.readableBytes
            }
            try await writer.finish(nil)
        }
    }

    private static let listStart = #"{"kind":"ConfigMapList","apiVersion":"v1","metadata":{"resourceVersion":"1"},"items":["#
}
