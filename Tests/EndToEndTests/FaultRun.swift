@testable import Compression
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Synchronization
import TestSupport
import Testing
import YAMLCoding

/// One run of the `gather` binary against the `fake-cluster` binary serving a small synthetic cluster, with faults:
/// what it wrote, printed and asked, and how long it took. The cluster is the same for every run (fixed seed and
/// clock), so a run's files can be compared with a clean run's.
struct FaultRun: Sendable {
    /// The run's deadline (`--timeout`); every run must end by it. Generous: these runs share the machine with the
    /// rest of the tests (and CI's release build), and a clean run cut by its deadline would compare badly.
    static let deadline = 240.0
    /// `--request-timeout` and `--stall-timeout`, in seconds: short, so hangs cost little, yet long enough for a
    /// machine busy with other tests.
    static let timeLimit = 8
    /// Files that differ between any two runs (times, the summary and the page made from it).
    static let volatileFiles: Set<String> = ["timestamp", "event-filter.html", "gather-summary.json", "gather-report.html"]
    /// The cluster every run gathers from. Its clock is fixed once per test process (at the start of the hour), so
    /// every run's logs are the same, and recent enough for the journals' default week.
    static let clusterArguments = ["--namespaces", "2", "--now", clusterNow]
    private static let clusterNow: String = {
        let hour = (Date().timeIntervalSince1970 / 3600).rounded(.down) * 3600
        return ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: hour))
    }()

    let directory: TemporaryDirectory
    /// The folder gathered into (or its copy, for runs in a namespace of their own).
    let output: String
    let result: ProcessRunner.Result
    let seconds: Double
    let token: String
    let canaries: [String]
    /// `method, target, status, bytes, ms` per request the server saw.
    let requests: [[String]]

    /// Starts the fake cluster with `faults` and `cluster` arguments, then runs gather with `gather` arguments.
    /// - Parameters:
    ///   - kubeconfig: rewrites the kubeconfig before gather reads it (a wrong CA).
    ///   - outputVolumeBytes: gathers into a tmpfs of this size in a private mount namespace (a full disk).
    static func run(faults: [String] = [], cluster: [String] = [], gather: [String] = [],
        kubeconfig: (@Sendable (String) -> String)? = nil, outputVolumeBytes: Int? = nil) async throws -> FaultRun
    {
        let directory = try TemporaryDirectory()
        let path = directory.path
        let server = try await BackgroundProcess.start(BuiltProduct.path("fake-cluster"), ["--port", "0",
            "--write-kubeconfig", path + "/kubeconfig", "--write-canaries", path + "/canaries",
            "--request-log", path + "/requests.tsv"] + clusterArguments + cluster + faults.flatMap { ["--fault", $0] })
        defer { server.stop() }
        guard server.firstLine.hasPrefix("serving https://127.0.0.1:") else {
            throw FaultRunError(description: "fake-cluster did not start: \(server.firstLine)")
        }
        if let kubeconfig {
            let text = try String(contentsOfFile: path + "/kubeconfig", encoding: .utf8)
            try kubeconfig(text).write(toFile: path + "/kubeconfig", atomically: true, encoding: .utf8)
        }
        let arguments = ["--kubeconfig", path + "/kubeconfig", "--dest-dir", path + "/mg",
            "--timeout", "\(Int(deadline))s", "--request-timeout", "\(timeLimit)s", "--stall-timeout", "\(timeLimit)s"] + gather
        let started = ContinuousClock.now
        let result: ProcessRunner.Result
        var output = path + "/mg"
        if let outputVolumeBytes {
            // The volume lives only in the namespace: copy what was written out before the namespace ends.
            output = path + "/copied"
            try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
            let script = #"volume="$2"; copy="$3"; mount -t tmpfs -o size="$1" tmpfs "$volume" || exit 99; shift 3; "$@"; "#
                + #"status=$?; cp -a "$volume/." "$copy/"; exit $status"#
            try FileManager.default.createDirectory(atPath: path + "/mg", withIntermediateDirectories: true)
            result = try await ProcessRunner.run("/usr/bin/unshare", ["--mount", "--propagation", "private", "/bin/sh", "-c",
                script, "sh", String(outputVolumeBytes), path + "/mg", output, BuiltProduct.path("gather")] + arguments,
                environment: ["HOME": path, "PATH": "/usr/sbin:/usr/bin:/sbin:/bin"])
        } else {
            result = try await ProcessRunner.run(BuiltProduct.path("gather"), arguments, environment: ["HOME": path])
        }
        let seconds = Double((ContinuousClock.now - started).components.seconds)
            + Double((ContinuousClock.now - started).components.attoseconds) / 1e18
        let token = try Self.token(fromKubeconfig: String(contentsOfFile: path + "/kubeconfig", encoding: .utf8))
        let canaries = try String(contentsOfFile: path + "/canaries", encoding: .utf8).split(separator: "\n").map(String.init)
        let requests = ((try? String(contentsOfFile: path + "/requests.tsv", encoding: .utf8)) ?? "")
            .split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        return FaultRun(directory: directory, output: output, result: result, seconds: seconds, token: token,
            canaries: canaries, requests: requests)
    }

    /// The bearer token written into the kubeconfig.
    static func token(fromKubeconfig text: String) throws -> String {
        guard let line = text.split(separator: "\n").first(where: { $0.contains("token:") }),
            let token = line.split(separator: ":", maxSplits: 1).last?.trimmingCharacters(in: .whitespaces), !token.isEmpty
        else {
            throw FaultRunError(description: "no token in the kubeconfig")
        }
        return token.trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
    }

    // MARK: What the run left

    /// The summary, parsed.
    func summary() throws -> [String: Any] { try SummaryFile.read(output) }

    /// Every collector's problems, as `subject: message`.
    func problems() throws -> [String] {
        let collectors = try summary()["collectors"] as? [[String: Any]] ?? []
        return collectors.flatMap { collector in
            (collector["problems"] as? [[String: Any]] ?? []).map {
                "\($0["subject"] as? String ?? ""): \($0["message"] as? String ?? "")"
            }
        }
    }

    /// Each collector's status, by name.
    func statuses() throws -> [String: String] {
        let collectors = try summary()["collectors"] as? [[String: Any]] ?? []
        return Dictionary(uniqueKeysWithValues: collectors.map { ($0["name"] as? String ?? "", $0["status"] as? String ?? "") })
    }

    /// The clean run's files (bar the volatile ones) that this run has byte for byte, and those it lacks or has
    /// otherwise.
    func compared(with clean: FaultRun) -> (equal: Int, total: Int, differing: [String]) {
        let files = RegularFiles.list(under: clean.output).filter { !Self.volatileFiles.contains($0) }
        var differing: [String] = []
        for file in files where FileManager.default.contents(atPath: output + "/" + file)
            != FileManager.default.contents(atPath: clean.output + "/" + file)
        {
            differing.append(file)
        }
        return (files.count - differing.count, files.count, differing)
    }

    /// The checks every run passes, whatever the fault: it ended by its deadline; no secret value or token in any
    /// file (plain, base64 or inside gzip) nor in its output; TLS verified; nothing writable by others; every complete
    /// YAML file parses; no file apart from `.partial` ones is cut short; nothing outside its folder.
    func expectSafeAndOnTime(sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(seconds < Self.deadline + 5, "took \(seconds) s", sourceLocation: sourceLocation)
        #expect(!canaries.isEmpty, sourceLocation: sourceLocation)
        let needles = ([token] + canaries).flatMap { [Array($0.utf8), Array(Data($0.utf8).base64EncodedString().utf8)] }
        for text in [result.standardOutput, result.standardError] {
            #expect(!text.contains(token), "the token is in gather's output", sourceLocation: sourceLocation)
            // What the client says when it does not verify the server (a file's name may well say "insecure": the
            // kube-apiserver pods have a container named kube-apiserver-insecure-readyz).
            #expect(!text.contains("TLS verification of the API server is OFF"), "TLS verification was skipped",
                sourceLocation: sourceLocation)
        }
        for file in RegularFiles.list(under: output) {
            let path = output + "/" + file
            var bytes = [UInt8](FileManager.default.contents(atPath: path) ?? Data())
            if file.hasSuffix(".gz"), !file.hasSuffix(".partial") {
                bytes = try Self.gunzip(bytes)
            }
            for needle in needles where bytes.count >= needle.count {
                #expect(!Self.contains(bytes, needle), "a secret value or the token is in \(file)", sourceLocation: sourceLocation)
            }
            if file.hasSuffix(".yaml") {
                #expect(throws: Never.self, "\(file) does not parse", sourceLocation: sourceLocation) {
                    _ = try YAMLReader.documents(bytes)
                }
            }
            #expect((TreeComparison.permissions(path) ?? 0o777) & 0o022 == 0, "\(file) is writable by others",
                sourceLocation: sourceLocation)
        }
        let besides = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(Set(besides).isSubset(of: ["mg", "copied", "kubeconfig", "canaries", "requests.tsv"]),
            "written outside the output: \(besides.sorted())", sourceLocation: sourceLocation)
    }

    /// One line of the README's fault table: what was gathered against the clean run, what the summary said, the time.
    func tableRow(_ fault: String, clean: FaultRun, said: String) -> String {
        let (equal, total, _) = compared(with: clean)
        let share = total == 0 ? 0 : Double(equal) / Double(total) * 100
        return String(format: "FAULT-ROW | %@ | %d of %d files (%.0f %%) | %@ | %.1f s of %.0f s |", fault, equal, total,
            share, said, seconds, Self.deadline)
    }

    /// Whether `needle` occurs in `haystack` (memchr for its first byte, then memcmp).
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, haystack.count >= needle.count else { return false }
        return haystack.withUnsafeBytes { hay in
            needle.withUnsafeBytes { pin in
                var offset = 0
                let last = hay.count - pin.count
                while offset <= last {
                    guard let found = memchr(hay.baseAddress! + offset, Int32(first), last - offset + 1) else { return false }
                    offset = hay.baseAddress!.distance(to: UnsafeRawPointer(found))
                    if memcmp(hay.baseAddress! + offset, pin.baseAddress!, pin.count) == 0 { return true }
                    offset += 1
                }
                return false
            }
        }
    }

    static func gunzip(_ bytes: [UInt8]) throws -> [UInt8] {
        var output: [UInt8] = []
        try GzipDecompressor().decompress(bytes) { output.append(contentsOf: $0) }
        return output
    }
}

/// A fault run that could not be set up.
struct FaultRunError: Error, CustomStringConvertible {
    let description: String
}

/// The clean run every fault run is compared with, made once per test process.
enum CleanRun {
    private static let cached = Mutex<FaultRun?>(nil)

    static func shared() async throws -> FaultRun {
        if let run = cached.withLock({ $0 }) { return run }
        let run = try await FaultRun.run()
        cached.withLock { $0 = run }
        return run
    }
}
