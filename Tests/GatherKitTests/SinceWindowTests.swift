import Foundation
import JSONCoding
import Testing

@testable import GatherKit

struct SinceWindowTests {
    @Test(arguments: [("2h0m0s", 7200.0), ("30m0s", 1800), ("1.5h", 5400), ("300ms", 0.3), ("1h30m", 5400), ("45s", 45)])
    func parsesGoDurations(_ text: String, _ seconds: Double) throws {
        let duration = try #require(GoDuration.parse(text))
        #expect(abs(Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18 - seconds) < 1e-9)
    }

    @Test(arguments: ["", "2x", "h", "1h-", "--1h", "1.2.3s", "5", "99999999999999999999h", "3000000h", "-3000000h",
        "9223372036854775808ns"])
    func rejectsWhatGoRejects(_ text: String) {
        #expect(GoDuration.parse(text) == nil)
    }

    /// Found by the `since-window` fuzz target: a sum in floating point lost a second of durations this long.
    @Test func longDurationsKeepEverySecond() throws {
        let duration = try #require(GoDuration.parse("5522522221s221s11m"))
        #expect(duration == .seconds(5_522_523_102))
        #expect(GoDuration.parse(GoDuration.format(duration)) == duration)
        #expect(GoDuration.parse("9223372036854775807ns") == .nanoseconds(Int64.max))
        #expect(GoDuration.parse("-9223372036854775808ns") == .nanoseconds(Int64.min))
        #expect(GoDuration.parse("1.5h") == .seconds(5400))
    }

    @Test func formatsAsGoDoes() {
        #expect(GoDuration.format(.seconds(7200)) == "2h0m0s")
        #expect(GoDuration.format(.seconds(1800)) == "30m0s")
        #expect(GoDuration.format(.seconds(45)) == "45s")
    }

    @Test func flagsWinOverTheEnvironmentAndTimeWinsOverDuration() throws {
        let environment = ["MUST_GATHER_SINCE": "2h0m0s", "MUST_GATHER_SINCE_TIME": "2026-11-25T10:00:00Z"]
        #expect(try SinceWindow.resolve(since: nil, sinceTime: nil, environment: environment)
            == .time(RFC3339.parse("2026-11-25T10:00:00Z")!))
        #expect(try SinceWindow.resolve(since: .seconds(1800), sinceTime: nil, environment: ["MUST_GATHER_SINCE": "2h0m0s"])
            == .duration(.seconds(1800)))
        #expect(try SinceWindow.resolve(since: .seconds(1800), sinceTime: nil, environment: environment)
            == .time(RFC3339.parse("2026-11-25T10:00:00Z")!))
        let moment = RFC3339.parse("2026-11-20T00:00:00Z")!
        #expect(try SinceWindow.resolve(since: nil, sinceTime: moment, environment: environment) == .time(moment))
        #expect(try SinceWindow.resolve(since: nil, sinceTime: nil, environment: ["MUST_GATHER_SINCE": ""]) == .everything)
    }

    @Test func badValuesNameTheirSource() {
        #expect {
            try SinceWindow.resolve(since: nil, sinceTime: nil, environment: ["MUST_GATHER_SINCE_TIME": "yesterday"])
        } throws: { error in
            (error as? SinceWindowError)?.source == "MUST_GATHER_SINCE_TIME"
        }
        #expect {
            try SinceWindow.resolve(since: nil, sinceTime: nil, environment: ["MUST_GATHER_SINCE": "-1h"])
        } throws: { error in
            (error as? SinceWindowError)?.source == "MUST_GATHER_SINCE"
        }
    }

    @Test func givesTheCutoffFromTheStart() {
        let start = RFC3339.parse("2026-11-25T12:00:00Z")!
        #expect(SinceWindow.duration(.seconds(7200)).cutoff(from: start) == RFC3339.parse("2026-11-25T10:00:00Z"))
        #expect(SinceWindow.time(start).cutoff(from: Date()) == start)
        #expect(SinceWindow.everything.cutoff(from: start) == nil)
    }
}
