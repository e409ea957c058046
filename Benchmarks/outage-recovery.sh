#!/usr/bin/env bash
# What an API server outage costs a default gather: the same synthetic cluster gathered clean and with the whole
# server away for a while (fake-cluster --outage AFTER:FOR), side by side, each against a fresh server.
#
#   Benchmarks/outage-recovery.sh [--namespaces N] [--outage AFTER:FOR] [--repeat N] [--bin DIR]
#
# Prints, per run: seconds, files, and for the outage run the files that differ from the clean run's and the time
# beyond the clean run plus the outage (what the outage cost on top of its own length). --bin takes gather and
# fake-cluster from DIR instead of building them in release mode.
set -euo pipefail
cd "$(dirname "$0")/.."

namespaces=100
outage=1s:8s
repeat=1
bin=""
while [ $# -gt 0 ]; do
    case "$1" in
        --namespaces) namespaces=$2; shift 2 ;;
        --outage) outage=$2; shift 2 ;;
        --repeat) repeat=$2; shift 2 ;;
        --bin) bin=$2; shift 2 ;;
        *) echo "unknown argument $1" >&2; exit 2 ;;
    esac
done
if [ -z "$bin" ]; then
    swift build -c release --static-swift-stdlib --product gather --scratch-path .build-release >/dev/null
    swift build -c release --static-swift-stdlib --product fake-cluster --scratch-path .build-release >/dev/null
    bin=.build-release/release
fi
length=${outage#*:}
length_seconds=$(python3 -c "import re,sys; t=sys.argv[1]; m=re.fullmatch(r'([0-9.]+)(ms|s|m)?', t); \
v=float(m.group(1)); print(v/1000 if m.group(2)=='ms' else v*60 if m.group(2)=='m' else v)" "$length")

work=$(mktemp -d)
server_pid=""
trap '[ -n "$server_pid" ] && kill $server_pid 2>/dev/null; rm -rf "$work"' EXIT
now=$(date -u +%Y-%m-%dT%H:00:00Z)

# gather_once NAME [fake-cluster arguments...]: serves the cluster, gathers it into $work/NAME, prints the seconds.
gather_once() {
    local name=$1; shift
    rm -rf "${work:?}/$name" "$work/server.out" "$work/kubeconfig"
    "$bin/fake-cluster" --port 0 --write-kubeconfig "$work/kubeconfig" --namespaces "$namespaces" --now "$now" "$@" \
        > "$work/server.out" 2>&1 &
    server_pid=$!
    for _ in $(seq 600); do grep -q serving "$work/server.out" 2>/dev/null && break; sleep 0.1; done
    local start end
    start=$(date +%s.%N)
    HOME=$work "$bin/gather" --kubeconfig "$work/kubeconfig" --dest-dir "$work/$name" > "$work/$name.out" 2>&1 || true
    end=$(date +%s.%N)
    kill $server_pid; wait $server_pid 2>/dev/null || true
    server_pid=""
    python3 -c "print(f'{$end - $start:.1f}')"
}

files() { (cd "$1" && find . -type f ! -name gather-summary.json ! -name timestamp ! -name event-filter.html | sort); }

printf '| run | seconds | files | differing from the clean run | outages recorded | beyond clean + outage |\n'
printf '|---|---|---|---|---|---|\n'
for _ in $(seq "$repeat"); do
    clean=$(gather_once clean)
    printf '| clean | %s | %s | - | - | - |\n' "$clean" "$(files "$work/clean" | wc -l)"
    held=$(gather_once outage --outage "$outage")
    differing=$(files "$work/clean" | while read -r f; do cmp -s "$work/clean/$f" "$work/outage/$f" || echo "$f"; done | wc -l)
    beyond=$(python3 -c "print(f'{$held - $clean - $length_seconds:+.1f} s')")
    recorded=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1])).get('outages', [])))" \
        "$work/outage/gather-summary.json")
    printf '| outage %s | %s | %s | %s | %s | %s |\n' "$outage" "$held" "$(files "$work/outage" | wc -l)" "$differing" \
        "$recorded" "$beyond"
done
