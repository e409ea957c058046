import JSONCoding
import Testing

@testable import GatherKit
@testable import NodeLogs

struct JournalSinceTests {
    @Test func theWindowIsNegativeSecondsOrAUTCMomentAndEverythingIsSevenDays() {
        #expect(SinceWindow.duration(.seconds(7200)).journalSince() == "-7200s")
        #expect(SinceWindow.duration(.milliseconds(300)).journalSince() == "-1s")
        #expect(SinceWindow.time(RFC3339.parse("2026-11-24T08:30:00Z")!).journalSince() == "2026-11-24 08:30:00")
        #expect(SinceWindow.everything.journalSince() == "-604800s")
    }
}
