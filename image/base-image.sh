#!/usr/bin/env bash
# Makes the runtime stage's base image on this machine, with no registry: a minimal Debian root file system made by
# debootstrap from the mirror the host's apt uses, set up as the official `debian:bookworm-slim` is (apt drops the
# packages it downloads; no manuals, documentation or translations), then imported into podman as IMAGE.
# Needs root (debootstrap) and podman.
#
#   image/base-image.sh CACHE_FOLDER IMAGE
#
# The root file system is kept as CACHE_FOLDER/debian-bookworm-minbase.tar, so a second run (or another podman store)
# skips debootstrap; IMAGE is imported only when the store lacks it.
set -euo pipefail
if [ "$#" -ne 2 ]; then
    echo "usage: $0 CACHE_FOLDER IMAGE" >&2
    exit 2
fi
cache="$1"
image="$2"
release=bookworm
tarball="${cache}/debian-${release}-minbase.tar"

if [ ! -f "${tarball}" ]; then
    for tool in debootstrap tar; do
        command -v "${tool}" >/dev/null || { echo "base-image.sh: ${tool} is not installed" >&2; exit 1; }
    done
    mirror=$("$(dirname "$0")/debian-mirror.sh" "${release}")
    mkdir -p "${cache}"
    rootfs=$(mktemp -d "${cache}/rootfs.XXXXXX")
    trap 'rm -rf "${rootfs}"' EXIT
    echo "debootstrap ${release} from ${mirror}"
    debootstrap --variant=minbase "${release}" "${rootfs}" "${mirror}" > "${cache}/debootstrap.log" 2>&1 \
        || { tail -n 20 "${cache}/debootstrap.log" >&2; exit 1; }

    # What the official slim image sets: apt removes what it downloaded, dpkg installs no manuals or translations.
    cat > "${rootfs}/etc/apt/apt.conf.d/docker-clean" <<'APT'
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
APT
    cat > "${rootfs}/etc/dpkg/dpkg.cfg.d/docker" <<'DPKG'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/groff/*
path-exclude /usr/share/info/*
path-exclude /usr/share/lintian/*
path-exclude /usr/share/linda/*
path-exclude /usr/share/locale/*
path-include /usr/share/locale/locale.alias
DPKG
    rm -rf "${rootfs}"/var/cache/apt/archives/*.deb "${rootfs}"/var/cache/apt/*.bin "${rootfs}"/var/lib/apt/lists/* \
        "${rootfs}"/usr/share/man/* "${rootfs}"/usr/share/info/* "${rootfs}"/usr/share/locale/* \
        "${rootfs}"/var/log/*.log "${rootfs}"/var/log/apt/*
    find "${rootfs}/usr/share/doc" -mindepth 1 -not -name copyright -not -type d -delete
    tar --numeric-owner -C "${rootfs}" -cf "${tarball}.partial" .
    mv "${tarball}.partial" "${tarball}"
fi

if ! podman image exists "${image}"; then
    podman import --quiet "${tarball}" "${image}" >/dev/null
fi
echo "${image}"
