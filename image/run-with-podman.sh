#!/usr/bin/env bash
# Runs the image with podman the way `oc adm must-gather` runs it in its pod, then copies /must-gather out the way
# oc does. Used by the podman image test; needs podman with the settings of image/podman-settings.sh in the
# environment (CONTAINERS_CONF, CONTAINERS_STORAGE_CONF).
#
#   image/run-with-podman.sh IMAGE SERVICE_ACCOUNT COPY_OUT [PODMAN_RUN_OPTION...] -- COMMAND
#
# The pod, container by container:
#   volumes  COPY_OUT/.must-gather, world-writable as an emptyDir is, at /must-gather; the service account as the
#            kubelet projects it (read-only, files mode 0644) at /var/run/secrets/kubernetes.io/serviceaccount;
#   copy     the image sleeping, as oc's copy container does, for the copy back;
#   gather   the image running COMMAND (a bash command line, as `oc adm must-gather -- COMMAND` gives it) inside the
#            gather container's command (image/pod-command.sh), with the host network, KUBERNETES_SERVICE_HOST and
#            _PORT from this environment, and each PODMAN_RUN_OPTION (such as --read-only or --user).
# Both containers get the PODMAN_RUN_OPTIONs, as both run under the pod's security context.
#
# Afterwards COPY_OUT holds tar/ (from `tar -C /must-gather/ -c .` in the copy container), rsync/ (from oc's rsync
# command line, with `podman exec` in place of `oc rsh`), pod.log (the gather container's output) and command-status
# (the exit status of COMMAND). No container is left behind.
set -euo pipefail
if [ "$#" -lt 5 ]; then
    echo "usage: $0 IMAGE SERVICE_ACCOUNT COPY_OUT [PODMAN_RUN_OPTION...] -- COMMAND" >&2
    exit 2
fi
image="$1"
service_account="$2"
copy_out="$3"
shift 3
options=()
while [ "$#" -gt 0 ] && [ "$1" != "--" ]; do
    options+=("$1")
    shift
done
[ "${1:-}" = "--" ] || { echo "usage: $0 IMAGE SERVICE_ACCOUNT COPY_OUT [PODMAN_RUN_OPTION...] -- COMMAND" >&2; exit 2; }
shift
command_line="$*"
here="$(cd "$(dirname "$0")" && pwd)"

mkdir -p "${copy_out}"
copy_out="$(cd "${copy_out}" && pwd)"
volume="${copy_out}/.must-gather"
projected="${copy_out}/.serviceaccount"
mkdir -p "${volume}" "${projected}"
chmod 0777 "${volume}"
for file in token ca.crt namespace; do
    install -m 0644 "${service_account}/${file}" "${projected}/${file}"
done

# Names unique to this run, so runs side by side do not meet.
pod="must-gather-$$-${RANDOM}"
trap 'podman rm --force --time 0 "${pod}-copy" "${pod}-gather" >/dev/null 2>&1 || true' EXIT
mounts=(--volume "${volume}:/must-gather" --volume "${projected}:/var/run/secrets/kubernetes.io/serviceaccount:ro")

podman run --detach --name "${pod}-copy" --network=host "${mounts[@]}" "${options[@]+"${options[@]}"}" \
    "${image}" /bin/bash -c 'trap : TERM INT; sleep infinity & wait' >/dev/null
podman run --name "${pod}-gather" --network=host "${mounts[@]}" "${options[@]+"${options[@]}"}" \
    --env KUBERNETES_SERVICE_HOST="${KUBERNETES_SERVICE_HOST:-}" --env KUBERNETES_SERVICE_PORT="${KUBERNETES_SERVICE_PORT:-}" \
    --env NODE_NAME=master-0 --env POD_NAME="${pod}" --env COMMAND_LINE="${command_line}" \
    "${image}" /bin/bash -c "$(cat "${here}/pod-command.sh")" > "${copy_out}/pod.log" 2>&1
sed -n 's/^command status: //p' "${copy_out}/pod.log" > "${copy_out}/command-status"

# The copy back from the copy container: oc's tar fallback, then its rsync command line.
mkdir -p "${copy_out}/tar" "${copy_out}/rsync"
podman exec "${pod}-copy" tar -C /must-gather/ -c . | tar -x -C "${copy_out}/tar"
cat > "${copy_out}/.rsh" <<RSH
#!/bin/sh
# rsync's remote shell: "HOST COMMAND...", the command run in the copy container as oc rsh does.
shift
exec podman exec --interactive "${pod}-copy" "\$@"
RSH
chmod +x "${copy_out}/.rsh"
rsync --blocking-io --archive --no-owner --no-group --omit-dir-times --numeric-ids -z -e "${copy_out}/.rsh" \
    pod:/must-gather/ "${copy_out}/rsync/"
