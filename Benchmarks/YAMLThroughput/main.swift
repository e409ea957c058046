// How fast JSON from the API server becomes oc-style YAML on disk: the path every inspected list takes.
//
// Builds a PodList of realistic pods (managedFields, status, multi-line and quoted strings), serialises it to compact
// JSON, then times page by page, as inspect does: parse 500 items (JSONParser), write them as YAML (YAMLWriter over
// libyaml's emitter) into a file. It then times Yams' serializer on a slice of the same data, side by side.
// Run with Benchmarks/yaml-throughput.sh (release build).
import Foundation
@testable import GatherKit
@testable import Inspect
import JSONCoding
@testable import KubeClient
import TestSupport
import YAMLCoding
import Yams

let podCount = Int(CommandLine.arguments.dropFirst().first ?? "") ?? 16_000
let pageSize = 500

func pod(_ index: Int) -> JSONValue {
    let name = "workload-\(index / 50)-\(String(index, radix: 36))-abcde"
    let container: JSONValue = [
        "name": "main", "image": "quay.io/example/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef01234567",
        "command": ["/bin/sh", "-c", "set -euo pipefail\nexec /usr/bin/app --config=/etc/app/config.yaml\n"],
        "ports": [["containerPort": 8443, "name": "https", "protocol": "TCP"]],
        "resources": ["requests": ["cpu": "10m", "memory": "50Mi"]],
        "env": [["name": "GOMAXPROCS", "value": "2"], ["name": "ENABLED", "value": "true"]],
        "volumeMounts": [["mountPath": "/etc/app", "name": "config", "readOnly": true]],
        "terminationMessagePolicy": "FallbackToLogsOnError",
    ]
    return [
        "apiVersion": "v1", "kind": "Pod",
        "metadata": [
            "name": .string(name), "namespace": .string("workload-\(index / 50)"),
            "uid": .string(UUID().uuidString.lowercased()), "resourceVersion": .string(String(100_000 + index)),
            "creationTimestamp": "2026-11-25T10:20:30Z",
            "labels": ["app": "workload", "pod-template-hash": "5d8f7c9b4"],
            "annotations": ["k8s.v1.cni.cncf.io/network-status": "[{\n    \"name\": \"ovn-kubernetes\",\n    \"ips\": [\n        \"10.128.2.14\"\n    ]\n}]"],
            "managedFields": [[
                "apiVersion": "v1", "fieldsType": "FieldsV1", "manager": "kube-controller-manager", "operation": "Update",
                "time": "2026-11-25T10:20:30Z",
                "fieldsV1": ["f:metadata": ["f:labels": [".": [:], "f:app": [:]]], "f:spec": ["f:containers": ["k:{\"name\":\"main\"}": [".": [:]]]]],
            ]],
        ],
        "spec": ["containers": [container], "nodeName": "worker-3", "restartPolicy": "Always", "priority": 0],
        "status": [
            "phase": "Running", "podIP": "10.128.2.14", "startTime": "2026-11-25T10:20:31Z",
            "conditions": [["type": "Ready", "status": "True", "lastTransitionTime": "2026-11-25T10:20:40Z"]],
            "containerStatuses": [["name": "main", "ready": true, "restartCount": .number(String(index % 3)),
                "containerID": "cri-o://9f1c0ffee", "state": ["running": ["startedAt": "2026-11-25T10:20:35Z"]]]],
        ],
    ]
}

func seconds(_ work: () throws -> Void) rethrows -> Double {
    let start = ContinuousClock.now
    try work()
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}

// Pages of compact JSON, as the server sends them.
var pages: [[UInt8]] = []
for first in stride(from: 0, to: podCount, by: pageSize) {
    let items = (first..<min(first + pageSize, podCount)).map(pod)
    pages.append(JSONWriter.bytes(of: ["apiVersion": "v1", "kind": "PodList", "metadata": ["resourceVersion": "1"],
        "items": .array(items)]))
}
let jsonBytes = pages.reduce(0) { $0 + $1.count }
if CommandLine.arguments.contains("--transcode-only") {  // for profiling the transcoder alone
    let writer = YAMLWriter()
    for page in pages {
        let raw = try KubeClient.RawListPage(body: page)
        try raw.bytes.withUnsafeBufferPointer { buffer in
            for item in raw.items { try writer.writeJSON(buffer, range: item) }
        }
        _ = writer.takeOutput()
    }
    exit(0)
}
PeakMemory.reset()
let baseline = PeakMemory.resident()

let outputPath = NSTemporaryDirectory() + "yaml-throughput-\(getpid()).yaml"
_ = FileManager.default.createFile(atPath: outputPath, contents: nil)
let output = FileHandle(forWritingAtPath: outputPath)!
var parseSeconds = 0.0
var emitSeconds = 0.0
var yamlBytes = 0
let writer = YAMLWriter()
try writer.beginDocument()
try writer.beginMapping()
try writer.writeKey("apiVersion")
try writer.write("v1")
try writer.writeKey("items")
try writer.beginSequence()
for page in pages {
    var document: JSONValue = nil
    parseSeconds += try seconds { document = try JSONParser.parse(page) }
    emitSeconds += try seconds {
        for item in document["items"]?.arrayValue ?? [] {
            try writer.write(item)
        }
        let chunk = writer.takeOutput()
        yamlBytes += chunk.count
        output.write(Data(chunk))
    }
}
try writer.endSequence()
try writer.writeKey("kind")
try writer.write("PodList")
try writer.endMapping()
try writer.endDocument()
try writer.finish()
output.write(Data(writer.takeOutput()))
let peak = PeakMemory.current()
try? FileManager.default.removeItem(atPath: outputPath)

// Yams, side by side, on one page.
let slice = try JSONParser.parse(pages[0])
func node(_ value: JSONValue) -> Node {
    switch value {
    case .null: return Node("null", Tag(.null))
    case .bool(let flag): return Node(flag ? "true" : "false", Tag(.bool))
    case .number(let text): return Node(text, Tag(.int))
    case .string(let text): return Node(text, Tag(.str))
    case .array(let elements): return Node(elements.map(node))
    case .object(let members): return Node(members.keys.sorted().map { (Node($0), node(members[$0]!)) })
    }
}
var ours = 0.0
var yams = 0.0
ours = try seconds {
    let pageWriter = YAMLWriter()
    try pageWriter.writeDocument(slice)
    try pageWriter.finish()
}
yams = try seconds { _ = try Yams.serialize(node: node(slice)) }

try output.close()
// As inspect runs a list: each page's items located in its bytes (RawListPage) while the previous page is
// transcoded to the list file by ListYAMLFile on the blocking pool.
let pipelineDirectory = NSTemporaryDirectory() + "yaml-throughput-tree-\(getpid())"
let tree = try OutputTree(root: pipelineDirectory)
let pipelined = try await { () async throws -> Double in
    let start = ContinuousClock.now
    let file = YAMLFiles(output: tree).startList(at: ["pods.yaml"])
    var pending: Task<Void, any Error>?
    for page in pages {
        let raw = try KubeClient.RawListPage(body: page)
        try await pending?.value
        pending = Task { try await file.append(raw: raw, apiVersion: "v1") }
    }
    try await pending?.value
    try await file.finish(kind: "PodList", apiVersion: "v1", metadata: ["resourceVersion": "1"])
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}()

// Straight from the bytes: each item's range transcoded, no JSONValue built.
let transcodedPath = NSTemporaryDirectory() + "yaml-throughput-transcoded-\(getpid()).yaml"
_ = FileManager.default.createFile(atPath: transcodedPath, contents: nil)
let transcodedOutput = FileHandle(forWritingAtPath: transcodedPath)!
let transcoded = try seconds {
    let pageWriter = YAMLWriter()
    try pageWriter.beginDocument()
    try pageWriter.beginSequence()
    var items: [Range<Int>] = []
    for page in pages {
        try page.withUnsafeBufferPointer { buffer in
            let scanner = JSONScanner(buffer)
            items.removeAll(keepingCapacity: true)
            guard let range = try scanner.member("items", of: 0..<buffer.count) else { return }
            try scanner.elements(of: range, into: &items)
            for item in items { try pageWriter.writeJSON(buffer, range: item) }
        }
        transcodedOutput.write(Data(pageWriter.takeOutput()))
    }
    try pageWriter.endSequence()
    try pageWriter.endDocument()
    try pageWriter.finish()
}
try transcodedOutput.close()
try? FileManager.default.removeItem(atPath: transcodedPath)
try? FileManager.default.removeItem(atPath: pipelineDirectory)

let megabytes = Double(jsonBytes) / 1e6
print("JSON to YAML, \(podCount) pods, \(String(format: "%.1f", megabytes)) MB of JSON in \(pages.count) pages → \(String(format: "%.1f", Double(yamlBytes) / 1e6)) MB of YAML")
print("| step | seconds | MB of JSON per second |")
print("|---|---|---|")
print("| parse into values (JSONParser) | \(String(format: "%.2f", parseSeconds)) | \(String(format: "%.0f", megabytes / parseSeconds)) |")
print("| write the values as YAML (YAMLWriter) | \(String(format: "%.2f", emitSeconds)) | \(String(format: "%.0f", megabytes / emitSeconds)) |")
print("| both, values (freeing them not counted) | \(String(format: "%.2f", parseSeconds + emitSeconds)) | \(String(format: "%.0f", megabytes / (parseSeconds + emitSeconds))) |")
print("| transcode the bytes (JSONScanner + YAMLWriter.writeJSON), one thread | \(String(format: "%.2f", transcoded)) | \(String(format: "%.0f", megabytes / transcoded)) |")
print("| **inspect's list path: RawListPage, then ListYAMLFile on the blocking pool, pipelined** | \(String(format: "%.2f", pipelined)) | \(String(format: "%.0f", megabytes / pipelined)) |")
print("peak RSS during the conversion: \(peak / 1_048_576) MiB (\((peak - baseline) / 1_048_576) MiB above the input held in memory)")
print("one page (\(pageSize) pods): YAMLWriter \(String(format: "%.3f", ours)) s, Yams.serialize \(String(format: "%.3f", yams)) s (\(String(format: "%.1f", yams / ours))x)")
