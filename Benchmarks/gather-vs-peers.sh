#!/usr/bin/env bash
# gather against its peer and against the floor, on the fake cluster, side by side in one run.
#
#   Benchmarks/gather-vs-peers.sh [--scales smoke,small,replayed,medium,large,large-10mb] [--latencies 0,5]
#                                 [--tools gather,kubectl,floor,default,default-without-helpers] [--repeat N]
#                                 [--bin DIR] [--kubectl-limit S] [--output-volume DIR]
#
# For each scale and per-request latency it serves a cluster with fake-cluster (synthetic with seed 1, or the real
# must-gather of shared/fixtures replayed), then runs, each against a fresh server:
#   gather   the release binary with Benchmarks/collectors-everything.yaml (the default list plus every namespace)
#   kubectl  kubectl cluster-info dump --all-namespaces --output-directory (pinned kubectl 1.31), stopped after
#            --kubectl-limit seconds (default 600: the 10 minutes oc adm must-gather allows), marked "cut" if so
#   floor    the URLs gather requested (from the server's request log), fetched by curl --parallel with gather's
#            concurrency straight to disk: no client can beat that on this server (needs gather in --tools)
#   default  the built-in default list, as the must-gather pod runs it
#   default-without-helpers  the same without the entries of the stock helper scripts (`--skip helpers`): what
#            those entries cost, as the ratio default/default-without-helpers
# and prints one markdown table (wall time, user and system CPU, peak RSS, requests, bytes written, files), then the
# ratios gather/kubectl and gather/floor (wall time) and gather's CPU seconds per GB written. With --repeat N, gather
# and the floor run N times each, every time against a fresh server, and the row is the run with the median wall time
# (kubectl runs once: it takes minutes and paces itself).
#
# Every tool writes into a fresh folder on --output-volume (default /dev/shm, a tmpfs, when it has 8 GB free), so
# that no tool pays for the file system's bookkeeping of the folder the previous tool removed. --bin takes gather and
# fake-cluster from DIR instead of building them in release mode (CI's smoke run uses the debug build).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

scales=small,replayed,medium,large,large-10mb
latencies=0,5
tools=gather,kubectl,floor
bin=""
kubectl_limit=600
repeat=1
output_volume=""
usage="usage: $0 [--scales smoke,small,replayed,medium,large,large-10mb] [--latencies 0,5]
       [--tools gather,kubectl,floor,default,default-without-helpers] [--repeat N] [--bin DIR] [--kubectl-limit S]
       [--output-volume DIR]"
while [ "$#" -gt 0 ]; do
    case "$1" in
        --scales) scales="$2"; shift 2 ;;
        --latencies) latencies="$2"; shift 2 ;;
        --tools) tools="$2"; shift 2 ;;
        --repeat) repeat="$2"; shift 2 ;;
        --bin) bin="$2"; shift 2 ;;
        --kubectl-limit) kubectl_limit="$2"; shift 2 ;;
        --output-volume) output_volume="$2"; shift 2 ;;
        *) echo "$usage" >&2; exit 2 ;;
    esac
done
runs() { [[ ",$tools," == *",$1,"* ]]; }
if runs floor && ! runs gather; then echo "the floor fetches what gather fetched: --tools floor needs gather" >&2; exit 2; fi
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

work=$(mktemp -d)
if [ -z "$output_volume" ]; then
    output_volume=$work
    if [ -w /dev/shm ] && [ "$(df -Pk /dev/shm | awk 'NR == 2 {print $4}')" -gt 8000000 ]; then output_volume=/dev/shm; fi
fi
outputs=$(mktemp -d "$output_volume/gather-vs-peers.XXXXXX")
server_pid=""
stop_server() { if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; server_pid=""; fi; }
trap 'stop_server; rm -rf "$work" "$outputs"' EXIT

# Cluster sizes. The synthetic OpenShift cluster has 9 system namespaces besides the workload ones; large-10mb is
# large with 10 MB of logs in all instead of 2 GB (memory must not follow the logs' size).
cluster_arguments() {
    case "$1" in
        replayed)
            if [ ! -d "$work/replay" ]; then
                mkdir -p "$work/replay.unpacking"
                tar -xJf "$root/../shared/fixtures/real-must-gather/must-gather-aws.tar.xz" -C "$work/replay.unpacking"
                mv "$work/replay.unpacking" "$work/replay"
            fi
            echo "--replay $work/replay" ;;
        smoke) echo "--namespaces 2 --pods-per-namespace 2 --nodes 3 --masters 3 --log-bytes-per-container 2000 --events 50" ;;
        small) echo "--namespaces 51 --pods-per-namespace 4 --containers-per-pod 2 --nodes 6 --masters 3 --log-bytes-per-container 100000 --events 5000" ;;
        medium) echo "--namespaces 91 --pods-per-namespace 20 --containers-per-pod 2 --nodes 30 --masters 3 --log-bytes-per-container 100000 --events 10000" ;;
        large) echo "--namespaces 291 --pods-per-namespace 34 --containers-per-pod 2 --nodes 100 --masters 3 --log-bytes-per-container 49000 --events 20000 --audit-bytes-per-server 111000000" ;;
        large-10mb) echo "--namespaces 291 --pods-per-namespace 34 --containers-per-pod 2 --nodes 100 --masters 3 --log-bytes-per-container 250 --events 20000 --audit-bytes-per-server 550000" ;;
        *) echo "unknown scale $1" >&2; exit 2 ;;
    esac
}

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
    bytes=$(find "$6" -type f -printf '%s\n' 2>/dev/null | awk '{sum += $1} END {printf "%.0f\n", sum}')
    files=$(find "$6" -type f 2>/dev/null | wc -l)
    written_bytes=$bytes
    printf '| %s | %s ms | %s | %.1f | %.1f | %.1f | %.0f | %s | %.1f | %s |\n' "$1" "$2" "$3" "$wall" "$user" "$sys" \
        "$(echo "$rss / 1024" | bc -l)" "$5" "$(echo "${bytes:-0} / 1000000" | bc -l)" "$files"
}

# median LINES...: of "wall user sys maxrss_kb" lines, the one with the median wall time
median() { printf '%s\n' "$@" | sort -n -k1,1 | sed -n "$(( ($# + 1) / 2 ))p"; }

# median_row TOOL: prints the row of TOOL's median run (of runs_times, at $scale, $latency) and removes its output;
# sets times to that run's "wall user sys maxrss_kb"
median_row() {
    times=$(median "${runs_times[@]}")
    row "$scale" "$latency" "$1" "$times" "$(wc -l < "$work/$id-$1-1.requests.tsv")" "$outputs/$id-$1"
    rm -rf "${outputs:?}/$id-$1"
}

# gather_runs TOOL ARGUMENTS...: runs gather with ARGUMENTS $repeat times, each against a fresh server, and prints the
# median row as TOOL
gather_runs() {
    local tool="$1"; shift
    runs_times=()
    for run in $(seq "$repeat"); do
        rm -rf "${outputs:?}/$id-$tool"
        start_server "$scale" "$latency" "$id-$tool-$run"
        runs_times+=("$(measure "$id-$tool-$run" env HOME="$work" "$bin/gather" \
            --kubeconfig "$work/$id-$tool-$run.kubeconfig" --dest-dir "$outputs/$id-$tool" --timeout 30m "$@")")
        stop_server
    done
    median_row "$tool"
}

# ratio A B DIGITS: A / B, or "-" when either was not measured
ratio() { if [ -n "$1" ] && [ -n "$2" ]; then printf "%.${3}f" "$(echo "$1 / $2" | bc -l)"; else echo "-"; fi; }

echo "gather against kubectl cluster-info dump and the floor: $(date -u +%Y-%m-%d), $(nproc) cores, $(uname -m)$(
    [ "$repeat" -gt 1 ] && echo ", gather and floor: the median of $repeat runs")"
echo
echo "| scale | latency | tool | wall s | user s | sys s | peak RSS MB | requests | MB written | files |"
echo "|---|---|---|---|---|---|---|---|---|---|"
ratios=()
for scale in ${scales//,/ }; do
    for latency in ${latencies//,/ }; do
        id="$scale-$latency"
        gather_wall=""; gather_cpu=""; gather_bytes=""; kubectl_wall=""; floor_wall=""
        if runs gather; then
            gather_runs gather --spec "$root/Benchmarks/collectors-everything.yaml"
            gather_wall=$(echo "$times" | awk '{print $1}')
            gather_cpu=$(echo "$times" | awk '{print $2 + $3}')
            gather_bytes=$written_bytes
        fi

        if runs kubectl; then
            start_server "$scale" "$latency" "$id-kubectl"
            mkdir -p "$work/$id-kubectl.home"
            times=$(measure "$id-kubectl" timeout "$kubectl_limit" env HOME="$work/$id-kubectl.home" "$kubectl" \
                --kubeconfig "$work/$id-kubectl.kubeconfig" cluster-info dump --all-namespaces \
                --output-directory "$outputs/$id-kubectl")
            stop_server
            label="kubectl dump"
            if grep -q "status 124" "$work/$id-kubectl.time"; then label="kubectl dump (cut at ${kubectl_limit} s)"; fi
            row "$scale" "$latency" "$label" "$times" "$(wc -l < "$work/$id-kubectl.requests.tsv")" "$outputs/$id-kubectl"
            rm -rf "${outputs:?}/$id-kubectl"
            kubectl_wall=$(echo "$times" | awk '{print $1}')
        fi

        if runs floor; then
            # Every successful GET gather made, once, 16 at once, straight to disk.
            runs_times=()
            for run in $(seq "$repeat"); do
                rm -rf "${outputs:?}/$id-floor"
                start_server "$scale" "$latency" "$id-floor-$run"
                url=$(awk '/serving/ {print $2}' "$work/$id-floor-$run.server")
                token=$(awk '/token:/ {print $2}' "$work/$id-floor-$run.kubeconfig" | tr -d '"')
                awk '/certificate-authority-data:/ {print $2}' "$work/$id-floor-$run.kubeconfig" | base64 -d \
                    > "$work/$id-floor.ca"
                mkdir -p "$outputs/$id-floor"
                awk -F'\t' -v url="$url" -v dir="$outputs/$id-floor" '$1 == "GET" && $3 == "200" {
                    n++; printf "url = \"%s%s\"\noutput = \"%s/%d\"\n", url, $2, dir, n
                    if ($2 ~ /\/proxy\/logs\/journal/) print "header = \"Accept-Encoding: gzip\""
                }' "$work/$id-gather-1.requests.tsv" > "$work/$id-floor.curl"
                runs_times+=("$(measure "$id-floor-$run" curl --silent --parallel --parallel-max 16 \
                    --cacert "$work/$id-floor.ca" -H "Authorization: Bearer $token" -K "$work/$id-floor.curl")")
                stop_server
            done
            median_row floor
            floor_wall=$(echo "$times" | awk '{print $1}')
        fi
        # The default list with and without the helper scripts' entries, in turns, so that the machine's noise falls
        # on both alike; each row is the median of its runs.
        default_wall=""; without_wall=""
        if runs default && runs default-without-helpers; then
            default_times=(); without_times=()
            for turn in $(seq "$repeat"); do
                for tool in default-without-helpers default; do
                    rm -rf "${outputs:?}/$id-$tool"
                    start_server "$scale" "$latency" "$id-$tool-$turn"
                    skip=(); [ "$tool" = default-without-helpers ] && skip=(--skip helpers)
                    time_line=$(measure "$id-$tool-$turn" env HOME="$work" "$bin/gather" \
                        --kubeconfig "$work/$id-$tool-$turn.kubeconfig" --dest-dir "$outputs/$id-$tool" --timeout 30m \
                        "${skip[@]}")
                    stop_server
                    if [ "$tool" = default ]; then default_times+=("$time_line"); else without_times+=("$time_line"); fi
                done
            done
            for tool in default-without-helpers default; do
                if [ "$tool" = default ]; then times=$(median "${default_times[@]}"); default_wall=${times%% *}
                else times=$(median "${without_times[@]}"); without_wall=${times%% *}; fi
                row "$scale" "$latency" "$tool" "$times" "$(wc -l < "$work/$id-$tool-$repeat.requests.tsv")" \
                    "$outputs/$id-$tool"
                rm -rf "${outputs:?}/$id-$tool"
            done
        fi
        ratios+=("| $scale | $latency ms | $(ratio "$gather_wall" "$kubectl_wall" 3) | $(ratio "$gather_wall" "$floor_wall" 2) \
| $(ratio "$gather_cpu" "${gather_bytes:+$(echo "$gather_bytes / 1000000000" | bc -l)}" 1) \
| $(ratio "$default_wall" "$without_wall" 3) |")
    done
done
echo
echo "| scale | latency | gather/kubectl | gather/floor | gather CPU s per GB written | default/without helpers |"
echo "|---|---|---|---|---|---|"
printf '%s\n' "${ratios[@]}"
