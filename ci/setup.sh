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
universal-ctags xz-utils tar ca-certificates
afl++ lld-14
linux-source-6.12 linux-source-6.1
"

missing=""
for p in $packages; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
		missing="$missing $p"
done

if [ -n "$missing" ]; then
	echo "ci/setup.sh: installing:$missing"
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo="sudo"
	export DEBIAN_FRONTEND=noninteractive
	$sudo apt-get update -qq
	# shellcheck disable=SC2086
	$sudo apt-get install -y -qq --no-install-recommends $missing
fi

for f in /usr/src/linux-source-6.12.tar.xz /usr/src/linux-source-6.1.tar.xz; do
	[ -f "$f" ] || { echo "ci/setup.sh: $f is missing after install" >&2; exit 1; }
done
