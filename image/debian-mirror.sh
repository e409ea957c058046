#!/usr/bin/env bash
# Prints the Debian mirror this machine's apt uses: the URI of its first `deb` source that serves RELEASE itself
# (a suite named exactly RELEASE, so neither its security archive nor a vendor's repository such as
# `cloud-sdk-bookworm`). The base image is then made from the packages the host installs, and no host name is
# written into the repository. Reads one-line sources (sources.list, *.list) and deb822 ones (*.sources).
#
#   image/debian-mirror.sh RELEASE [APT_FOLDER]     (APT_FOLDER defaults to /etc/apt)
set -euo pipefail
if [ "$#" -lt 1 ]; then
    echo "usage: $0 RELEASE [APT_FOLDER]" >&2
    exit 2
fi
release="$1"
apt_folder="${2:-/etc/apt}"

sources=()
[ -f "${apt_folder}/sources.list" ] && sources+=("${apt_folder}/sources.list")
for file in "${apt_folder}"/sources.list.d/*.list "${apt_folder}"/sources.list.d/*.sources; do
    [ -f "${file}" ] && sources+=("${file}")
done

mirror=""
for file in "${sources[@]+"${sources[@]}"}"; do
    case "${file}" in
    *.sources)
        # deb822: stanzas separated by blank lines; the first URI of an enabled stanza whose Types include deb and
        # whose Suites include the release.
        mirror=$(awk -v release="${release}" '
            BEGIN { RS = ""; FS = "\n" }
            {
                types = ""; uris = ""; suites = ""; enabled = "yes"
                for (i = 1; i <= NF; i++) {
                    if ($i ~ /^#/) continue
                    split($i, kv, ":[ \t]*")
                    key = tolower(kv[1]); value = substr($i, length(kv[1]) + 2); sub(/^[ \t]+/, "", value)
                    if (key == "types") types = value
                    else if (key == "uris") uris = value
                    else if (key == "suites") suites = value
                    else if (key == "enabled") enabled = tolower(value)
                }
                if (enabled != "no" && (" " types " ") ~ /[ \t]deb[ \t]/ && (" " suites " ") ~ ("[ \t]" release "[ \t]") && uris != "") {
                    split(uris, list, /[ \t]+/); print list[1]; exit
                }
            }' "${file}")
        ;;
    *)
        # One-line: deb [options] URI SUITE COMPONENTS...
        mirror=$(awk -v release="${release}" '
            $1 == "deb" {
                field = 2
                if ($field ~ /^\[/) { while ($field !~ /\]$/) field++; field++ }
                if ($(field + 1) == release) { print $field; exit }
            }' "${file}")
        ;;
    esac
    [ -n "${mirror}" ] && break
done

if [ -z "${mirror}" ]; then
    echo "debian-mirror.sh: no deb source under ${apt_folder} serves the suite ${release}" >&2
    exit 1
fi
echo "${mirror}"
