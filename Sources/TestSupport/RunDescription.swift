import Foundation

/// A gathered tree described as plain text for a golden comparison: each collector's kind, status and problems from
/// `gather-summary.json`, the files and notes counted in all, then every file's relative path. Collectors that run at
/// once share what they visit (an inspect writes an object that another would have), so files and notes are counted
/// for the run, not per collector. Byte counts and times are left out, and stamps in file
/// names (`audit-2026-12-01T12-00-00.000.log`) read `<stamp>`: they follow the clock of the run, while paths,
/// statuses and counts do not.
public enum RunDescription {
    /// The description of the tree at `root`.
    public static func describe(_ root: String) throws -> String {
        let summary = try SummaryFile.read(root)
        var lines: [String] = []
        var counted = 0
        var notes = 0
        for collector in summary["collectors"] as? [[String: Any]] ?? [] {
            let problems = (collector["problems"] as? [Any])?.count ?? 0
            counted += collector["files"] as? Int ?? 0
            notes += (collector["notes"] as? [Any])?.count ?? 0
            lines.append("collector \(collector["name"] as? String ?? "?"): \(collector["kind"] as? String ?? "?"), "
                + "\(collector["status"] as? String ?? "?"), \(problems) problems")
        }
        lines.append("\(counted) files counted, \(notes) notes")
        let files = RegularFiles.list(under: root)
        lines.append("\(files.count) files")
        lines += files.map(withoutStamps)
        return lines.joined(separator: "\n") + "\n"
    }

    private static let stamp = try! NSRegularExpression(pattern: "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}-[0-9]{2}-[0-9]{2}")

    private static func withoutStamps(_ path: String) -> String {
        stamp.stringByReplacingMatches(in: path, range: NSRange(path.startIndex..., in: path), withTemplate: "<stamp>")
    }
}
