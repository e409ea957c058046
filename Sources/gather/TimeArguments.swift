import ArgumentParser
import Foundation
import GatherKit
import JSONCoding

/// A positive Go duration on the command line (`8m`, `2h0m0s`, `90s`), as `oc` writes them: `--timeout`, `--since`,
/// `--request-timeout` and `--stall-timeout` all read one, so a wrong value is refused the same way for each.
struct GoDurationArgument: ExpressibleByArgument, Sendable {
    let duration: Duration

    init(_ duration: Duration) { self.duration = duration }

    init?(argument: String) {
        guard let duration = GoDuration.parse(argument), duration > .zero else { return nil }
        self.duration = duration
    }

    var defaultValueDescription: String { GoDuration.format(duration) }
}

/// A moment on the command line in RFC 3339 (`2026-11-25T10:00:00Z`), as `--since-time` takes it.
struct RFC3339Argument: ExpressibleByArgument, Sendable {
    let date: Date

    init?(argument: String) {
        guard let date = RFC3339.parse(argument) else { return nil }
        self.date = date
    }
}
