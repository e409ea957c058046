import Foundation

/// The record of a run, written as `gather-summary.json` at the root of the output and rewritten whenever a collector
/// starts or ends, so a run killed at any point still says what it had.
public struct RunSummary: Codable, Sendable, Equatable {
    /// How one collector ended.
    public enum Status: String, Codable, Sendable {
        case pending, running, succeeded, failed, timedOut = "timed-out", cancelled, skipped, partial
        /// Its `when:` condition does not hold: the cluster has nothing of what it gathers (an add-on not installed).
        /// Not a loss, unlike `skipped`.
        case notApplicable = "not-applicable"
    }

    /// One error, with what it concerns (a resource, node or URL).
    public struct Problem: Codable, Sendable, Equatable {
        public var subject: String
        public var message: String

        public init(subject: String, message: String) {
            self.subject = subject
            self.message = message
        }
    }

    /// One collector's record.
    public struct Collector: Codable, Sendable, Equatable {
        public var name: String
        var kind: String
        public var status: Status
        public var startedAt: Date?
        var endedAt: Date?
        var seconds: Double?
        public var files = 0
        public var bytes: Int64 = 0
        public var problems: [Problem] = []
        /// Problems counted but not listed, past ``RunSummary/maximumListedProblems``.
        var problemsNotListed: Int?
        /// Things worth knowing that are not errors, such as a resource type the server does not serve.
        var notes: [String] = []
        /// Why it was skipped, cut short or failed, in a sentence.
        var reason: String?

        /// A collector's record, usually `.pending` before the run.
        public init(name: String, kind: String, status: Status) {
            self.name = name
            self.kind = kind
            self.status = status
        }
    }

    /// One spell during which the API server could not be reached.
    public struct Outage: Codable, Sendable, Equatable {
        /// When the first request found the server unreachable.
        public var startedAt: Date
        /// When it answered again; nil while it lasts, or when it never came back.
        public var endedAt: Date?
        /// How long it lasted (so far, while it lasts).
        public var seconds: Double
        /// What the first failure was (`connection refused`).
        public var cause: String
        /// Requests that waited for the server, or were cut by the outage and sent again.
        public var requestsWaited: Int
        /// Requests that failed because of it (the run's deadline came first).
        public var requestsLost: Int
        /// Whether anything was lost to it.
        public var lostAnything: Bool

        public init(startedAt: Date, endedAt: Date?, seconds: Double, cause: String, requestsWaited: Int,
            requestsLost: Int)
        {
            self.startedAt = startedAt
            self.endedAt = endedAt
            self.seconds = seconds
            self.cause = cause
            self.requestsWaited = requestsWaited
            self.requestsLost = requestsLost
            self.lostAnything = requestsLost > 0
        }
    }

    var tool = "gather"
    var toolVersion: String
    public var startedAt: Date
    var endedAt: Date?
    /// The options in force (since-window, deadline, bounds), as text.
    var options: [String: String]
    /// The cluster's version as the run saw it.
    var clusterVersion: String?
    public var collectors: [Collector]
    /// The gather process's peak resident memory, in bytes, as the run ended.
    var peakResidentBytes: Int64?
    /// Whether the run was interrupted (deadline, SIGTERM, SIGINT) before every collector ended.
    var interrupted: String?
    /// The spells during which the API server could not be reached; absent when there was none.
    public var outages: [Outage]?

    /// A summary at the start of a run.
    public init(toolVersion: String, startedAt: Date, options: [String: String], clusterVersion: String? = nil,
        collectors: [Collector])
    {
        self.toolVersion = toolVersion
        self.startedAt = startedAt
        self.options = options
        self.clusterVersion = clusterVersion
        self.collectors = collectors
    }

    /// The file name at the root of the output.
    public static let fileName = "gather-summary.json"

    /// The most problems listed per collector; more are counted in ``Collector/problemsNotListed``, so a cluster that
    /// refuses everything cannot grow the summary without bound.
    static let maximumListedProblems = 500

    /// What a run says of itself before any collector starts.
    public struct Heading: Sendable {
        /// The version of gather.
        var toolVersion: String
        /// The options in force, as text.
        var options: [String: String]
        /// The cluster's version as the run saw it.
        var clusterVersion: String?

        public init(toolVersion: String = "unknown", options: [String: String] = [:], clusterVersion: String? = nil) {
            self.toolVersion = toolVersion
            self.options = options
            self.clusterVersion = clusterVersion
        }
    }

    /// The exit status this summary calls for: 0 when every collector succeeded, 1 otherwise.
    public var exitStatus: Int32 {
        collectors.allSatisfy { $0.status == .succeeded || $0.status == .notApplicable } && interrupted == nil ? 0 : 1
    }
}
