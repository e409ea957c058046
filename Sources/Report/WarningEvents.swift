import JSONCoding

/// The Warning events, grouped by reason and object, with counts: a thousand BackOff events of one pod read as one
/// row.
struct WarningEvents: Equatable {
    /// The warnings of one reason about one object.
    struct Group: Equatable {
        var reason: String
        var namespace: String
        /// `kind/name` of the object the events are about.
        var object: String
        /// Occurrences (an event's `count`, or its series' count, else 1).
        var count: Int
        var lastSeen: String
        /// The latest event's message.
        var message: String
    }

    /// Occurrences of one reason.
    struct ReasonCount: Equatable {
        var reason: String
        var count: Int
    }

    var total = 0
    /// The largest groups, most first, up to ``maximumListed``.
    var groups: [Group] = []
    var groupCount = 0
    /// Occurrences by reason, most first, up to ``maximumReasons``.
    var reasons: [ReasonCount] = []
    /// Warnings not grouped because ``maximumGroups`` groups were already open.
    var ungrouped = 0

    static let maximumListed = 200
    static let maximumReasons = 12
    /// The most groups tracked while reading: past it, new groups are only counted, so memory stays bounded.
    static let maximumGroups = 20_000

    /// Reads every namespace's `core/events.yaml`, one event at a time.
    static func read(_ folder: MustGatherFolder) -> WarningEvents {
        var warnings = WarningEvents()
        var groups: [GroupKey: Group] = [:]
        var reasons: [String: Int] = [:]
        folder.forEachNamespacedObject(group: "core", resource: "events") { namespace, event in
            guard event["type"]?.stringValue == "Warning" else { return }
            let count = max(1, event["count"]?.intValue ?? event[path: "series", "count"]?.intValue ?? 1)
            let reason = event["reason"]?.stringValue ?? ""
            warnings.total += count
            if reasons[reason] != nil || reasons.count < maximumGroups { reasons[reason, default: 0] += count }
            let kind = event[path: "involvedObject", "kind"]?.stringValue ?? ""
            let name = event[path: "involvedObject", "name"]?.stringValue ?? ""
            let key = GroupKey(reason: reason,
                namespace: event[path: "involvedObject", "namespace"]?.stringValue ?? namespace,
                object: kind.isEmpty ? name : "\(kind.lowercased())/\(name)")
            let time = event["lastTimestamp"]?.stringValue ?? event[path: "series", "lastObservedTime"]?.stringValue
                ?? event["eventTime"]?.stringValue ?? event["firstTimestamp"]?.stringValue ?? ""
            let message = event["message"]?.stringValue ?? ""
            if var group = groups[key] {
                group.count += count
                if time >= group.lastSeen {
                    group.lastSeen = time
                    group.message = message
                }
                groups[key] = group
            } else if groups.count < maximumGroups {
                groups[key] = Group(reason: reason, namespace: key.namespace, object: key.object, count: count,
                    lastSeen: time, message: message)
            } else {
                warnings.ungrouped += count
            }
        }
        warnings.groupCount = groups.count
        warnings.groups = Array(groups.values.sorted {
            ($0.count, $1.namespace, $1.object, $1.reason) > ($1.count, $0.namespace, $0.object, $0.reason)
        }.prefix(maximumListed))
        warnings.reasons = Array(reasons.map { ReasonCount(reason: $0.key, count: $0.value) }
            .sorted { ($0.count, $1.reason) > ($1.count, $0.reason) }.prefix(maximumReasons))
        return warnings
    }

    private struct GroupKey: Hashable {
        var reason: String
        var namespace: String
        var object: String
    }
}
