import Foundation
import TestSupport
import Testing

@testable import GatherKit

/// A kind with parameters of each shape, for the registry and the field reader.
struct SampleKind: CollectorKind {
    static let name = "sample"
    static let fields = ["targets", "mode", "verbose", "wait"]
    static let needsCluster = true

    var targets: [String]
    var mode: String?
    var verbose: Bool
    var wait: Duration?

    init(targets: [String], mode: String? = nil, verbose: Bool = false, wait: Duration? = nil) {
        self.targets = targets
        self.mode = mode
        self.verbose = verbose
        self.wait = wait
    }

    init(reading fields: CollectorEntryFields) throws(SpecError) {
        targets = try fields.nonEmptyStrings("targets")
        mode = try fields.string("mode")
        verbose = try fields.bool("verbose") ?? false
        wait = try fields.duration("wait")
    }

    func makeCollector(for entry: CollectorEntry, using services: CollectorServices) throws(MissingService)
        -> any Collector
    {
        _ = try services.require(Int.self)
        return ScriptedCollector(entry.name, .succeed, kind: self)
    }
}

struct CollectorSpecTests {
    static var packageRoot: URL { PackageFolder.url }
    static let kinds = CollectorKindRegistry([VersionKind.self, ScriptKind.self, SampleKind.self])

    @Test func theBuiltInListIsTheDataFile() throws {
        let file = try String(contentsOf: Self.packageRoot.appendingPathComponent("collection-scripts/collectors.yaml"),
            encoding: .utf8)
        #expect(DefaultCollectorSpec.text == file, "edit collection-scripts/collectors.yaml, then paste it into DefaultCollectorSpec.swift")
    }

    @Test func readsEachKindIntoItsTypedParameters() throws {
        let spec = try CollectorSpec.parse("""
            collectors:
              - {name: v, kind: version}
              - {name: s, kind: script, path: /usr/bin/gather_network_logs, arguments: [--fast], enabled: false}
              - {name: t, kind: sample, targets: [a, b], mode: fast, verbose: true, wait: 90s, timeout: 2m, groups: [g]}
            """, file: "t.yaml", kinds: Self.kinds)
        #expect(spec.entries.map(\.kindName) == ["version", "script", "sample"])
        #expect(spec.entries[0].kind as? VersionKind == VersionKind())
        #expect(spec.entries[1].kind as? ScriptKind == ScriptKind(path: "/usr/bin/gather_network_logs", arguments: ["--fast"]))
        #expect(spec.entries[2].kind as? SampleKind == SampleKind(targets: ["a", "b"], mode: "fast", verbose: true,
            wait: .seconds(90)))
        #expect(spec.entries[2].timeout == .seconds(120) && spec.entries[2].groups == ["g"] && spec.entries[2].line == 4)
        #expect(spec.defaultEntries.map(\.name) == ["v", "t"])
        #expect(spec.entries[1] != spec.entries[2])
        #expect(try CollectorSpec.parse("collectors: [{name: v, kind: version}]\n", file: "u.yaml", kinds: Self.kinds)
            .entries[0] == CollectorEntry(name: "v", kind: VersionKind(), line: 1))
    }

    @Test(arguments: [
        ("collectors:\n  - name: a\n    kind: teleport\n", 3, "unknown kind `teleport` (one of: sample, script, version)"),
        ("collectors:\n  - name: a\n    kind: version\n  - name: a\n    kind: version\n", 4, "used twice (first on line 2)"),
        ("collectors:\n  - name: a\n    kind: sample\n    targets: [pods]\n    units: [x]\n", 5,
            "field `units` does not belong to kind `sample` (it accepts: targets, mode, verbose, wait, name, kind, timeout, enabled, groups, when)"),
        ("collectors:\n  - name: a\n    kind: version\n    path: /bin/true\n", 4,
            "field `path` does not belong to kind `version` (it accepts: name, kind, timeout, enabled, groups, when)"),
        ("collectors:\n  - name: a\n    kind: version\n    timeout: soon\n", 4, "not a positive duration"),
        ("collectors:\n  - name: ../a\n    kind: version\n", 2, "may only hold"),
        ("collectors:\n  - name: a\n    kind: sample\n", 2, "collector `a`: needs a non-empty `targets` list"),
        ("collectors:\n  - name: a\n    kind: sample\n    targets: pods\n", 4, "`targets` must be a list"),
        ("collectors:\n  - name: a\n    kind: sample\n    targets: [pods]\n    verbose: maybe\n", 5, "`verbose` must be true or false"),
        ("collectors:\n  - name: a\n    kind: sample\n    targets:\n      - {x: 1}\n", 5, "`targets` must hold texts"),
        ("collectors:\n  - name: a\n    kind: script\n", 2, "needs a `path`"),
        ("collectors:\n  - name: a\n", 2, "needs a `kind`"),
        ("collectors: [\n  {name: a,\n", 3, "not valid YAML"),
        ("collecters: []\n", 1, "unknown top-level field"),
    ])
    func aWrongSpecNamesTheLineAndTheProblem(_ text: String, _ line: Int, _ problem: String) {
        #expect {
            try CollectorSpec.parse(text, file: "bad.yaml", kinds: Self.kinds)
        } throws: { error in
            guard let specError = error as? SpecError else { return false }
            return specError.file == "bad.yaml" && specError.line == line && specError.problem.contains(problem)
        }
    }

    @Test func aKindMakesItsCollectorWithWhatTheRunProvidesOrIsSkippedWithTheReason() throws {
        let spec = try CollectorSpec.parse("""
            collectors:
              - {name: v, kind: version}
              - {name: t, kind: sample, targets: [a]}
            """, file: "t.yaml", kinds: Self.kinds)
        var services = CollectorServices()
        services.provide(ProductIdentity(product: "p", version: "1.0.0.0"))
        /// What was made of each entry: `run`, or the reason it cannot.
        func made(_ factory: CollectorFactory) -> [String] {
            factory.make(spec.entries).map { ($0 as? UnavailableCollector)?.reason ?? "run \($0.entry.name)" }
        }
        #expect(made(CollectorFactory(services: services))
            == ["run v", "the sample collector cannot run: this run has no Int"])
        services.provide(7)
        #expect(made(CollectorFactory(services: services)) == ["run v", "run t"])
        #expect(made(CollectorFactory(services: services, noCluster: "no cluster connection: no kubeconfig"))
            == ["run v", "no cluster connection: no kubeconfig"])
    }

    @Test func twoKindsWithOneNameAreRefused() async {
        await #expect(processExitsWith: .failure) {
            _ = CollectorKindRegistry([VersionKind.self, VersionKind.self])
        }
    }
}
