import Foundation
import TestSupport
import Testing

@testable import GatherKit

struct CollectorSpecTests {
    static var packageRoot: URL { PackageFolder.url }

    @Test func theBuiltInListIsTheDataFile() throws {
        let file = try String(contentsOf: Self.packageRoot.appendingPathComponent("collection-scripts/collectors.yaml"),
            encoding: .utf8)
        #expect(DefaultCollectorSpec.text == file, "edit collection-scripts/collectors.yaml, then paste it into DefaultCollectorSpec.swift")
    }

    @Test func theDefaultListParses() throws {
        let spec = try DefaultCollectorSpec.spec()
        #expect(spec.entries.first?.kind == .version)
        #expect(spec.entries.map(\.name).contains("audit-logs"))
        let audit = try #require(spec.entries.first { $0.name == "audit-logs" })
        #expect(audit.kind == .nodeFiles(paths: ["kube-apiserver", "openshift-apiserver", "oauth-apiserver", "etcd",
            "oauth-server"], nodes: .role("master")))
        #expect(audit.groups == ["audit", "logs"])
        #expect(audit.timeout == .seconds(300))
        let leases = try #require(spec.entries.first { $0.name == "inspect-leases" })
        #expect(leases.kind == .inspect(resources: ["csistoragecapacities", "leases"], namespace: nil, allNamespaces: true))
    }

    @Test func readsEveryKind() throws {
        let spec = try CollectorSpec.parse("""
            collectors:
              - {name: v, kind: version}
              - {name: s, kind: script, path: /usr/bin/gather_network_logs, arguments: [--fast], enabled: false}
              - {name: w, kind: serviceLogs, selector: "node-role.kubernetes.io/worker", units: [kubelet]}
            """, file: "t.yaml")
        #expect(spec.entries.map(\.kind) == [.version, .script(path: "/usr/bin/gather_network_logs", arguments: ["--fast"]),
            .serviceLogs(units: ["kubelet"], nodes: .selector("node-role.kubernetes.io/worker"))])
        #expect(spec.defaultEntries.map(\.name) == ["v", "w"])
    }

    @Test(arguments: [
        ("collectors:\n  - name: a\n    kind: teleport\n", 3, "unknown kind `teleport`"),
        ("collectors:\n  - name: a\n    kind: version\n  - name: a\n    kind: version\n", 4, "used twice (first on line 2)"),
        ("collectors:\n  - name: a\n    kind: inspect\n    resources: [pods]\n    units: [x]\n", 5, "does not belong to kind"),
        ("collectors:\n  - name: a\n    kind: version\n    timeout: soon\n", 4, "not a positive duration"),
        ("collectors:\n  - name: ../a\n    kind: version\n", 2, "may only hold"),
        ("collectors:\n  - name: a\n    kind: serviceLogs\n    units: [crio]\n", 2, "choose nodes"),
        ("collectors:\n  - name: a\n    kind: script\n", 2, "needs a `path`"),
        ("collectors: [\n  {name: a,\n", 3, "not valid YAML"),
        ("collecters: []\n", 1, "unknown top-level field"),
    ])
    func aWrongSpecNamesTheLineAndTheProblem(_ text: String, _ line: Int, _ problem: String) {
        #expect {
            try CollectorSpec.parse(text, file: "bad.yaml")
        } throws: { error in
            guard let specError = error as? SpecError else { return false }
            return specError.file == "bad.yaml" && specError.line == line && specError.problem.contains(problem)
        }
    }
}
