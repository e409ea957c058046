import Foundation
import TestSupport
import Testing

/// The image's contract, checked fast and without a container engine (PodmanImageTests builds and runs the image
/// itself): the release binary's libraries, the Containerfile's tools, and `/usr/bin/gather` started with no
/// arguments in a private mount namespace laid out as the must-gather pod is (image/run-as-pod.sh), its output copied
/// back with tar and with rsync.
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
        defer { setup.cluster.stop() }
        let pod = try await setup.run("/usr/bin/gather", copyOut: "default")
        PodRunExpectations.expectCompleteGather(pod, version: "example/must-gather\n1.2.3\n", token: setup.cluster.token)
    }

    @Test func theEntryPointsRunOneCollectorAloneAndProductScriptsRunFromTheList() async throws {
        let setup = try await PodSetup(namespaces: 1)
        defer { setup.cluster.stop() }
        PodRunExpectations.expectAuditLogsAlone(try await setup.run("/usr/bin/gather_audit_logs", copyOut: "audit"))
        PodRunExpectations.expectProductScriptRan(
            try await setup.run("/usr/bin/gather --only pod-environment", copyOut: "script"))
    }

    // MARK: Helpers

    /// The image layer and a fake cluster with its service account, for pod runs.
    struct PodSetup {
        let directory: TemporaryDirectory
        let layer: String
        let cluster: PodCluster

        init(namespaces: Int) async throws {
            directory = try TemporaryDirectory()
            layer = try await ImageContractTests.imageLayer(in: directory)
            cluster = try await PodCluster.start(in: directory, namespaces: namespaces)
        }

        /// Runs `command` in the pod-like namespace against the cluster, with the Swift toolchain's libraries
        /// hidden; what it copied out goes to `<directory>/<copyOut>`.
        func run(_ command: String, copyOut: String) async throws -> PodRun {
            let copyOut = directory.path + "/" + copyOut
            try FileManager.default.createDirectory(atPath: copyOut, withIntermediateDirectories: true)
            let hidden = try await ImageContractTests.toolchainLibraryFolders()
            let result = try await ProcessRunner.run("/bin/bash",
                [PackageFolder.path + "/image/run-as-pod.sh", layer, cluster.serviceAccount, copyOut] + hidden
                    + ["--", command],
                environment: cluster.environment.merging(["PATH": "/usr/sbin:/usr/bin:/sbin:/bin",
                    "GATHER_PRODUCT": "example/must-gather", "GATHER_VERSION": "1.2.3"]) { $1 })
            guard result.status == 0 else {
                throw PodFailure(description: "run-as-pod.sh failed (\(result.status)): \(result.standardError)")
            }
            return PodRun(readingFrom: copyOut)
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
