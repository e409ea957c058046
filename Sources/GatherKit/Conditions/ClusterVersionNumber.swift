/// A release version compared by its numbers (`4.10.3` is after `4.9`), as the stock scripts compare with
/// `sort -V`. A pre-release or build suffix (`4.16.0-rc.1`) is ignored.
public struct ClusterVersionNumber: Comparable, Sendable {
    let parts: [Int]

    /// Reads `major.minor[.patch...]`; nil when it does not start with a number.
    public init?(_ text: String) {
        let core = text.split(separator: "-", maxSplits: 1).first.map(String.init) ?? text
        var parts: [Int] = []
        for piece in core.split(separator: ".") {
            guard let number = Int(piece) else { break }
            parts.append(number)
        }
        guard !parts.isEmpty else { return nil }
        self.parts = parts
    }

    public static func < (left: ClusterVersionNumber, right: ClusterVersionNumber) -> Bool {
        for index in 0..<max(left.parts.count, right.parts.count) {
            let a = index < left.parts.count ? left.parts[index] : 0
            let b = index < right.parts.count ? right.parts[index] : 0
            if a != b { return a < b }
        }
        return false
    }

    public static func == (left: ClusterVersionNumber, right: ClusterVersionNumber) -> Bool {
        !(left < right) && !(right < left)
    }
}
