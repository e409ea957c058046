#!/usr/bin/env bash
# Runs a command the way the must-gather pod runs the image, without a container engine, then copies /must-gather
# out the way `oc adm must-gather` does. Used by the image contract test; needs root (mount namespaces).
#
#   image/run-as-pod.sh LAYER SERVICE_ACCOUNT COPY_OUT [HIDDEN_FOLDER...] -- COMMAND
#
# The "image" is this machine's root file system with LAYER (made by install-layer.sh) laid over it with overlayfs,
# in private mount and process namespaces, with each HIDDEN_FOLDER (such as the Swift toolchain's libraries) covered by an empty
# one. The pod's volumes are mounted where Kubernetes mounts them: SERVICE_ACCOUNT at
# /var/run/secrets/kubernetes.io/serviceaccount and an empty /must-gather. COMMAND (a bash command line, as
# `oc adm must-gather -- COMMAND` gives it) runs inside the gather container's command (image/pod-command.sh): the
# disk usage checker in the background and the command in its own session. The environment passes KUBERNETES_SERVICE_HOST,
# KUBERNETES_SERVICE_PORT, GATHER_PRODUCT and GATHER_VERSION through.
#
# Afterwards COPY_OUT holds (beside .pod, the mount points, empty once the namespace is gone): tar/ (from `tar -C /must-gather/ -c .` in the pod), rsync/ (from oc's rsync command
# line, with the pod reached through chroot instead of `oc rsh`), pod.log (the container's output) and
# command-status (the exit status of COMMAND, which oc itself never sees).
set -euo pipefail

if [ "${1:-}" != "--inside" ]; then
    # A process namespace too, as a container has: when this script ends, whatever the pod left running ends with it.
    exec unshare --mount --pid --fork --mount-proc --propagation private -- "$0" --inside "$@"
fi
shift
layer="$1"
service_account="$2"
copy_out="$3"
shift 3
hidden=()
while [ "$#" -gt 0 ] && [ "$1" != "--" ]; do
    hidden+=("$1")
    shift
done
[ "${1:-}" = "--" ] || { echo "usage: $0 LAYER SERVICE_ACCOUNT COPY_OUT [HIDDEN_FOLDER...] -- COMMAND" >&2; exit 2; }
shift
command_line="$*"

work="${copy_out}/.pod"
mkdir -p "${work}"
mount -t tmpfs tmpfs "${work}"
mkdir -p "${work}/upper" "${work}/overlay-work" "${work}/root"
cp -a "${layer}/." "${work}/upper/"
mount -t overlay overlay -o "lowerdir=/,upperdir=${work}/upper,workdir=${work}/overlay-work" "${work}/root"
root="${work}/root"
for folder in proc dev sys; do
    mount --rbind "/${folder}" "${root}/${folder}"
done
for folder in "${hidden[@]}"; do
    # The overlay shows the root file system only: a folder on a mount of its own (a toolchain under a separately
    # mounted /opt) is not in the pod's root, so there is nothing to cover.
    [ -d "${root}${folder}" ] || continue
    mount -t tmpfs -o ro tmpfs "${root}${folder}"
done
mkdir -p "${root}/run/secrets/kubernetes.io/serviceaccount" "${root}/must-gather"
mount --bind -o ro "${service_account}" "${root}/run/secrets/kubernetes.io/serviceaccount"
mount -t tmpfs -o size=2g,mode=0755 tmpfs "${root}/must-gather"

cp "$(dirname "$0")/pod-command.sh" "${root}/pod-command.sh"
chroot "${root}" /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/ \
    KUBERNETES_SERVICE_HOST="${KUBERNETES_SERVICE_HOST:-}" KUBERNETES_SERVICE_PORT="${KUBERNETES_SERVICE_PORT:-}" \
    GATHER_PRODUCT="${GATHER_PRODUCT:-}" GATHER_VERSION="${GATHER_VERSION:-}" NODE_NAME=master-0 POD_NAME=must-gather-test \
    COMMAND_LINE="${command_line}" /bin/bash /pod-command.sh > "${copy_out}/pod.log" 2>&1
sed -n 's/^command status: //p' "${copy_out}/pod.log" > "${copy_out}/command-status"

# The copy back: oc's tar fallback, then its rsync command line.
mkdir -p "${copy_out}/tar" "${copy_out}/rsync"
chroot "${root}" tar -C /must-gather/ -c . | tar -x -C "${copy_out}/tar"
cat > "${work}/rsh" <<RSH
#!/bin/sh
shift
exec chroot "${root}" "\$@"
RSH
chmod +x "${work}/rsh"
rsync --blocking-io --archive --no-owner --no-group --omit-dir-times --numeric-ids -z -e "${work}/rsh" \
    pod:/must-gather/ "${copy_out}/rsync/"
