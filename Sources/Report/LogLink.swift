/// A link from the page to a container's log file in the gathered tree, relative to the page.
struct LogLink: Equatable {
    /// What the link reads as: `etcd`, `etcd (previous)`.
    var label: String
    /// The file, relative to the folder the page is written in, each component percent-encoded.
    var href: String

    /// The log files gathered for `container` of a pod, as `oc adm inspect` lays them out
    /// (`namespaces/NS/pods/POD/C/C/logs/current.log`, gzipped or not, and `previous.log`).
    static func links(namespace: String, pod: String, container: String, in folder: MustGatherFolder) -> [LogLink] {
        guard [namespace, pod, container].allSatisfy(isPlainComponent) else { return [] }
        let logs = "namespaces/\(namespace)/pods/\(pod)/\(container)/\(container)/logs/"
        var links: [LogLink] = []
        for (file, label) in [("current.log", container), ("previous.log", "\(container) (previous)")] {
            guard let found = [file, file + ".gz"].first(where: { folder.exists(logs + $0) }) else { continue }
            let components = (folder.dataPrefix + logs + found).split(separator: "/").map { percentEncoded(String($0)) }
            links.append(LogLink(label: label, href: components.joined(separator: "/")))
        }
        return links
    }

    /// Whether a name from the cluster can be a path component as it is (otherwise the gather renamed it, and no
    /// link is made rather than a wrong one).
    private static func isPlainComponent(_ name: String) -> Bool {
        !name.isEmpty && name != "." && name != ".." && !name.utf8.contains { $0 == UInt8(ascii: "/") || $0 < 0x20 }
    }

    /// `text` with every byte outside the unreserved set of RFC 3986 percent-encoded.
    private static func percentEncoded(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                result += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return result
    }
}

extension String {
    /// The string with leading zeros up to `width` characters.
    fileprivate func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
