@testable import KubeClient
import Testing

/// The guard that cuts a transfer dripping too few bytes, and leaves a steady one alone.
struct SlowTransferGuardTests {
    @Test func aDripIsCutAfterOneWindow() async throws {
        let guarding = SlowTransferGuard(window: .milliseconds(200), minimumBytes: 100)
        await #expect(throws: TransferTooSlow.self) {
            try await guarding.run { progress in
                while true {
                    progress.add(1)
                    try await Task.sleep(for: .milliseconds(50))
                }
            }
        }
    }

    @Test func aSteadyTransferFinishesWithItsValue() async throws {
        // Bytes come every 10 ms and are measured every 300 ms: only a pause of a whole window on a loaded machine
        // could cut this, and the transfer lasts long enough to be measured at least twice.
        let guarding = SlowTransferGuard(window: .milliseconds(300), minimumBytes: 10)
        let value = try await guarding.run { progress in
            for _ in 0..<100 {
                progress.add(1000)
                try await Task.sleep(for: .milliseconds(10))
            }
            return progress.bytes
        }
        #expect(value == 100_000)
    }

    @Test func waitingForTheBodyToBeginIsNotSlowness() async throws {
        let guarding = SlowTransferGuard(window: .milliseconds(50), minimumBytes: 10)
        let value = try await guarding.run { progress in
            try await Task.sleep(for: .milliseconds(400))
            progress.begin()
            progress.add(100)
            return progress.bytes
        }
        #expect(value == 100)
    }

    @Test func oneGuardCutsTheDripAndLetsTheSteadyTransfersAroundItFinish() async throws {
        // The steady ones send 1000 bytes every 10 ms for a second, the drip 1 byte every 10 ms.
        let guarding = SlowTransferGuard(window: .milliseconds(500), minimumBytes: 100)
        let outcomes = await withTaskGroup(of: String.self) { group in
            for index in 0..<12 {
                group.addTask {
                    do {
                        let bytes = try await guarding.run { progress in
                            for _ in 0..<(index == 0 ? 1000 : 100) {
                                progress.add(index == 0 ? 1 : 1000)
                                try await Task.sleep(for: .milliseconds(10))
                            }
                            return progress.bytes
                        }
                        return "\(index): \(bytes)"
                    } catch {
                        return "\(index): \(type(of: error))"
                    }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(Set(outcomes) == Set(["0: TransferTooSlow"] + (1..<12).map { "\($0): 100000" }))
    }

    @Test func theTimerStopsWhenNothingIsWatchedAndStartsAgainForTheNextTransfer() async throws {
        let guarding = SlowTransferGuard(window: .milliseconds(50), minimumBytes: 10)
        #expect(!guarding.isTicking)
        let tickedWhileWatching = try await guarding.run { progress in
            progress.add(100)
            return guarding.isTicking
        }
        #expect(tickedWhileWatching)
        var waited = Duration.zero
        while guarding.isTicking, waited < .seconds(30) {
            try await Task.sleep(for: .milliseconds(50))
            waited += .milliseconds(50)
        }
        #expect(!guarding.isTicking)
        // A drip given to the same guard afterwards is still measured, and cut.
        await #expect(throws: TransferTooSlow.self) {
            try await guarding.run { progress in
                while true {
                    progress.add(1)
                    try await Task.sleep(for: .milliseconds(20))
                }
            }
        }
    }

    @Test func theOperationsOwnErrorComesThrough() async {
        struct Broken: Error {}
        await #expect(throws: Broken.self) {
            try await SlowTransferGuard(window: .seconds(10)).run { _ -> Int in throw Broken() }
        }
    }
}
