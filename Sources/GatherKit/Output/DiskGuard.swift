import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Keeps a run clear of the line where `oc adm must-gather` kills the pod (70 % of the volume by default, after which
/// nothing is copied back): it stops writes once the volume passes `maximumUsedPercent` or the run has written
/// `byteBudget` bytes.
public struct DiskGuard: Sendable {
    /// The volume usage (as `df` counts it) at which writing stops.
    var maximumUsedPercent: Double
    /// The most bytes the run may write, if set.
    var byteBudget: Int64?

    /// A guard stopping at `maximumUsedPercent` (default 60, under oc's 70) and `byteBudget`.
    public init(maximumUsedPercent: Double = 60, byteBudget: Int64? = nil) {
        self.maximumUsedPercent = maximumUsedPercent
        self.byteBudget = byteBudget
    }

    /// Why writing must stop, or nil while it may go on.
    /// - Parameters:
    ///   - root: a path on the output volume.
    ///   - written: bytes the run has written so far.
    ///   - adding: bytes about to be written.
    func refusal(root: String, written: Int64, adding: Int) -> String? {
        if let byteBudget, written + Int64(adding) > byteBudget {
            return "the run's byte budget of \(byteBudget) bytes would be passed"
        }
        if let used = Self.usedPercent(root), used >= maximumUsedPercent {
            return String(format: "the output volume is %.0f%% full (the guard stops at %.0f%%)", used, maximumUsedPercent)
        }
        return nil
    }

    /// The volume's used share as `df` computes it: used / (used + available).
    static func usedPercent(_ path: String) -> Double? {
        var info = statvfs()
        guard statvfs(path, &info) == 0 else { return nil }
        let used = Double(info.f_blocks - info.f_bfree)
        let available = Double(info.f_bavail)
        guard used + available > 0 else { return nil }
        return used / (used + available) * 100
    }
}
