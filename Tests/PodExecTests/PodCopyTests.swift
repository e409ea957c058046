@testable import Compression
@testable import FakeCluster
import Foundation
@testable import KubeClient
import TestSupport
import Testing

@testable import GatherKit
@testable import PodExec

/// Files copied out of pods (tar over exec, unpacked with libarchive) into the output tree, including tar streams
/// no honest tar writes, served by the fake cluster.
@Suite(.serialized)
struct PodCopyTests {
    static let base = SyntheticCluster.build(.demo)
    static let router = base.podContents.keys.first { $0.namespace == "openshift-ingress" }!
    static let insights = base.podContents.keys.first { $0.namespace == "openshift-insights" }!

    /// Serves `data`, and runs `body` with a copier into a fresh output folder inside a sandbox folder.
    func withCopier(_ data: ClusterData = base, _ body: (PodCopy, String) async throws -> Void) async throws {
        let sandbox = try TemporaryDirectory()
        try await FakeAPIServer.withClient(data: data, options: KubeClientOptions(retry: .none)) { _, client in
            try await body(PodCopy(client: client, tree: try OutputTree(root: sandbox.path + "/out")), sandbox.path)
        }
    }

    /// Every path below `directory`, relative to it.
    func everything(in directory: String) -> [String] {
        (FileManager.default.enumerator(atPath: directory)?.allObjects as? [String] ?? []).sorted()
    }

    @Test func copiesAFileAndAFolder() async throws {
        try await withCopier { copier, sandbox in
            let config = "/var/lib/haproxy/conf/haproxy.config"
            let file = try await copier.copy(namespace: "openshift-ingress", pod: Self.router.pod, container: "router",
                path: config, to: ["ingress_controllers", "default", Self.router.pod, "haproxy.config"])
            #expect(file.files == 1 && file.leftOut.isEmpty && !file.readWithCat)
            let written = FileManager.default.contents(atPath:
                sandbox + "/out/ingress_controllers/default/\(Self.router.pod)/haproxy.config")
            #expect(written.map { Array($0) } == Self.base.podContents[Self.router]!.files[config])

            let folder = try await copier.copy(namespace: "openshift-insights", pod: Self.insights.pod,
                container: "insights-operator", path: "/var/lib/insights-operator", to: ["insights-data"])
            #expect(folder.files == 2)
            for (path, bytes) in Self.base.podContents[Self.insights]!.files {
                let local = sandbox + "/out/insights-data/" + (path as NSString).lastPathComponent
                #expect(FileManager.default.contents(atPath: local).map { Array($0) } == bytes)
            }
            // No spool and no partial file is left.
            #expect(everything(in: sandbox).allSatisfy { !$0.hasSuffix(".partial") && !$0.hasSuffix(".tar") })
        }
    }

    @Test func aContainerWithoutTarFallsBackToCatForOneFile() async throws {
        var data = Self.base
        data.podContents[Self.router]!.hasTar = false
        try await withCopier(data) { copier, sandbox in
            let result = try await copier.copy(namespace: "openshift-ingress", pod: Self.router.pod, container: "router",
                path: "/var/lib/haproxy/conf/haproxy.config", to: ["haproxy.config"])
            #expect(result.readWithCat && result.files == 1)
            #expect(FileManager.default.contents(atPath: sandbox + "/out/haproxy.config").map { Array($0) }
                == data.podContents[Self.router]!.files["/var/lib/haproxy/conf/haproxy.config"])
        }
    }

    @Test func aFailedCopyNamesThePodAndThePath() async throws {
        try await withCopier { copier, sandbox in
            await #expect {
                try await copier.copy(namespace: "openshift-ingress", pod: Self.router.pod, container: "router",
                    path: "/var/lib/missing", to: ["missing"])
            } throws: { error in
                let text = "\(error)"
                return text.contains("openshift-ingress/\(Self.router.pod)") && text.contains("/var/lib/missing")
                    && text.contains("Cannot stat")
            }
            #expect(everything(in: sandbox + "/out").isEmpty)
        }
    }

    @Test func aHostileTarWritesNothingOutsideTheOutputFolder() async throws {
        let sandboxMarker = "escape-\(UUID().uuidString)"
        let longName = String(repeating: "n", count: 300)
        var data = Self.base
        data.podContents[Self.router]!.archives["/data/evil"] = try TarImage([
            .directory(name: "evil/"),
            .file(name: "evil/ok.txt", contents: Array("fine\n".utf8)),
            .file(name: "/tmp/\(sandboxMarker)-absolute.txt", contents: Array("absolute\n".utf8)),
            .file(name: "evil/../../\(sandboxMarker)-climbed.txt", contents: Array("climbed\n".utf8)),
            .file(name: "../\(sandboxMarker)-up.txt", contents: Array("up\n".utf8)),
            .symbolicLink(name: "evil/link-out", target: "/tmp"),
            .file(name: "evil/link-out/\(sandboxMarker)-through-link.txt", contents: Array("through\n".utf8)),
            .hardLink(name: "evil/hard-out", target: "/etc/passwd"),
            .characterDevice(name: "evil/null"),
            .fifo(name: "evil/pipe"),
            .file(name: "evil/" + longName, contents: Array("long\n".utf8)),
            .file(name: "elsewhere/other.txt", contents: Array("other\n".utf8)),
        ]).bytes
        try await withCopier(data) { copier, sandbox in
            let result = try await copier.copy(namespace: "openshift-ingress", pod: Self.router.pod, container: "router",
                path: "/data/evil", to: ["copied"])
            // What stays inside is kept: the plain file, the long name (shortened), and the file below the link's
            // name (a real folder, since the link was not made).
            #expect(result.files == 3)
            #expect(result.leftOut.count == 8, "\(result.leftOut)")
            #expect(everything(in: sandbox).allSatisfy { $0 == "out" || $0.hasPrefix("out/") }, "\(everything(in: sandbox))")
            let copied = everything(in: sandbox + "/out/copied")
            #expect(copied.contains("ok.txt"))
            #expect(copied.contains { $0.hasPrefix(String(repeating: "n", count: 100)) && $0.utf8.count <= PathComponent.maximumBytes })
            #expect(!copied.contains("hard-out") && !copied.contains("null") && !copied.contains("pipe"))
            var info = stat()
            #expect(lstat(sandbox + "/out/copied/link-out", &info) == 0 && info.st_mode & S_IFMT == S_IFDIR)
            for name in ["absolute.txt", "through-link.txt"] {
                #expect(!FileManager.default.fileExists(atPath: "/tmp/\(sandboxMarker)-\(name)"))
            }
            #expect(!FileManager.default.fileExists(atPath: (sandbox as NSString).deletingLastPathComponent
                + "/\(sandboxMarker)-climbed.txt"))
        }
    }

    @Test func tenThousandFilesAreUnpacked() async throws {
        var data = Self.base
        var entries: [TarImage.Entry] = [.directory(name: "many/")]
        for index in 0..<10_000 { entries.append(.file(name: "many/file-\(index).txt", contents: Array("\(index)\n".utf8))) }
        data.podContents[Self.router]!.archives["/data/many"] = try TarImage(entries).bytes
        try await withCopier(data) { copier, sandbox in
            let result = try await copier.copy(namespace: "openshift-ingress", pod: Self.router.pod, container: "router",
                path: "/data/many", to: ["many"])
            #expect(result.files == 10_000 && result.leftOut.isEmpty)
            #expect(FileManager.default.contents(atPath: sandbox + "/out/many/file-9999.txt") == Data("9999\n".utf8))
            #expect(try FileManager.default.contentsOfDirectory(atPath: sandbox + "/out/many").count == 10_000)
        }
    }
}
