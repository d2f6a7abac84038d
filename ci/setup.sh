#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Install what iotlbfuzz needs on Debian bookworm, idempotently: nothing is
# downloaded when everything is already there. afl++ (4.04c) is for the afl
# preset; its afl-clang-lto links with lld-14, which afl++ does not depend on.
set -eu

packages="
cmake ninja-build gcc clang llvm libclang-rt-14-dev
protobuf-compiler protobuf-c-compiler libprotobuf-c-dev
universal-ctags xz-utils tar ca-certificates dpkg-dev patch patchutils
afl++ lld-14
linux-source-6.12 linux-source-6.1
"

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive

# The first Debian archive URI apt already uses (the same mirror or
# snapshot then serves the sources), from deb822 or one-line files.
debian_uri() {
	for f in /etc/apt/sources.list.d/*.sources; do
		[ -f "$f" ] && sed -n 's|^URIs:[[:space:]]*\([^[:space:]]*/debian\)/*$|\1|p' "$f"
	done
	for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
		[ -f "$f" ] && sed -n 's|^deb[[:space:]]\+\(\[[^]]*\][[:space:]]\+\)\?\([^[:space:]]*/debian\)/*[[:space:]].*|\2|p' "$f"
	done
	echo http://deb.debian.org/debian
}

# The MSan preset links a libprotobuf-c built from Debian's source package
# (cmake/MsanDeps.cmake); apt-get source needs a deb-src entry. Add one
# only when apt knows no source for it, in a file of our own.
if ! apt-cache showsrc protobuf-c >/dev/null 2>&1; then
	if ! grep -qsE '^(Types:.*deb-src|deb-src[[:space:]])' \
		/etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; then
		# shellcheck disable=SC1091
		codename=$(. /etc/os-release && echo "$VERSION_CODENAME")
		uri=$(debian_uri | head -n 1)
		echo "ci/setup.sh: adding deb-src $uri $codename main"
		printf 'Types: deb-src\nURIs: %s\nSuites: %s\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
			"$uri" "$codename" | $sudo tee /etc/apt/sources.list.d/iotlbfuzz-deb-src.sources >/dev/null
	fi
	$sudo apt-get update -qq
fi

missing=""
for p in $packages; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
		missing="$missing $p"
done

if [ -n "$missing" ]; then
	echo "ci/setup.sh: installing:$missing"
	$sudo apt-get update -qq
	# shellcheck disable=SC2086
	$sudo apt-get install -y -qq --no-install-recommends $missing
fi

for f in /usr/src/linux-source-6.12.tar.xz /usr/src/linux-source-6.1.tar.xz; do
	[ -f "$f" ] || { echo "ci/setup.sh: $f is missing after install" >&2; exit 1; }
done

# The newest mainline tree Debian ships (linux-source-7.x), for the
# generic_pt formats (docs/generic-pt.md): ci/fetch-mainline.sh, which
# fetches nothing when it is there.
sh "$(dirname "$0")/fetch-mainline.sh"
