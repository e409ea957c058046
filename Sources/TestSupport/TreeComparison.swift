import Foundation

/// Two folders compared file by file: paths, contents and permission bits.
public enum TreeComparison {
    /// What differs between the trees under `left` and `right`, one line per difference (empty when equal).
    public static func differences(_ left: String, _ right: String) -> [String] {
        let leftFiles = RegularFiles.list(under: left)
        let rightFiles = RegularFiles.list(under: right)
        var found: [String] = []
        for path in Set(leftFiles).symmetricDifference(rightFiles).sorted() {
            found.append("\(path): only under \(leftFiles.contains(path) ? left : right)")
        }
        for path in Set(leftFiles).intersection(rightFiles).sorted() {
            let leftPath = left + "/" + path
            let rightPath = right + "/" + path
            if FileManager.default.contents(atPath: leftPath) != FileManager.default.contents(atPath: rightPath) {
                found.append("\(path): contents differ")
            }
            if permissions(leftPath) != permissions(rightPath) {
                found.append("\(path): permissions differ")
            }
        }
        return found
    }

    /// The permission bits of `path`.
    public static func permissions(_ path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue
    }
}
