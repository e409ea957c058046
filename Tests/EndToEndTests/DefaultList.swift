import Foundation
import TestSupport

/// The built-in collector list as the tests of the binary see it: the data file, read plainly.
enum DefaultList {
    /// The names of the entries of `collection-scripts/collectors.yaml` that run by default, in order, leaving out
    /// those in `group` when one is named.
    static func names(outside group: String? = nil) throws -> [String] {
        let text = try String(contentsOfFile: PackageFolder.url.path + "/collection-scripts/collectors.yaml",
            encoding: .utf8)
        var names: [String] = []
        for entry in text.components(separatedBy: "\n  - name: ").dropFirst() {
            let name = String(entry.prefix { $0 != "\n" })
            let groups = entry.components(separatedBy: "\n    groups: [").dropFirst().first?.prefix { $0 != "]" }
            let inGroup = group.map { group in groups?.split(separator: ",").contains { $0.trimmingCharacters(in: .whitespaces) == group } == true } ?? false
            if !entry.contains("\n    enabled: false") && !inGroup { names.append(name) }
        }
        return names
    }

    /// The entries whose add-on the synthetic OpenShift cluster does not have: not applicable in its default run.
    static let notApplicableOnTheSyntheticCluster = 12
}
