import JSONCoding
import KubeClient
import Synchronization

/// The columns of one event on `event-filter.html`.
struct EventDigest: Sendable, Equatable {
    var time: String
    public var namespace: String
    var component: String
    var relatedObject: String
    var reason: String
    var message: String

    /// The digest of a core/v1 Event, as oc's page shows it: `lastTimestamp` (else `eventTime`, else
    /// `firstTimestamp`), `source.component` (else `reportingComponent`), `kind/name` of the involved object.
    init(event: JSONValue) {
        time = event["lastTimestamp"]?.stringValue ?? event["eventTime"]?.stringValue
            ?? event["firstTimestamp"]?.stringValue ?? ""
        namespace = event[path: "metadata", "namespace"]?.stringValue ?? ""
        component = event[path: "source", "component"]?.stringValue ?? event["reportingComponent"]?.stringValue ?? ""
        let kind = event[path: "involvedObject", "kind"]?.stringValue ?? ""
        let name = event[path: "involvedObject", "name"]?.stringValue ?? ""
        relatedObject = kind.isEmpty ? name : "\(kind.lowercased())/\(name)"
        reason = event["reason"]?.stringValue ?? ""
        message = event["message"]?.stringValue ?? ""
    }
}

/// The events seen by every inspect of a run, for `event-filter.html`. Bounded: past `capacity` events it keeps the
/// newest, so a cluster with a million events cannot exhaust memory. It holds at most a quarter more than `capacity`
/// between trims (a digest takes about 350 bytes: 22 MB at the default).
final class EventLedger: Sendable {
    private let events = Mutex<[EventDigest]>([])
    private let dropped = Atomic<Int>(0)
    /// The most events kept.
    let capacity: Int

    init(capacity: Int = 50_000) { self.capacity = capacity }

    /// Adds the events of one page.
    func add(_ page: [JSONValue]) {
        let digests = page.map(EventDigest.init(event:))
        events.withLock { events in
            events.append(contentsOf: digests)
            if events.count > capacity + capacity / 4 { trim(&events) }
        }
    }

    /// The events, oldest first, and how many older ones were dropped to stay within capacity.
    func snapshot() -> (events: [EventDigest], dropped: Int) {
        events.withLock { events in
            trim(&events)
            return (events, dropped.load(ordering: .relaxed))
        }
    }

    private func trim(_ events: inout [EventDigest]) {
        events.sort { $0.time < $1.time }
        if events.count > capacity {
            dropped.add(events.count - capacity, ordering: .relaxed)
            events.removeFirst(events.count - capacity)
        }
    }
}
