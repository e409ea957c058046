import Foundation
import TestSupport
import Testing

/// The `gather` binary against the `fake-cluster` binary, as the must-gather pod runs it: the default inspects over
/// the service account, and `gather inspect` as people call `oc adm inspect`.
@Suite(.serialized)
struct GatherAgainstFakeClusterTests {
    @Test func theDefaultRunGathersEverythingAndRecordsTheClusterVersion() async throws {
        let directory = try TemporaryDirectory()
        let server = try await FakeClusterProcess.start(in: directory, [
            "--namespaces", "3",
        ])
        defer { server.stop() }
        #expect(server.process.firstLine.hasPrefix("serving https://127.0.0.1:"))
        let result = try await ProcessRunner.run(BuiltProduct.path("gather"),
            ["--dest-dir", directory.path + "/mg", "--max-log-bytes", "2000"],
            environment: server.environment)
        #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
        let summary = try SummaryFile.read(directory.path + "/mg")
        #expect(summary["clusterVersion"] as? String == "OpenShift 4.8.0 (Kubernetes v1.21.1+38b3ecc)")
        let collectors = summary["collectors"] as? [[String: Any]] ?? []
        #expect(collectors.map { $0["name"] as? String } == (try DefaultList.names()))
        // The add-ons this cluster does not have are not applicable; everything else succeeds.
        let applicable = collectors.filter { $0["status"] as? String != "not-applicable" }
        #expect(collectors.count - applicable.count == DefaultList.notApplicableOnTheSyntheticCluster, "\(collectors.map { ($0["name"]!, $0["status"]!) })")
        for collector in applicable {
            #expect(collector["status"] as? String == "succeeded", "\(collector)")
        }
        let root = directory.path + "/mg"
        for path in ["version", "timestamp", "event-filter.html",
            "cluster-scoped-resources/config.openshift.io/clusteroperators.yaml",
            "namespaces/openshift-etcd/openshift-etcd.yaml", "namespaces/openshift-etcd/core/pods.yaml",
            "host_service_logs/masters/kubelet_service.log", "host_service_logs/masters/crio_service.log",
            "audit_logs/kube-apiserver.audit_logs_listing", "audit_logs/kube-apiserver/master-0-audit.log.gz"]
        {
            #expect(FileManager.default.fileExists(atPath: root + "/" + path), "\(path)")
        }
        #expect(result.standardOutput.contains("] gathering data for ns/openshift-etcd"))
        #expect(result.standardOutput.contains("done: \(DefaultList.notApplicableOnTheSyntheticCluster) not-applicable, "
            + "\(applicable.count) succeeded"))
    }


    @Test func execAndCopyEntriesRunThroughTheBinary() async throws {
        let directory = try TemporaryDirectory()
        let server = try await FakeClusterProcess.start(in: directory, ["--namespaces", "1"])
        defer { server.stop() }
        let spec = try directory.write("spec.yaml", """
            collectors:
              - {name: etcd-endpoint-health, kind: exec, namespace: openshift-etcd, selector: app=etcd, container: etcdctl,
                 command: [etcdctl, endpoint, health, -w, json], output: etcd_info/endpoint_health.json}
              - {name: haproxy-config, kind: copy, namespace: openshift-ingress, pods: each, container: router,
                 selector: "ingresscontroller.operator.openshift.io/deployment-ingresscontroller=default",
                 path: /var/lib/haproxy/conf/haproxy.config, output: "ingress_controllers/default/{pod}/haproxy.config"}
            """)
        let result = try await ProcessRunner.run(BuiltProduct.path("gather"),
            ["--spec", spec, "--dest-dir", directory.path + "/mg"], environment: server.environment)
        #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
        let health = try String(contentsOfFile: directory.path + "/mg/etcd_info/endpoint_health.json", encoding: .utf8)
        #expect(health.contains("\"health\""), "\(health)")
        let configs = RegularFiles.list(under: directory.path + "/mg/ingress_controllers/default")
        #expect(!configs.isEmpty && configs.allSatisfy { $0.hasSuffix("/haproxy.config") }, "\(configs)")
    }

    @Test func anArchiveExtractsWithGNUTarAndBsdtarToTheSameTreeAsTheFolder() async throws {
        let directory = try TemporaryDirectory()
        let server = try await FakeClusterProcess.start(in: directory, [
            "--namespaces", "1",
        ])
        defer { server.stop() }
        let environment = server.environment
        let kept = try await ProcessRunner.run(BuiltProduct.path("gather"),
            ["--dest-dir", directory.path + "/mg", "--archive", directory.path + "/kept.tar.gz"], environment: environment)
        #expect(kept.status == 0, "\(kept.standardOutput)\(kept.standardError)")
        #expect(kept.standardOutput.contains("into \(directory.path)/kept.tar.gz, under kept/"))
        let files = RegularFiles.list(under: directory.path + "/mg")
        #expect(files.count > 100 && files.contains("gather-summary.json"), "\(files.count) files")
        for tool in ["/usr/bin/tar", "/usr/bin/bsdtar"] {
            let target = directory.path + "/" + URL(fileURLWithPath: tool).lastPathComponent
            try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
            let listing = try await ProcessRunner.run(tool, ["-tzf", directory.path + "/kept.tar.gz"])
            #expect(listing.status == 0 && listing.standardOutput.contains("kept/version\n"), "\(tool)")
            let extract = try await ProcessRunner.run(tool, ["-xzf", directory.path + "/kept.tar.gz", "-C", target])
            #expect(extract.status == 0, "\(tool): \(extract.standardError)")
            #expect(TreeComparison.differences(directory.path + "/mg", target + "/kept") == [], "\(tool)")
        }

        // Without --dest-dir the tree is built beside the archive and removed once packed.
        let alone = try await ProcessRunner.run(BuiltProduct.path("gather"),
            ["--archive", directory.path + "/alone.tar.gz", "--only", "inspect-leases"], environment: environment)
        #expect(alone.status == 0, "\(alone.standardOutput)\(alone.standardError)")
        #expect(FileManager.default.fileExists(atPath: directory.path + "/alone.tar.gz"))
        #expect(!FileManager.default.fileExists(atPath: directory.path + "/alone"))
        #expect(!FileManager.default.fileExists(atPath: directory.path + "/alone.tar.gz.partial"))

        // An archive inside the folder it packs, or with another suffix, is refused before anything runs.
        for archive in [directory.path + "/mg/inside.tar.gz", directory.path + "/out.zip"] {
            let refused = try await ProcessRunner.run(BuiltProduct.path("gather"),
                ["--dest-dir", directory.path + "/mg", "--archive", archive], environment: environment)
            #expect(refused.status == 2, "\(archive): \(refused.standardError)")
            #expect(refused.standardError.contains("--archive"))
        }
        let pack = try await ProcessRunner.run(BuiltProduct.path("gather"),
            ["pack", directory.path + "/mg", directory.path + "/packed.tgz"], environment: environment)
        #expect(pack.status == 0, "\(pack.standardError)")
        #expect(pack.standardOutput.contains("packed \(files.count) files"))
    }

    @Test func gatherInspectBehavesLikeOcAdmInspect() async throws {
        let directory = try TemporaryDirectory()
        let server = try await FakeClusterProcess.start(in: directory, [
            "--namespaces", "2",
            "--rotated-logs-per-container", "2",
        ])
        defer { server.stop() }
        let result = try await ProcessRunner.run(BuiltProduct.path("gather"),
            ["inspect", "pods", "-n", "openshift-etcd", "--dest-dir", directory.path + "/out", "--since", "1h",
                "--kubeconfig", server.kubeconfig],
            environment: ["HOME": directory.path])
        #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
        #expect(result.standardOutput.contains("Wrote inspect data to \(directory.path)/out."))
        let pods = try FileManager.default.contentsOfDirectory(atPath: directory.path + "/out/namespaces/openshift-etcd/pods")
        #expect(!pods.isEmpty)
        for pod in pods {
            #expect(FileManager.default.fileExists(atPath: "\(directory.path)/out/namespaces/openshift-etcd/pods/\(pod)/\(pod).yaml"))
        }
        #expect(!RegularFiles.list(under: directory.path + "/out").contains { $0.contains("/rotated/") })
        let rotated = try await ProcessRunner.run(BuiltProduct.path("gather"),
            ["inspect", "pods", "-n", "openshift-etcd", "--rotated-pod-logs", "--dest-dir", directory.path + "/rotated",
                "--kubeconfig", server.kubeconfig],
            environment: ["HOME": directory.path])
        #expect(rotated.status == 0, "\(rotated.standardOutput)\(rotated.standardError)")
        let logs = RegularFiles.list(under: directory.path + "/rotated").filter { $0.hasSuffix(".log") }
        let rotations = RegularFiles.list(under: directory.path + "/rotated").filter { $0.contains("/logs/rotated/0.log.") }
        #expect(rotations.count == logs.filter { $0.hasSuffix("/current.log") }.count * 2 && !rotations.isEmpty)
        let wrong = try await ProcessRunner.run(BuiltProduct.path("gather"),
            ["inspect", "ns/", "--kubeconfig", server.kubeconfig], environment: ["HOME": directory.path])
        #expect(wrong.status == 2)
        #expect(wrong.standardError.contains("expected TYPE/NAME"))
    }
}

/// Memory of the gather binary while large container logs stream to disk (the summary records the peak).
@Suite(.serialized)
struct GatherMemoryTests {
    @Test func peakMemoryStaysFlatWhileLargeContainerLogsStream() async throws {
        let directory = try TemporaryDirectory()
        let server = try await FakeClusterProcess.start(in: directory, [
            "--namespaces", "1",
            "--pods-per-namespace", "1", "--containers-per-pod", "2", "--log-bytes-per-container", String(60_000_000),
        ])
        defer { server.stop() }
        let result = try await ProcessRunner.run(BuiltProduct.path("gather"),
            ["inspect", "pods", "-n", "workload-000", "--dest-dir", directory.path + "/out",
                "--kubeconfig", server.kubeconfig],
            environment: ["HOME": directory.path])
        #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
        let summary = try SummaryFile.read(directory.path + "/out")
        let peak = try #require(summary["peakResidentBytes"] as? Int)
        let bytes = (summary["collectors"] as? [[String: Any]])?.first?["bytes"] as? Int ?? 0
        print("container logs: \(bytes) bytes written; the gather's peak resident memory: \(peak / 1_048_576) MiB")
        #expect(bytes > 150_000_000)
        #expect(peak < 120 * 1_048_576, "peak resident memory \(peak / 1_048_576) MiB")
    }
}
