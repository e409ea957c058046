#!/usr/bin/env bash
# Writes the podman settings these machines need into FOLDER, without touching /etc, and keeps podman's store there:
#   runtime runc         crun fails here with "cgroups in hybrid mode not supported";
#   cgroupfs             no systemd to manage the containers' cgroups;
#   capped ulimits       podman asks for nofile=1048576, which root cannot raise to without CAP_SYS_RESOURCE;
#   overlay storage      under FOLDER/storage, so a test's images and containers go away with its folder.
# Use the settings with  CONTAINERS_CONF=FOLDER/containers.conf CONTAINERS_STORAGE_CONF=FOLDER/storage.conf
# (buildah reads them too), and run containers with --network=host: the default bridge adds iptables tables and a
# /run/netns mount to the host.
#
#   image/podman-settings.sh FOLDER
set -euo pipefail
if [ "$#" -ne 1 ]; then
    echo "usage: $0 FOLDER" >&2
    exit 2
fi
mkdir -p "$1"
folder="$(cd "$1" && pwd)"

# No higher than this shell's hard limits, the most podman may set.
limit() {
    if [ "$1" = unlimited ] || [ "$1" -gt "$2" ]; then echo "$2"; else echo "$1"; fi
}
nofile=$(limit "$(ulimit -Hn)" 1048576)
nproc=$(limit "$(ulimit -Hu)" 32768)

cat > "${folder}/containers.conf" <<CONF
[containers]
default_ulimits = ["nofile=${nofile}:${nofile}", "nproc=${nproc}:${nproc}"]

[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
CONF
cat > "${folder}/storage.conf" <<CONF
[storage]
driver = "overlay"
graphroot = "${folder}/storage"
runroot = "${folder}/run"
CONF
