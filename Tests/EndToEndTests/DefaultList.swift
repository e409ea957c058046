import Foundation
import TestSupport

/// The built-in collector list as the tests of the binary see it: the data file, read plainly.
enum DefaultList {
    /// The names of the entries of `collection-scripts/collectors.yaml` that run by default, in order.
    static func names() throws -> [String] {
        let text = try String(contentsOfFile: PackageFolder.url.path + "/collection-scripts/collectors.yaml",
            encoding: .utf8)
        var names: [String] = []
        for entry in text.components(separatedBy: "\n  - name: ").dropFirst() {
            let name = String(entry.prefix { $0 != "\n" })
            if !entry.contains("\n    enabled: false") { names.append(name) }
        }
        return names
    }

    /// The entries whose add-on the synthetic OpenShift cluster does not have: not applicable in its default run.
    static let notApplicableOnTheSyntheticCluster = 13
}
