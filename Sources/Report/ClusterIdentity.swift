import JSONCoding

/// Which cluster this is: its version and update state (ClusterVersion), and where it runs (Infrastructure).
struct ClusterIdentity: Equatable {
    var version: String?
    var channel: String?
    var clusterID: String?
    /// The latest update's state (`Completed`, `Partial`) and the version it went to.
    var lastUpdate: String?
    /// ClusterVersion conditions that call for attention (`Failing` true, `Progressing` true), as "Type: message".
    var versionWarnings: [String] = []
    var platform: String?
    var infrastructureName: String?
    var controlPlaneTopology: String?

    /// Reads `clusterversions` and `infrastructures` (config.openshift.io); either may be missing (plain Kubernetes).
    static func read(_ folder: MustGatherFolder) -> ClusterIdentity {
        var identity = ClusterIdentity()
        folder.forEachClusterObject(group: "config.openshift.io", resource: "clusterversions") { object in
            guard identity.version == nil else { return }
            identity.version = object[path: "status", "desired", "version"]?.stringValue
            identity.channel = object[path: "spec", "channel"]?.stringValue
            identity.clusterID = object[path: "spec", "clusterID"]?.stringValue
            if let latest = object[path: "status", "history"]?.arrayValue?.first {
                identity.lastUpdate = [latest["state"]?.stringValue, latest["version"]?.stringValue.map { "to \($0)" }]
                    .compactMap { $0 }.joined(separator: " ")
            }
            for condition in Condition.all(of: object) where condition.isTrue
                && ["Failing", "Progressing"].contains(condition.type)
            {
                identity.versionWarnings.append("\(condition.type): \(condition.message)")
            }
        }
        folder.forEachClusterObject(group: "config.openshift.io", resource: "infrastructures") { object in
            guard identity.platform == nil else { return }
            identity.platform = object[path: "status", "platformStatus", "type"]?.stringValue
                ?? object[path: "status", "platform"]?.stringValue
            identity.infrastructureName = object[path: "status", "infrastructureName"]?.stringValue
            identity.controlPlaneTopology = object[path: "status", "controlPlaneTopology"]?.stringValue
        }
        return identity
    }
}
