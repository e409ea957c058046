#!/usr/bin/env bash
# gather against its peer and against the floor, on the fake cluster, side by side in one run.
#
#   Benchmarks/gather-vs-peers.sh [--scales smoke,small,medium,large] [--latencies 0,5] [--bin DIR]
#
# For each scale and per-request latency it serves a synthetic cluster (seed 1) with fake-cluster, then runs, each
# against a fresh server:
#   gather   the release binary with Benchmarks/collectors-everything.yaml (the default list plus every namespace),
#            as shipped (16 requests at once, no rate limit) and with --qps 200, the rate limit it shipped with before
#   kubectl  kubectl cluster-info dump --all-namespaces --output-directory (pinned kubectl 1.31), stopped after
#            --kubectl-limit seconds (default 600: the 10 minutes oc adm must-gather allows), marked "cut" if so
#   floor    the URLs gather requested (from the server's request log), fetched by curl --parallel with gather's
#            concurrency straight to disk: no client can beat that on this server
# and prints one markdown table: wall time, user and system CPU, peak RSS, requests, bytes written, files, and the
# ratios gather/kubectl and gather/floor (wall time). --bin takes gather and fake-cluster from DIR instead of building
# them in release mode (CI's smoke run uses the debug build).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

scales=small,medium,large
latencies=0,5
bin=""
kubectl_limit=600
while [ "$#" -gt 0 ]; do
    case "$1" in
        --scales) scales="$2"; shift 2 ;;
        --latencies) latencies="$2"; shift 2 ;;
        --bin) bin="$2"; shift 2 ;;
        --kubectl-limit) kubectl_limit="$2"; shift 2 ;;
        *) echo "usage: $0 [--scales smoke,small,medium,large] [--latencies 0,5] [--bin DIR] [--kubectl-limit S]" >&2
            exit 2 ;;
    esac
done
kubectl=/usr/lib/google-cloud-sdk/bin/kubectl.1.31
for tool in curl "$kubectl" /usr/bin/time; do
    command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 2; }
done
if [ -z "$bin" ]; then
    swift build -c release --static-swift-stdlib --product gather --scratch-path .build-release >/dev/null
    swift build -c release --static-swift-stdlib --product fake-cluster --scratch-path .build-release >/dev/null
    bin=.build-release/release
fi
bin=$(cd "$bin" && pwd)

# Cluster sizes. The synthetic OpenShift cluster has 9 system namespaces besides the workload ones.
cluster_arguments() {
    case "$1" in
        smoke) echo "--namespaces 2 --pods-per-namespace 2 --nodes 3 --masters 3 --log-bytes-per-container 2000 --events 50" ;;
        small) echo "--namespaces 51 --pods-per-namespace 4 --containers-per-pod 2 --nodes 6 --masters 3 --log-bytes-per-container 100000 --events 5000" ;;
        medium) echo "--namespaces 91 --pods-per-namespace 20 --containers-per-pod 2 --nodes 30 --masters 3 --log-bytes-per-container 100000 --events 10000" ;;
        large) echo "--namespaces 291 --pods-per-namespace 34 --containers-per-pod 2 --nodes 100 --masters 3 --log-bytes-per-container 49000 --events 20000 --audit-bytes-per-server 111000000" ;;
        *) echo "unknown scale $1" >&2; exit 2 ;;
    esac
}

work=$(mktemp -d)
server_pid=""
stop_server() { if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; server_pid=""; fi; }
trap 'stop_server; rm -rf "$work"' EXIT

# start_server SCALE LATENCY NAME: a fresh server writing NAME.kubeconfig and NAME.requests.tsv
start_server() {
    local faults=()
    [ "$2" != 0 ] && faults=(--fault "*=latency:$2")
    # shellcheck disable=SC2046
    "$bin/fake-cluster" --port 0 --seed 1 --write-kubeconfig "$work/$3.kubeconfig" --request-log "$work/$3.requests.tsv" \
        $(cluster_arguments "$1") "${faults[@]}" > "$work/$3.server" 2>&1 &
    server_pid=$!
    for _ in $(seq 600); do grep -q serving "$work/$3.server" 2>/dev/null && return 0; sleep 0.1; done
    echo "fake-cluster did not start: $(cat "$work/$3.server")" >&2
    exit 1
}

# measure NAME COMMAND...: runs COMMAND under GNU time; prints "wall user sys maxrss_kb"
measure() {
    local name="$1"; shift
    /usr/bin/time -f "%e %U %S %M" -o "$work/$name.time" "$@" > "$work/$name.out" 2>&1 || true
    cat "$work/$name.time" | tail -1
}

row() {  # row SCALE LATENCY TOOL TIMES REQUESTS DIR
    local wall user sys rss
    read -r wall user sys rss <<< "$4"
    local bytes files
    bytes=$(du -sb "$6" 2>/dev/null | awk '{print $1}')
    files=$(find "$6" -type f 2>/dev/null | wc -l)
    printf '| %s | %s ms | %s | %.1f | %.1f | %.1f | %.0f | %s | %.1f | %s |\n' "$1" "$2" "$3" "$wall" "$user" "$sys" \
        "$(echo "$rss / 1024" | bc -l)" "$5" "$(echo "${bytes:-0} / 1000000" | bc -l)" "$files"
}

echo "gather against kubectl cluster-info dump and the floor: $(date -u +%Y-%m-%d), $(nproc) cores, $(uname -m)"
echo
echo "| scale | latency | tool | wall s | user s | sys s | peak RSS MB | requests | MB written | files |"
echo "|---|---|---|---|---|---|---|---|---|---|"
ratios=()
for scale in ${scales//,/ }; do
    for latency in ${latencies//,/ }; do
        id="$scale-$latency"
        for variant in gather limited; do
            extra=()
            label="gather"
            if [ "$variant" = limited ]; then extra=(--qps 200); label="gather --qps 200"; fi
            start_server "$scale" "$latency" "$id-$variant"
            times=$(measure "$id-$variant" env HOME="$work" "$bin/gather" --kubeconfig "$work/$id-$variant.kubeconfig" \
                --spec "$root/Benchmarks/collectors-everything.yaml" --dest-dir "$work/$id-$variant.tree" --timeout 30m \
                "${extra[@]}")
            stop_server
            requests=$(wc -l < "$work/$id-$variant.requests.tsv")
            row "$scale" "$latency" "$label" "$times" "$requests" "$work/$id-$variant.tree"
            rm -rf "$work/$id-$variant.tree"
            wall=$(echo "$times" | awk '{print $1}')
            if [ "$variant" = gather ]; then gather_wall=$wall; else limited_wall=$wall; fi
        done

        start_server "$scale" "$latency" "$id-kubectl"
        mkdir -p "$work/$id-kubectl.home"
        times=$(measure "$id-kubectl" timeout "$kubectl_limit" env HOME="$work/$id-kubectl.home" "$kubectl" \
            --kubeconfig "$work/$id-kubectl.kubeconfig" cluster-info dump --all-namespaces \
            --output-directory "$work/$id-kubectl.tree")
        stop_server
        requests=$(wc -l < "$work/$id-kubectl.requests.tsv")
        label="kubectl dump"
        if grep -q "status 124" "$work/$id-kubectl.time"; then label="kubectl dump (cut at ${kubectl_limit} s)"; fi
        row "$scale" "$latency" "$label" "$times" "$requests" "$work/$id-kubectl.tree"
        kubectl_wall=$(echo "$times" | awk '{print $1}')

        # The floor: every successful GET gather made, once, 16 at once, straight to disk.
        start_server "$scale" "$latency" "$id-floor"
        url=$(awk '/serving/ {print $2}' "$work/$id-floor.server")
        token=$(awk '/token:/ {print $2}' "$work/$id-floor.kubeconfig" | tr -d '"')
        awk '/certificate-authority-data:/ {print $2}' "$work/$id-floor.kubeconfig" | base64 -d > "$work/$id-floor.ca"
        mkdir -p "$work/$id-floor.tree"
        awk -F'\t' -v url="$url" -v dir="$work/$id-floor.tree" '$1 == "GET" && $3 == "200" {
            n++; printf "url = \"%s%s\"\noutput = \"%s/%d\"\n", url, $2, dir, n
            if ($2 ~ /\/proxy\/logs\/journal/) print "header = \"Accept-Encoding: gzip\""
        }' "$work/$id-gather.requests.tsv" > "$work/$id-floor.curl"
        times=$(measure "$id-floor" curl --silent --parallel --parallel-max 16 --cacert "$work/$id-floor.ca" \
            -H "Authorization: Bearer $token" -K "$work/$id-floor.curl")
        stop_server
        requests=$(wc -l < "$work/$id-floor.requests.tsv")
        row "$scale" "$latency" floor "$times" "$requests" "$work/$id-floor.tree"
        floor_wall=$(echo "$times" | awk '{print $1}')
        ratios+=("$(printf '| %s | %s ms | %.3f | %.2f | %.3f | %.2f |' "$scale" "$latency" \
            "$(echo "$gather_wall / $kubectl_wall" | bc -l)" "$(echo "$gather_wall / $floor_wall" | bc -l)" \
            "$(echo "$limited_wall / $kubectl_wall" | bc -l)" "$(echo "$limited_wall / $floor_wall" | bc -l)")")
        rm -rf "$work/$id-kubectl.tree" "$work/$id-floor.tree"
    done
done
echo
echo "| scale | latency | gather/kubectl | gather/floor | gather --qps 200/kubectl | gather --qps 200/floor |"
echo "|---|---|---|---|---|---|"
printf '%s\n' "${ratios[@]}"
