import JSONCoding

/// etcd as the gather saw it through etcdctl (`etcd_info/`): members, endpoint health and status, alarms.
struct EtcdHealth: Equatable {
    /// One endpoint's health check.
    struct Endpoint: Equatable {
        var endpoint: String
        var healthy: Bool
        var took: String
        var error: String
    }

    /// One member's status.
    struct MemberStatus: Equatable {
        var endpoint: String
        var version: String
        var databaseBytes: Int64?
        var databaseBytesInUse: Int64?
        var isLeader: Bool
    }

    var members: [String] = []
    var endpoints: [Endpoint] = []
    var statuses: [MemberStatus] = []
    /// Alarms as "ALARM on member ID".
    var alarms: [String] = []
    /// Whether the alarm list was gathered (an empty list then means no alarm).
    var alarmsGathered = false

    static let maximumListed = 100

    /// Reads `etcd_info/`; nil when it was not gathered.
    static func read(_ folder: MustGatherFolder) -> EtcdHealth? {
        guard folder.exists("etcd_info") else { return nil }
        var health = EtcdHealth()
        if let members = folder.readJSON("etcd_info/member_list.json")?["members"]?.arrayValue {
            health.members = members.prefix(maximumListed).map {
                let name = $0["name"]?.stringValue ?? ""
                let urls = $0["clientURLs"]?.arrayValue?.compactMap(\.stringValue).joined(separator: ", ") ?? ""
                return urls.isEmpty ? name : "\(name) (\(urls))"
            }
        }
        if let endpoints = folder.readJSON("etcd_info/endpoint_health.json")?.arrayValue {
            health.endpoints = endpoints.prefix(maximumListed).map {
                Endpoint(endpoint: $0["endpoint"]?.stringValue ?? "", healthy: $0["health"]?.boolValue ?? false,
                    took: $0["took"]?.stringValue ?? "", error: $0["error"]?.stringValue ?? "")
            }
        }
        if let statuses = folder.readJSON("etcd_info/endpoint_status.json")?.arrayValue {
            health.statuses = statuses.prefix(maximumListed).map { entry in
                let status = entry["Status"]
                let member = status?[path: "header", "member_id"]
                return MemberStatus(endpoint: entry["Endpoint"]?.stringValue ?? "",
                    version: status?["version"]?.stringValue ?? "",
                    databaseBytes: status?["dbSize"].flatMap(Self.int64), databaseBytesInUse: status?["dbSizeInUse"].flatMap(Self.int64),
                    isLeader: member != nil && member == status?["leader"])
            }
        }
        if let alarms = folder.readJSON("etcd_info/alarm_list.json") {
            health.alarmsGathered = true
            health.alarms = (alarms["alarms"]?.arrayValue ?? []).prefix(maximumListed).map {
                let kind = $0["alarm"]?.stringValue ?? Self.alarmName($0["alarm"]?.intValue)
                let member = $0["memberID"].flatMap(Self.text) ?? "?"
                return "\(kind) on member \(member)"
            }
        }
        return health
    }

    /// etcd's AlarmType numbers, for output that prints the enum as a number.
    private static func alarmName(_ number: Int?) -> String {
        switch number {
        case 1: "NOSPACE"
        case 2: "CORRUPT"
        default: "alarm \(number.map(String.init) ?? "?")"
        }
    }

    private static func int64(_ value: JSONValue) -> Int64? {
        if case .number(let text) = value { return Int64(text) }
        return nil
    }

    private static func text(_ value: JSONValue) -> String? {
        switch value {
        case .number(let text), .string(let text): text
        default: nil
        }
    }
}
