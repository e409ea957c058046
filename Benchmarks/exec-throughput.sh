#!/usr/bin/env bash
# Exec against kubectl exec on the same fake cluster: throughput of one large exec (head -c BYTES /dev/zero, to
# /dev/null) and the latency of small ones (echo hi), plus the client's peak memory growth.
#
#   Benchmarks/exec-throughput.sh [--bytes N] [--execs N] [--kubectl VERSION] [--bin DIR]
#
# Builds fake-cluster and exec-throughput in release mode (scratch folder .build-release) unless --bin names a folder
# that holds both. kubectl is the pinned binary under /usr/lib/google-cloud-sdk/bin/.
set -euo pipefail
cd "$(dirname "$0")/.."

bytes=$((1000 * 1000 * 1000))
execs=50
kubectl_version=1.33
bin=""
while [ $# -gt 0 ]; do
    case "$1" in
        --bytes) bytes=$2; shift 2 ;;
        --execs) execs=$2; shift 2 ;;
        --kubectl) kubectl_version=$2; shift 2 ;;
        --bin) bin=$2; shift 2 ;;
        *) echo "unknown argument $1" >&2; exit 2 ;;
    esac
done
kubectl=/usr/lib/google-cloud-sdk/bin/kubectl.$kubectl_version
[ -x "$kubectl" ] || { echo "$kubectl is missing" >&2; exit 2; }
if [ -z "$bin" ]; then
    swift build -c release --product fake-cluster --scratch-path .build-release >/dev/null
    swift build -c release --product exec-throughput --scratch-path .build-release >/dev/null
    bin=.build-release/release
fi

work=$(mktemp -d)
trap 'kill $server_pid 2>/dev/null || true; rm -rf "$work"' EXIT
"$bin/fake-cluster" --port 0 --write-kubeconfig "$work/kubeconfig" --namespaces 1 > "$work/out" 2>&1 &
server_pid=$!
for _ in $(seq 100); do grep -q serving "$work/out" 2>/dev/null && break; sleep 0.1; done
export HOME=$work KUBECONFIG=$work/kubeconfig
target=(-n openshift-etcd etcd-master-0 -c etcdctl)

ours=$("$bin/exec-throughput" "$KUBECONFIG" openshift-etcd etcd-master-0 etcdctl "$bytes" "$execs")
value() { echo "$ours" | awk -F= -v key="$1" '$1 == key {print $2}'; }

start=$(date +%s.%N)
"$kubectl" exec "${target[@]}" -- head -c "$bytes" /dev/zero > /dev/null
kubectl_seconds=$(echo "$(date +%s.%N) - $start" | bc)
latencies=()
for _ in $(seq "$execs"); do
    start=$(date +%s.%N)
    "$kubectl" exec "${target[@]}" -- echo hi > /dev/null
    latencies+=("$(echo "($(date +%s.%N) - $start) * 1000" | bc)")
done
kubectl_median=$(printf '%s\n' "${latencies[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int(NR/2)+1]}')

echo "exec benchmark, $(date -u +%Y-%m-%d), $(nproc) cores, $bytes bytes, $execs small execs"
echo "| client | MB/s | seconds | median small exec (ms) | peak memory growth |"
echo "|---|---|---|---|---|"
echo "| KubeClient.exec | $(value megabytesPerSecond) | $(value seconds) | $(value latencyMedianMs) | $(( $(value peakResidentGrowthBytes) / 1048576 )) MiB |"
echo "| kubectl $kubectl_version exec | $(echo "$bytes / $kubectl_seconds / 1000000" | bc) | $kubectl_seconds | $kubectl_median (a process each) | |"
