import Foundation
import TestSupport
import Testing

@testable import GatherKit

/// The summary's reserved space and its bound on listed problems.
struct SummaryRecorderTests {
    @Test func spaceIsReservedWhileTheRunLastsAndGivenBackAtTheEnd() throws {
        let directory = try TemporaryDirectory()
        let recorder = SummaryRecorder(summary: RunSummary(toolVersion: "test", startedAt: Date(), options: [:],
            collectors: [.init(name: "a", kind: "version", status: .pending)]), directory: directory.path)
        let reserve = directory.path + "/" + SummaryRecorder.reserveFileName
        let size = (try FileManager.default.attributesOfItem(atPath: reserve)[.size] as? NSNumber)?.intValue
        #expect(size == SummaryRecorder.reservedBytes)
        recorder.finish()
        #expect(!FileManager.default.fileExists(atPath: reserve))
        #expect(try SummaryFile.read(directory.path)["toolVersion"] as? String == "test")
    }

    @Test func problemsPastTheLimitAreCountedNotListed() throws {
        let directory = try TemporaryDirectory()
        let recorder = SummaryRecorder(summary: RunSummary(toolVersion: "test", startedAt: Date(), options: [:],
            collectors: [.init(name: "a", kind: "inspect", status: .running)]), directory: directory.path)
        for index in 0..<(RunSummary.maximumListedProblems + 7) {
            recorder.addProblem(.init(subject: "s\(index)", message: "forbidden"), to: "a")
        }
        recorder.finish()
        let record = recorder.current.collectors[0]
        #expect(record.problems.count == RunSummary.maximumListedProblems)
        #expect(record.problemsNotListed == 7)
    }

    @Test func aCountReachesTheFileWithoutAnotherChangeAndTheLastStateWins() async throws {
        let directory = try TemporaryDirectory()
        let recorder = SummaryRecorder(summary: RunSummary(toolVersion: "test", startedAt: Date(), options: [:],
            collectors: [.init(name: "a", kind: "inspect", status: .running)]), directory: directory.path)
        for _ in 0..<1000 {
            recorder.updateCollector("a", urgent: false) { $0.files += 1 }
        }
        func filesOnDisk() throws -> Int? {
            ((try SummaryFile.read(directory.path)["collectors"] as? [[String: Any]])?.first?["files"] as? Int)
        }
        // Written within a second; the bound only guards against a writer that never comes.
        let end = ContinuousClock.now + .seconds(60)
        while try filesOnDisk() != 1000, ContinuousClock.now < end {
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(try filesOnDisk() == 1000)
        recorder.updateCollector("a") { $0.status = .succeeded }
        recorder.finish()
        recorder.updateCollector("a") { $0.status = .failed }
        try await Task.sleep(for: .milliseconds(200))
        let onDisk = try SummaryFile.read(directory.path)["collectors"] as? [[String: Any]]
        #expect(onDisk?.first?["status"] as? String == "succeeded")
    }
}
