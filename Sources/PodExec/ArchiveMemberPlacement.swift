import Compression
import GatherKit

/// Where a member of a tar stream from a pod goes in the output tree, or why it is left out.
///
/// The stream is the container's to write, so nothing in it is trusted: absolute names, `..`, names outside the
/// copied path, links (which could lead a later write out of the output folder) and devices are all left out. What
/// is kept goes below the destination, each name component sanitised by the ``OutputTree``.
enum ArchiveMemberPlacement: Equatable {
    /// A folder or file at these components below the destination.
    case folder([String])
    case file([String])
    /// Left out, with the reason.
    case leftOut(String)

    /// Places `entry` of an archive of `top` (the copied file or folder's name) below `destination`.
    static func place(_ entry: TarReader.Entry, top: String, destination: [String]) -> ArchiveMemberPlacement {
        if entry.name.hasPrefix("/") { return .leftOut("an absolute name") }
        let components = entry.name.split(separator: "/").map(String.init).filter { $0 != "." }
        if components.contains("..") { return .leftOut("a name that climbs with ..") }
        guard components.first == top else { return .leftOut("outside the copied path \(top)") }
        let below = destination + components.dropFirst()
        switch entry.kind {
        case .directory: return .folder(below)
        case .file: return .file(below)
        case .symbolicLink(let target): return .leftOut("a symbolic link to \(target)")
        case .hardLink(let target): return .leftOut("a hard link to \(target)")
        case .special: return .leftOut("a device, FIFO or socket")
        }
    }
}
