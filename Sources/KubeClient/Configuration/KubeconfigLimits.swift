import CYaml
import Foundation

/// Bounds on what the kubeconfig loader reads: a kubeconfig is a few kilobytes nested five levels deep, but the path
/// may name a device, a pipe or a crafted file, and the YAML library builds its nodes by recursion.
enum KubeconfigLimits {
    /// The most bytes read from a kubeconfig or from a certificate, key or token file it names.
    static let maximumFileBytes = 16 * 1024 * 1024
    /// The deepest nesting of mappings and sequences accepted in a kubeconfig.
    static let maximumDepth = 64

    /// The bytes of the file at `path`, refused past ``maximumFileBytes`` (reads at most one byte more, so a device
    /// that never ends is not read whole).
    static func contents(of path: String) throws(ReadProblem) -> Data {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw ReadProblem(description: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var data = Data()
        var block = [UInt8](repeating: 0, count: 64 * 1024)
        while data.count <= maximumFileBytes {
            let count = block.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw ReadProblem(description: String(cString: strerror(errno))) }
            if count == 0 { return data }
            data.append(contentsOf: block[0..<count])
        }
        throw ReadProblem(description: "larger than \(maximumFileBytes) bytes")
    }

    /// Why a file could not be read.
    struct ReadProblem: Error, CustomStringConvertible {
        let description: String
    }

    /// Why `text` nests too deep to be composed into nodes, or nil. Only counts libyaml's events, without recursion;
    /// syntax errors are left for the composer to report.
    static func nestingProblem(_ text: String) -> String? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var depth = 0
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
                defer { yaml_event_delete(&event) }
                switch event.type {
                case YAML_STREAM_END_EVENT: return nil
                case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                    depth += 1
                    if depth > maximumDepth {
                        return "mappings and sequences nest deeper than \(maximumDepth) levels (line \(event.start_mark.line + 1))"
                    }
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT: depth -= 1
                default: break
                }
            }
        }
    }
}
