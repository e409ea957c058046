#!/usr/bin/env bash
# gather report on a large synthetic tree: time, peak memory and page size, in a release build (scratch folder
# .build-release). The tree (NAMESPACES namespaces of PODS pods and EVENTS events each) is written by python3 into a
# temporary folder and removed afterwards.
# Usage: Benchmarks/report-large-tree.sh [namespaces] [pods] [events]   (default 10 3000 10000: about 60 MB)
# GATHER_BIN=path/to/gather uses that binary instead of building one.
set -euo pipefail
cd "$(dirname "$0")/.."
namespaces=${1:-10} pods=${2:-3000} events=${3:-10000}
if [ -z "${GATHER_BIN:-}" ]; then
    swift build -c release --product gather --scratch-path .build-release >/dev/null
    GATHER_BIN=.build-release/release/gather
fi
work=$(mktemp -d /tmp/gather-report-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
python3 - "$work/must-gather" "$namespaces" "$pods" "$events" <<'PY'
import os, sys
root, namespaces, pods, events = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
for n in range(namespaces):
    folder = f"{root}/namespaces/ns-{n}/core"
    os.makedirs(folder)
    with open(f"{folder}/pods.yaml", "w") as out:
        out.write("apiVersion: v1\nkind: PodList\nitems:\n")
        for i in range(pods):
            state = "{waiting: {reason: CrashLoopBackOff}}" if i % 97 == 0 else '{running: {startedAt: "2024-01-01T00:00:00Z"}}'
            out.write(f"""- apiVersion: v1
  kind: Pod
  metadata: {{name: app-{i}, namespace: ns-{n}, labels: {{app: app, release: r{i}}}}}
  spec:
    nodeName: worker-{i % 50}
    containers: [{{name: main, image: quay.io/example/app:1.0}}, {{name: sidecar, image: quay.io/example/sidecar:1.0}}]
  status:
    phase: Running
    containerStatuses:
    - {{name: main, restartCount: {(i * 7) % 13}, ready: true, state: {state}}}
    - {{name: sidecar, restartCount: 0, ready: true, state: {{running: {{startedAt: "2024-01-01T00:00:00Z"}}}}}}
""")
    with open(f"{folder}/events.yaml", "w") as out:
        out.write("apiVersion: v1\nkind: EventList\nitems:\n")
        for j in range(events):
            i = j % pods
            out.write(f"""- apiVersion: v1
  kind: Event
  type: {"Warning" if j % 3 else "Normal"}
  reason: {["BackOff", "FailedMount", "Unhealthy", "FailedScheduling"][j % 4]}
  count: {1 + j % 5}
  lastTimestamp: "2024-01-01T{j % 24:02d}:{j % 60:02d}:00Z"
  message: "Back-off restarting failed container main in pod app-{i}_ns-{n}({j:08x})"
  metadata: {{name: app-{i}.{j}, namespace: ns-{n}}}
  involvedObject: {{kind: Pod, name: app-{i}, namespace: ns-{n}}}
""")
PY
echo "report-large-tree, $(date -u +%Y-%m-%d), $(nproc) cores, $(uname -m): $namespaces namespaces x $pods pods, $events events, $(du -sh "$work/must-gather" | cut -f1)"
/usr/bin/time -f "%e s, peak %M kB" "$GATHER_BIN" report "$work/must-gather" 2>&1
