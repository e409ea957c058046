import Foundation
import JSONCoding

/// The gather itself, from `gather-summary.json`: what each collector did, when, how much it wrote, what went
/// wrong and what was skipped.
struct GatherRecord: Equatable {
    /// One collector's record.
    struct Collector: Equatable {
        var name: String
        var kind: String
        var status: String
        /// Seconds from the run's start to the collector's start and end (nil when it never ran).
        var startOffset: Double?
        var endOffset: Double?
        var seconds: Double?
        var files: Int
        var bytes: Int64
        var problemCount: Int
        /// Why it was skipped, cut short or failed.
        var reason: String
        var notes: [String]

        var succeeded: Bool { status == "succeeded" }
        /// Whether its `when:` condition did not hold: the cluster has nothing of it, which is no loss.
        var notApplicable: Bool { status == "not-applicable" }
    }

    /// One option of the run.
    struct Option: Equatable {
        var name: String
        var value: String
    }

    /// One problem, with the collector that met it.
    struct Problem: Equatable {
        var collector: String
        var subject: String
        var message: String
    }

    var toolVersion: String
    var startedAt: String
    var endedAt: String
    var clusterVersion: String
    var interrupted: String
    /// The options in force, as text, by name.
    var options: [Option]
    var collectors: [Collector]
    var problems: [Problem]
    var problemsNotListed: Int
    var peakResidentBytes: Int64?

    static let maximumProblems = 2_000
    static let maximumNotes = 50

    /// Reads `gather-summary.json`; nil when there is none (the stock image writes none).
    static func read(_ folder: MustGatherFolder) -> GatherRecord? {
        guard let summary = folder.readJSON("gather-summary.json") else { return nil }
        let startedAt = summary["startedAt"]?.stringValue ?? ""
        let start = RFC3339.parse(startedAt)
        func offset(_ field: JSONValue?) -> Double? {
            guard let start, let text = field?.stringValue, let date = RFC3339.parse(text) else { return nil }
            return date.timeIntervalSince(start)
        }
        var problems: [Problem] = []
        var problemsNotListed = 0
        var collectors: [Collector] = []
        for entry in summary["collectors"]?.arrayValue ?? [] {
            let name = entry["name"]?.stringValue ?? ""
            let listed = entry["problems"]?.arrayValue ?? []
            let unlisted = entry["problemsNotListed"]?.intValue ?? 0
            for problem in listed {
                guard problems.count < maximumProblems else {
                    problemsNotListed += 1
                    continue
                }
                problems.append(Problem(collector: name, subject: problem["subject"]?.stringValue ?? "",
                    message: problem["message"]?.stringValue ?? ""))
            }
            problemsNotListed += unlisted
            let startOffset = offset(entry["startedAt"])
            let seconds = entry["seconds"].flatMap(Self.double)
            let notes = entry["notes"]?.arrayValue?.compactMap(\.stringValue) ?? []
            collectors.append(Collector(name: name, kind: entry["kind"]?.stringValue ?? "",
                status: entry["status"]?.stringValue ?? "", startOffset: startOffset,
                endOffset: seconds.flatMap { seconds in startOffset.map { $0 + seconds } } ?? offset(entry["endedAt"]),
                seconds: seconds,
                files: entry["files"]?.intValue ?? 0, bytes: Int64(entry["bytes"]?.intValue ?? 0),
                problemCount: listed.count + unlisted, reason: entry["reason"]?.stringValue ?? "",
                notes: Array(notes.prefix(maximumNotes))))
        }
        let options = (summary["options"]?.objectValue ?? [:]).compactMap { key, value in
            value.stringValue.map { Option(name: key, value: $0) }
        }.sorted { $0.name < $1.name }
        return GatherRecord(toolVersion: summary["toolVersion"]?.stringValue ?? "",
            startedAt: startedAt, endedAt: summary["endedAt"]?.stringValue ?? "",
            clusterVersion: summary["clusterVersion"]?.stringValue ?? "",
            interrupted: summary["interrupted"]?.stringValue ?? "", options: options, collectors: collectors,
            problems: problems, problemsNotListed: problemsNotListed,
            peakResidentBytes: summary["peakResidentBytes"]?.intValue.map(Int64.init))
    }

    private static func double(_ value: JSONValue) -> Double? {
        if case .number(let text) = value { return Double(text) }
        return nil
    }

    /// The run's length in seconds, from its start to the last collector's end.
    var span: Double { collectors.compactMap(\.endOffset).max() ?? 0 }
}
