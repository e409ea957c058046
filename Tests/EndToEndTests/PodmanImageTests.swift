import Foundation
import TestSupport
import Testing

/// The image itself, built with podman on this machine (scripts/image) and run as `oc adm must-gather` runs it
/// (image/run-with-podman.sh): the host network, the service account where the kubelet mounts it,
/// KUBERNETES_SERVICE_HOST and _PORT pointing at fake-cluster on 127.0.0.1, /must-gather a volume, the pod's command
/// wrapper, and the output copied out of the copy container with tar and with rsync. Needs root, podman and
/// debootstrap (scripts/test installs them); fails when they are missing.
///
/// The container has podman's default capabilities, fewer than the root of the test process: a socket option that
/// needs one of the others (such as SO_DEBUG, which needs CAP_NET_ADMIN) fails here, and only here.
@Suite(.serialized, .buildsPodmanImage)
struct PodmanImageTests {
    /// OpenShift's restricted security context runs the pod as an arbitrary UID of the namespace's range, group root.
    static let arbitraryUser = "1000770000:0"

    @Test func theImageHoldsGatherItsEntryPointsAndItsListWithTheirModes() async throws {
        let image = try #require(BuildsPodmanImage.image)
        let files = try await image.podman(["run", "--rm", "--network=host", PodmanImage.tag, "stat", "--format",
            "%a %u:%g %F %n", "/usr/bin/gather", "/usr/bin/gather_audit_logs", "/usr/bin/gather_service_logs",
            "/usr/bin/gather_pod_environment", "/usr/share/gather/collectors.yaml"])
        #expect(files.status == 0, "\(files.standardError)")
        #expect(files.standardOutput.split(separator: "\n") == [
            "755 0:0 regular file /usr/bin/gather",
            "777 0:0 symbolic link /usr/bin/gather_audit_logs",
            "777 0:0 symbolic link /usr/bin/gather_service_logs",
            "755 0:0 regular file /usr/bin/gather_pod_environment",
            "644 0:0 regular file /usr/share/gather/collectors.yaml",
        ])
        // Every library the binary needs is in the image (no Swift toolchain there to lend one).
        let libraries = try await image.podman(["run", "--rm", "--network=host", PodmanImage.tag, "ldd", "/usr/bin/gather"])
        #expect(libraries.status == 0 && libraries.standardOutput.contains("libarchive.so.13"), "\(libraries)")
        #expect(!libraries.standardOutput.contains("not found"), "\(libraries.standardOutput)")
        let config = try await image.podman(["image", "inspect", "--format", "{{json .Config.Cmd}} {{json .Config.Env}}",
            PodmanImage.tag])
        #expect(config.standardOutput.hasPrefix(#"["/usr/bin/gather"] "#), "\(config.standardOutput)")
        #expect(config.standardOutput.contains("GATHER_PRODUCT=example/must-gather")
            && config.standardOutput.contains("GATHER_VERSION=1.2.3"), "\(config.standardOutput)")
    }

    @Test func gatherWithNoArgumentsRunsAsThePodRunsItAndLeavesWhatOcCopies() async throws {
        let image = try #require(BuildsPodmanImage.image)
        let cluster = try await PodCluster.start(in: image.directory, namespaces: 3)
        defer { cluster.stop() }
        let run = try await image.runAsPod("/usr/bin/gather", against: cluster, copyOut: "default")
        PodRunExpectations.expectCompleteGather(run, version: PodmanImage.version, token: cluster.token)
        try await Self.expectNoContainerLeft(image)
    }

    @Test func gatherRunsWithAReadOnlyRootAndATmpfsTmp() async throws {
        let image = try #require(BuildsPodmanImage.image)
        let cluster = try await PodCluster.start(in: image.directory, namespaces: 1)
        defer { cluster.stop() }
        let run = try await image.runAsPod("touch /usr/bin/written || echo 'root is read-only'; /usr/bin/gather",
            against: cluster, options: ["--read-only", "--tmpfs", "/tmp"], copyOut: "read-only")
        #expect(run.log.contains("root is read-only"), "\(run.log)")
        PodRunExpectations.expectCompleteGather(run, version: PodmanImage.version, token: cluster.token)
        try await Self.expectNoContainerLeft(image)
    }

    @Test func gatherRunsAsAnArbitraryUserWithAWritableMustGather() async throws {
        let image = try #require(BuildsPodmanImage.image)
        let cluster = try await PodCluster.start(in: image.directory, namespaces: 1)
        defer { cluster.stop() }
        let run = try await image.runAsPod("id -u; /usr/bin/gather", against: cluster,
            options: ["--user", Self.arbitraryUser], copyOut: "arbitrary-user")
        #expect(run.log.split(separator: "\n").contains("1000770000"), "\(run.log)")
        PodRunExpectations.expectCompleteGather(run, version: PodmanImage.version, token: cluster.token)
        let owner = try FileManager.default.attributesOfItem(atPath: run.copyOut + "/.must-gather/version")[.ownerAccountID]
        #expect((owner as? NSNumber)?.intValue == 1_000_770_000)
        try await Self.expectNoContainerLeft(image)
    }

    @Test func theEntryPointsRunOneCollectorAloneAndProductScriptsRunFromTheList() async throws {
        let image = try #require(BuildsPodmanImage.image)
        let cluster = try await PodCluster.start(in: image.directory, namespaces: 1)
        defer { cluster.stop() }
        let audit = try await image.runAsPod("/usr/bin/gather_audit_logs", against: cluster, copyOut: "audit")
        PodRunExpectations.expectAuditLogsAlone(audit)
        PodRunExpectations.expectTokenNowhere(cluster.token, in: audit)
        let script = try await image.runAsPod("/usr/bin/gather --only pod-environment", against: cluster, copyOut: "script")
        PodRunExpectations.expectProductScriptRan(script)
        try await Self.expectNoContainerLeft(image)
    }

    /// The harness removed both containers of the pod.
    static func expectNoContainerLeft(_ image: PodmanImage) async throws {
        let containers = try await image.podman(["ps", "--all", "--quiet"])
        #expect(containers.status == 0 && containers.standardOutput.isEmpty, "\(containers)")
    }
}
