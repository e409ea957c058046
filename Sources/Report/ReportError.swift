/// Why no page could be written.
public enum ReportError: Error, CustomStringConvertible, Equatable {
    /// The path given is missing or not a folder.
    case notAFolder(String)
    /// The folder holds none of the entries a gather writes, at its root or one level down.
    case noGatheredData(String)
    /// The page could not be written.
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case .notAFolder(let path): "\(path) is not a folder"
        case .noGatheredData(let path):
            "\(path) holds no gathered data (no \(MustGatherFolder.markers.joined(separator: ", ")), "
                + "at its root or in a folder inside it)"
        case .cannotWrite(let path, let reason): "cannot write \(path): \(reason)"
        }
    }
}
