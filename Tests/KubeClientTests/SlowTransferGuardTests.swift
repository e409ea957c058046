import KubeClient
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

    @Test func theOperationsOwnErrorComesThrough() async {
        struct Broken: Error {}
        await #expect(throws: Broken.self) {
            try await SlowTransferGuard(window: .seconds(10)).run { _ -> Int in throw Broken() }
        }
    }
}
