#!/usr/bin/env bash
# Installs the image's own files under a root folder: what the Containerfile copies into the runtime image, and
# what the image contract test lays over a root file system. One script, so the two cannot drift apart.
#
#   image/install-layer.sh ROOT GATHER_BINARY
#
# ROOT/usr/bin/gather                   the binary
# ROOT/usr/bin/gather_audit_logs ...    links to it: run as gather_NAME, it runs the collector or group NAME alone
# ROOT/usr/bin/gather_*                 the product scripts of collection-scripts/
# ROOT/usr/share/gather/collectors.yaml the collector list, read by gather in place of its built-in copy
set -euo pipefail

if [ "$#" -ne 2 ]; then
    echo "usage: $0 ROOT GATHER_BINARY" >&2
    exit 2
fi
root="$1"
binary="$2"
scripts="$(cd "$(dirname "$0")/../collection-scripts" && pwd)"

install -d -m 0755 "${root}/usr/bin" "${root}/usr/share/gather"
# Stripped: 76 MB instead of 138 (the build stage keeps the unstripped binary for symbolicating a crash).
install -s -m 0755 "${binary}" "${root}/usr/bin/gather"
install -m 0644 "${scripts}/collectors.yaml" "${root}/usr/share/gather/collectors.yaml"
for script in "${scripts}"/gather_*; do
    install -m 0755 "${script}" "${root}/usr/bin/$(basename "${script}")"
done
# The stock image's entry points for running one part alone (oc adm must-gather -- /usr/bin/gather_audit_logs).
for name in audit_logs service_logs; do
    ln -sf gather "${root}/usr/bin/gather_${name}"
done
