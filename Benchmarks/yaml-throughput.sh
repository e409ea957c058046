#!/usr/bin/env bash
# JSON-to-YAML throughput of inspect's writer, in a release build (scratch folder .build-release).
# Usage: Benchmarks/yaml-throughput.sh [pods]   (default 16,000 pods, about 50 MB of JSON)
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product yaml-throughput --scratch-path .build-release >/dev/null
echo "yaml-throughput, $(date -u +%Y-%m-%d), $(nproc) cores, $(uname -m)"
.build-release/release/yaml-throughput "$@"
