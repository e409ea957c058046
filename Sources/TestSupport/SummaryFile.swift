import Foundation

/// `gather-summary.json` of a run, read as plain JSON (tests check the file as its readers see it).
public enum SummaryFile {
    /// The summary at the root of the output folder `root`.
    public static func read(_ root: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: root + "/gather-summary.json"))
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }
}
