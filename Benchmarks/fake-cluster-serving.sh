#!/usr/bin/env bash
# How fast the fake cluster serves, so that benchmarks of gather know it is not the bottleneck.
#
# Builds fake-cluster in release mode (scratch folder .build-release), serves a cluster of 2,000 pods, then measures
# with wrk (requests per second on small objects and on 500-item list pages, 16 connections) and curl (one 256 MiB
# pod log streamed, and a gzipped journal). Needs wrk and curl: apt-get install -y wrk curl.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 2; }
swift build -c release --product fake-cluster --scratch-path .build-release >/dev/null
binary=.build-release/release/fake-cluster
work=$(mktemp -d)
trap 'kill $server_pid 2>/dev/null || true; rm -rf "$work"' EXIT

$binary --port 0 --write-kubeconfig "$work/kubeconfig" --token bench-token --namespaces 100 --pods-per-namespace 20 \
    --log-bytes-per-container $((256 * 1024 * 1024)) --journal-bytes-per-unit $((64 * 1024 * 1024)) \
    > "$work/out" 2>&1 &
server_pid=$!
for _ in $(seq 100); do grep -q serving "$work/out" 2>/dev/null && break; sleep 0.1; done
url=$(awk '/serving/ {print $2}' "$work/out")
auth="Authorization: Bearer bench-token"
pod=$(curl -sk -H "$auth" "$url/api/v1/namespaces/workload-001/pods?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["metadata"]["name"])')

rate() { wrk -t2 -c16 -d5s -H "$auth" "$1" | awk '/Requests\/sec/ {print $2} /Transfer\/sec/ {print $2}' | paste -sd' '; }
echo "fake-cluster serving benchmark, $(date -u +%Y-%m-%d), $(nproc) cores, $(uname -m)"
echo "| what | result |"
echo "|---|---|"
echo "| GET one pod (requests/s, transfer/s) | $(rate "$url/api/v1/namespaces/workload-001/pods/$pod") |"
echo "| LIST 500 pods a page (requests/s, transfer/s) | $(rate "$url/api/v1/pods?limit=500") |"
stream=$(curl -sk -H "$auth" -o /dev/null -w '%{size_download} %{time_total}' \
    "$url/api/v1/namespaces/workload-001/pods/$pod/log?container=main&timestamps=true")
echo "| stream a 256 MiB pod log | $(echo "$stream" | awk '{printf "%.0f MB/s (%.2f s)", $1/$2/1e6, $2}') |"
journal=$(curl -sk -H "$auth" -H "Accept-Encoding: gzip" -o /dev/null -w '%{size_download} %{time_total}' \
    "$url/api/v1/nodes/master-0/proxy/logs/journal?unit=kubelet")
echo "| gzipped 64 MiB journal | $(echo "$journal" | awk '{printf "%.1f MB compressed in %.2f s", $1/1e6, $2}') |"
echo "| server peak RSS | $(awk '/VmHWM/ {printf "%.0f MB", $2/1024}' /proc/$server_pid/status) |"
