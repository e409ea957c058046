import Foundation
import TestSupport
import Testing

/// The image's contract, tested as the image runs since no container engine runs here: the release binary's
/// libraries, the Containerfile's tools, and `/usr/bin/gather` started with no arguments in a private mount namespace
/// laid out as the must-gather pod is (image/run-as-pod.sh), its output copied back with tar and with rsync.
@Suite(.serialized)
struct ImageContractTests {
    /// The libraries gather itself may need: the C and C++ runtime, libarchive and zlib.
    static let allowedLibraries: Set<String> = [
        "linux-vdso.so.1", "ld-linux-x86-64.so.2", "libc.so.6", "libm.so.6", "libstdc++.so.6", "libgcc_s.so.1",
        "libarchive.so.13", "libz.so.1",
    ]

    /// What the pod's commands run, by package: bash; sleep, df and sync (coreutils); awk (gawk); sed; setsid
    /// (util-linux); ps and pkill (procps); tar and rsync for the copy; CA certificates; and the runtime libraries.
    static let podPackages = ["bash", "coreutils", "gawk", "sed", "util-linux", "procps", "tar", "rsync",
        "ca-certificates", "libarchive13", "zlib1g"]

    @Test func theReleaseBinaryNeedsOnlyTheCRuntimeLibarchiveAndZlib() async throws {
        let binary = try await ReleaseBuild.gather()
        let libraries = try await Self.sharedLibraries(of: binary)
        #expect(!libraries.isEmpty)
        #expect(!libraries.contains { $0.hasPrefix("libswift") || $0.hasPrefix("libFoundation") || $0.contains("yaml") },
            "\(libraries)")
        // Whatever is not in the allowed set must come with libarchive itself (its compressors, ACLs, XML).
        let archiveLibraries = try await Self.sharedLibraries(of: Self.resolvedPath(of: "libarchive.so.13", in: binary))
        let unexplained = libraries.subtracting(Self.allowedLibraries).subtracting(archiveLibraries)
        #expect(unexplained.isEmpty, "libraries neither allowed nor brought by libarchive: \(unexplained.sorted())")
        let direct = try await Self.neededLibraries(of: binary)
        #expect(direct.isSubset(of: Self.allowedLibraries), "direct needs: \(direct.sorted())")
    }

    @Test func theContainerfileInstallsWhatThePodRunsAndBuildsTheLayerWithTheSameScript() throws {
        let text = try String(contentsOfFile: PackageFolder.path + "/Containerfile", encoding: .utf8)
        let stages = text.components(separatedBy: "\nFROM ")
        #expect(stages.count == 3, "a build stage and a runtime stage")
        let runtime = stages.last ?? ""
        let installed = Set(runtime.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\\" }).map(String.init))
        for package in Self.podPackages {
            #expect(installed.contains(package), "the runtime stage does not install \(package)")
        }
        #expect(text.contains("--static-swift-stdlib"))
        #expect(text.contains("image/install-layer.sh /layer"))
        #expect(runtime.contains("COPY --from=build /layer/ /"))
        #expect(runtime.contains("ARG PRODUCT") && runtime.contains("ARG VERSION"))
        #expect(runtime.contains("GATHER_PRODUCT=${PRODUCT} GATHER_VERSION=${VERSION}"))
        // Everything the build stage copies in exists, and every source folder it needs is copied.
        for line in text.split(separator: "\n") where line.hasPrefix("COPY ") && !line.contains("--from") {
            let source = line.split(separator: " ")[1]
            #expect(FileManager.default.fileExists(atPath: PackageFolder.path + "/" + source), "\(line)")
        }
    }

    @Test func gatherWithNoArgumentsInAPodLikeNamespaceLeavesWhatTheClientCopies() async throws {
        let setup = try await PodSetup(namespaces: 3)
        defer { setup.server.stop() }
        let directory = setup.directory
        let pod = try await setup.run("/usr/bin/gather", copyOut: "default")
        #expect(pod.commandStatus == 0, "\(pod.log)")
        #expect(pod.log.contains("session tools: true") && pod.log.contains("Caches written to disk"), "\(pod.log)")

        // Both ways of copying give the same tree.
        let tarCopy = directory.path + "/default/tar"
        #expect(TreeComparison.differences(tarCopy, directory.path + "/default/rsync") == [])
        #expect(try String(contentsOfFile: tarCopy + "/version", encoding: .utf8) == "example/must-gather\n1.2.3\n")
        let summary = try SummaryFile.read(tarCopy)
        #expect((summary["options"] as? [String: Any])?["output"] as? String == "/must-gather")
        #expect((summary["options"] as? [String: Any])?["spec"] as? String == "/usr/share/gather/collectors.yaml")
        let collectors = summary["collectors"] as? [[String: Any]] ?? []
        #expect(collectors.map { $0["name"] as? String } == (try DefaultList.names()))
        for collector in collectors {
            #expect(["succeeded", "not-applicable"].contains(collector["status"] as? String), "\(collector)")
        }
        for path in ["timestamp", "cluster-scoped-resources/config.openshift.io/clusteroperators.yaml",
            "namespaces/openshift-etcd/core/pods.yaml", "host_service_logs/masters/kubelet_service.log",
            "audit_logs/kube-apiserver.audit_logs_listing"]
        {
            #expect(FileManager.default.fileExists(atPath: tarCopy + "/" + path), "\(path)")
        }
        let token = try String(contentsOfFile: directory.path + "/sa/token", encoding: .utf8)
        #expect(!pod.log.contains(token))
        for path in RegularFiles.list(under: tarCopy) {
            #expect((TreeComparison.permissions(tarCopy + "/" + path) ?? 0o777) & 0o022 == 0, "\(path) is writable by others")
        }
    }

    @Test func theEntryPointsRunOneCollectorAloneAndProductScriptsRunFromTheList() async throws {
        let setup = try await PodSetup(namespaces: 1)
        defer { setup.server.stop() }
        let directory = setup.directory
        let audit = try await setup.run("/usr/bin/gather_audit_logs", copyOut: "audit")
        #expect(audit.commandStatus == 0, "\(audit.log)")
        let auditSummary = try SummaryFile.read(directory.path + "/audit/tar")
        #expect((auditSummary["collectors"] as? [[String: Any]])?.map { $0["name"] as? String } == ["audit-logs"])
        #expect(FileManager.default.fileExists(atPath: directory.path + "/audit/tar/audit_logs/kube-apiserver.audit_logs_listing"))
        #expect(!FileManager.default.fileExists(atPath: directory.path + "/audit/tar/namespaces"))

        let script = try await setup.run("/usr/bin/gather --only pod-environment", copyOut: "script")
        #expect(script.commandStatus == 0, "\(script.log)")
        let df = try String(contentsOfFile: directory.path + "/script/tar/pod_environment/df.txt", encoding: .utf8)
        #expect(df.contains("/must-gather"))
    }

    // MARK: Helpers

    /// The image layer and a fake cluster with its service account, for pod runs.
    struct PodSetup {
        let directory: TemporaryDirectory
        let layer: String
        let server: BackgroundProcess

        init(namespaces: Int) async throws {
            directory = try TemporaryDirectory()
            layer = try await ImageContractTests.imageLayer(in: directory)
            server = try await BackgroundProcess.start(BuiltProduct.path("fake-cluster"), [
                "--port", "0", "--write-service-account", directory.path + "/sa", "--namespaces", String(namespaces),
            ])
        }

        /// Runs `command` in a pod; what it copied out goes to `<directory>/<copyOut>`.
        func run(_ command: String, copyOut: String) async throws -> PodRun {
            try await ImageContractTests.runPod(layer: layer, serviceAccount: directory.path + "/sa", server: server,
                copyOut: directory.path + "/" + copyOut, command: command)
        }
    }

    /// The release binary installed by image/install-layer.sh into `<directory>/layer`.
    static func imageLayer(in directory: TemporaryDirectory) async throws -> String {
        let binary = try await ReleaseBuild.gather()
        let layer = directory.path + "/layer"
        let install = try await ProcessRunner.run("/bin/bash",
            [PackageFolder.path + "/image/install-layer.sh", layer, binary], environment: ["PATH": "/usr/bin:/bin"])
        #expect(install.status == 0, "\(install.standardError)")
        return layer
    }

    /// What one pod run left.
    struct PodRun {
        var commandStatus: Int?
        var log: String
    }

    /// Runs `command` in the pod-like namespace against `server`, with the Swift toolchain's libraries hidden.
    static func runPod(layer: String, serviceAccount: String, server: BackgroundProcess, copyOut: String,
        command: String) async throws -> PodRun
    {
        try FileManager.default.createDirectory(atPath: copyOut, withIntermediateDirectories: true)
        guard let port = server.firstLine.split(separator: ":").last?.split(separator: " ").first else {
            throw PodFailure(description: "no port in \(server.firstLine)")
        }
        let hidden = try await toolchainLibraryFolders()
        let result = try await ProcessRunner.run("/bin/bash",
            [PackageFolder.path + "/image/run-as-pod.sh", layer, serviceAccount, copyOut] + hidden + ["--", command],
            environment: ["PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "KUBERNETES_SERVICE_HOST": "127.0.0.1",
                "KUBERNETES_SERVICE_PORT": String(port), "GATHER_PRODUCT": "example/must-gather", "GATHER_VERSION": "1.2.3"])
        guard result.status == 0 else {
            throw PodFailure(description: "run-as-pod.sh failed (\(result.status)): \(result.standardError)")
        }
        let status = try? String(contentsOfFile: copyOut + "/command-status", encoding: .utf8)
        return PodRun(commandStatus: status.flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) },
            log: (try? String(contentsOfFile: copyOut + "/pod.log", encoding: .utf8)) ?? "")
    }

    struct PodFailure: Error, CustomStringConvertible {
        let description: String
    }

    /// The folders holding the Swift runtime libraries, as the debug build (linked dynamically) finds them: hidden in
    /// the pod, so the image's binary is seen to run without them.
    static func toolchainLibraryFolders() async throws -> [String] {
        let debugBinary = BuiltProduct.path("gather")
        let output = try await ProcessRunner.run("/usr/bin/ldd", [debugBinary]).standardOutput
        let folders = output.split(separator: "\n").compactMap { line -> String? in
            guard line.contains("libswiftCore.so"), let path = line.split(separator: " ").first(where: { $0.hasPrefix("/") })
            else { return nil }
            return URL(fileURLWithPath: String(path)).deletingLastPathComponent().path
        }
        #expect(!folders.isEmpty, "ldd found no libswiftCore for the debug build:\n\(output)")
        return folders
    }

    /// The library names `ldd` lists for `binary` (everything loaded, directly or not).
    static func sharedLibraries(of binary: String) async throws -> Set<String> {
        let result = try await ProcessRunner.run("/usr/bin/ldd", [binary])
        #expect(result.status == 0, "\(result.standardError)")
        return Set(result.standardOutput.split(separator: "\n").compactMap { line in
            line.split(separator: " ").first.map { URL(fileURLWithPath: String($0.trimmingCharacters(in: .whitespaces))).lastPathComponent }
        })
    }

    /// The libraries `binary` names itself (its ELF `NEEDED` entries, read with readelf).
    static func neededLibraries(of binary: String) async throws -> Set<String> {
        let result = try await ProcessRunner.run("/usr/bin/readelf", ["-d", binary])
        #expect(result.status == 0, "\(result.standardError)")
        return Set(result.standardOutput.split(separator: "\n").compactMap { line -> String? in
            guard line.contains("(NEEDED)"), let start = line.firstIndex(of: "["), let end = line.firstIndex(of: "]")
            else { return nil }
            return String(line[line.index(after: start)..<end])
        })
    }

    /// Where `ldd` finds `library` for `binary`.
    static func resolvedPath(of library: String, in binary: String) async throws -> String {
        let output = try await ProcessRunner.run("/usr/bin/ldd", [binary]).standardOutput
        guard let line = output.split(separator: "\n").first(where: { $0.contains(library + " => ") }),
            let path = line.split(separator: " ").first(where: { $0.hasPrefix("/") })
        else {
            throw PodFailure(description: "ldd does not resolve \(library) for \(binary)")
        }
        return String(path)
    }
}
