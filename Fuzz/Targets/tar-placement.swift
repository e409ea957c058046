import Compression
import Foundation

/// Arbitrary bytes as the tar stream a container sends for a copy: libarchive reads it member by member (or fails
/// cleanly), and every member the copy would keep lands below its destination, each name component safe for the
/// output tree, so nothing can be written outside the output folder.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTarPlacement(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let path = NSTemporaryDirectory() + "gather-fuzz-tar-\(getpid())"
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else { fatalError("cannot write \(path)") }
    _ = write(descriptor, data, size)
    close(descriptor)
    defer { unlink(path) }
    guard let reader = try? TarReader(path: path) else { return 0 }
    let destination = ["ingress_controllers", "default", "router-0"]
    var members = 0
    while members < 10_000, let entry = try? reader.next() {
        members += 1
        switch ArchiveMemberPlacement.place(entry, top: "conf", destination: destination) {
        case .file(let components), .folder(let components):
            guard Array(components.prefix(destination.count)) == destination else {
                fatalError("\(entry.name.debugDescription) placed outside the destination: \(components)")
            }
            // The output tree sanitises each component further; none may climb, or hold a separator, to begin with.
            for component in components.dropFirst(destination.count)
            where component.isEmpty || component == ".." || component == "." || component.contains("/") {
                fatalError("\(entry.name.debugDescription) gives the component \(component.debugDescription)")
            }
            try? reader.readContents { _ in }
        case .leftOut:
            continue
        }
    }
    return 0
}
