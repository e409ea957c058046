#!/usr/bin/env bash
# Builds each fuzz target with libFuzzer and AddressSanitizer and runs it for SECONDS (default 60), starting from a seed
# corpus made from the real must-gather fixture. Prints one line per target: seconds, executions, executions per
# second, and the crash file if it found one (then the exit status is 1). See docs/hostile-input.md.
#
#   Fuzz/run.sh [SECONDS] [TARGET...]
#
# The targets are compiled straight from the package's sources (only the files each needs), so a build takes about a
# minute and needs no sanitized build of the whole package. Builds go to .build/fuzz; corpora to a temporary folder.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
seconds=${1:-60}
shift || true
all_targets=(json-transcoder yaml-round-trip directory-listing line-merger since-window kubeconfig tar-placement)
targets=("$@")
[ "${#targets[@]}" -gt 0 ] || targets=("${all_targets[@]}")

build=$root/.build/fuzz
crashes=$build/crashes
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$build/modules" "$build/cyaml" "$crashes"

[ -d .build/checkouts/Yams ] || swift package resolve >/dev/null
cyaml=$root/.build/checkouts/Yams/Sources/CYaml
python=$root/.venv-omg/bin/python
[ -x "$python" ] || { echo "missing $python (PyYAML makes the JSON seeds): run .ci/run" >&2; exit 2; }
fixture=$(ls "$root"/../shared/fixtures/real-must-gather/*.tar.xz 2>/dev/null | head -1 || true)
[ -n "${GATHER_FIXTURE:-}" ] && fixture=$GATHER_FIXTURE
[ -f "$fixture" ] || { echo "no fixture archive (set GATHER_FIXTURE to a must-gather .tar.xz)" >&2; exit 2; }

swift_flags=(-sanitize=fuzzer,address -parse-as-library -O -g -I "$build/modules" -I "$cyaml/include"
    -I "$root/Sources/CArchive" -I "$root/Sources/CZlib"
    -Xcc -DYAML_DECLARE_STATIC)

# A library module from `$2...`, compiled once per run of this script.
module() {
    local name=$1
    shift
    swiftc "${swift_flags[@]}" -c -wmo -module-name "$name" -emit-module \
        -emit-module-path "$build/modules/$name.swiftmodule" -o "$build/modules/$name.o" "$@"
}

echo "building (in $build)" >&2
for source in "$cyaml"/src/*.c; do
    clang -c -O1 -g -fsanitize=fuzzer-no-link,address -DYAML_DECLARE_STATIC -I "$cyaml/include" "$source" \
        -o "$build/cyaml/$(basename "$source" .c).o"
done
module Yams -D SWIFT_PACKAGE .build/checkouts/Yams/Sources/Yams/*.swift
module JSONCoding Sources/JSONCoding/*.swift
# The kubeconfig loader without what reaches the network (proxies, credential plugins), which needs the HTTP stack.
module KubeClient $(grep -L '^import AsyncHTTPClient\|^import NIO' Sources/KubeClient/Configuration/*.swift)
module YAMLCoding Sources/YAMLCoding/*.swift
module Compression -I Sources/CArchive -I Sources/CZlib Sources/Compression/*.swift
module GatherKit Sources/GatherKit/Time/*.swift \
    Sources/GatherKit/Output/{PathComponent,OutputTree,DiskGuard,KnownFolders}.swift

# The sources and objects of each target.
target_inputs() {
    local json=("$build/modules/JSONCoding.o" "$build/modules/KubeClient.o" "$build/modules/Yams.o" "$build/cyaml/*.o")
    local gather=("$build/modules/GatherKit.o" "${json[@]}")
    case $1 in
    json-transcoder | yaml-round-trip) echo "${json[*]} $build/modules/YAMLCoding.o" ;;
    kubeconfig) echo "${json[*]}" ;;
    directory-listing) echo "${gather[*]} Sources/NodeProxy/DirectoryListing.swift" ;;
    line-merger) echo "${gather[*]} Sources/NodeLogs/LineMerger.swift" ;;
    tar-placement) echo "$build/modules/Compression.o ${gather[*]} Sources/PodExec/ArchiveMemberPlacement.swift -larchive -lz" ;;
    since-window) echo "${gather[*]} Sources/Inspect/SinceWindow+PodLogs.swift Sources/NodeLogs/SinceWindow+Journal.swift" ;;
    *) echo "unknown target $1" >&2; return 1 ;;
    esac
}
for target in "${targets[@]}"; do
    # shellcheck disable=SC2046
    swiftc "${swift_flags[@]}" -module-name "${target//-/_}" "Fuzz/Targets/$target.swift" $(target_inputs "$target") \
        -o "$build/$target" 2> >(grep -v "Cannot export local symbol" >&2)
done

echo "making the seed corpus from $(basename "$fixture")" >&2
mkdir -p "$work/fixture"
tar -xJf "$fixture" -C "$work/fixture"
mapfile -t yaml_files < <(find "$work/fixture" -name '*.yaml' -size -16k | sort | head -300)
mapfile -t log_files < <(find "$work/fixture" -name '*.log' -size +0 | sort | head -100)
for target in "${targets[@]}"; do mkdir -p "$work/corpus/$target"; done
seed() { mkdir -p "$work/corpus/$1" && cat > "$work/corpus/$1/$2"; }
# The YAML files as they are, and as JSON (one Python for all of them).
printf '%s\n' "${yaml_files[@]}" | "$python" -c '
import hashlib, json, os, sys, yaml
yaml_folder, json_folder = sys.argv[1:3]
os.makedirs(yaml_folder, exist_ok=True)
os.makedirs(json_folder, exist_ok=True)
for path in sys.stdin.read().split("\n"):
    if not path:
        continue
    name = hashlib.md5(path.encode()).hexdigest()[:16]
    data = open(path, "rb").read()
    open(os.path.join(yaml_folder, name), "wb").write(data)
    try:
        text = json.dumps(yaml.safe_load(data), default=str)
    except Exception:
        continue
    open(os.path.join(json_folder, name), "w").write(text)
' "$work/corpus/yaml-round-trip" "$work/corpus/json-transcoder"
for file in "${log_files[@]}"; do
    head -c 4096 "$file" | seed line-merger "$(echo "$file" | md5sum | cut -c1-16)"
done
# Listings as the kubelet's Go file server writes them, from the fixture's folder names.
for folder in $(find "$work/fixture" -mindepth 2 -maxdepth 6 -type d | sort | head -50); do
    { echo '<pre>'; for entry in "$folder"/*; do
        base=$(basename "$entry"); [ -d "$entry" ] && base="$base/"; echo "<a href=\"$base\">$base</a>"; done
      echo '</pre>'; } | seed directory-listing "$(echo "$folder" | md5sum | cut -c1-16)"
done
for index in 1 2 3; do
    sed -n "/^---$index/,/^---/p" Fuzz/Seeds/kubeconfigs.yaml | grep -v '^---' | seed kubeconfig "example-$index"
done
# Tar streams as a container's tar writes them: a copied folder, and the unsafe members the copy leaves out.
mkdir -p "$work/tar/conf/sub"
printf 'global\n  maxconn 50000\n' > "$work/tar/conf/haproxy.config"
printf 'x' > "$work/tar/conf/sub/file"
ln -s /etc/passwd "$work/tar/conf/link"
tar -cf - -C "$work/tar" conf | seed tar-placement folder
tar -cf - -P --transform 's,^,/,' -C "$work/tar" conf/haproxy.config 2>/dev/null | seed tar-placement absolute || true
tar -cf - -C "$work/tar" conf/haproxy.config | gzip | seed tar-placement gzipped
for value in 2h0m0s 30m 1.5h 300ms 1h30m45s 45s -5m 0 2021-08-03T10:20:30Z 2021-08-03T10:20:30.123456789+02:00; do
    printf '%s' "$value" | seed since-window "$(printf '%s' "$value" | md5sum | cut -c1-16)"
done

status=0
printf '%-18s %8s %12s %10s  %s\n' target seconds executions "exec/s" result
for target in "${targets[@]}"; do
    log=$work/$target.log
    set +e
    SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0 "$build/$target" -max_total_time="$seconds" -max_len=65536 \
        -timeout=20 -rss_limit_mb=3072 -print_final_stats=1 -artifact_prefix="$crashes/$target-" \
        "$work/corpus/$target" < /dev/null > "$log" 2>&1
    result=$?
    set -e
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    if [ "$result" -eq 0 ]; then
        outcome="no crash"
    else
        status=1
        artifact=$(sed -n 's/.*Test unit written to //p' "$log" | tail -1)
        outcome="CRASH: $artifact"
        cp "$log" "$crashes/$target.log"
        grep -m1 -E "Fatal error|ERROR: AddressSanitizer|deadly signal|timeout" "$log" >&2 || true
    fi
    printf '%-18s %8s %12s %10s  %s\n' "$target" "$seconds" "${runs:-?}" "${rate:-?}" "$outcome"
done
exit $status
