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

# The newest mainline tree Debian ships (linux-source-7.x, in
# trixie-backports), for the generic_pt formats (docs/generic-pt.md). It
# is fetched through an apt state of our own under $mainline_dir, so the
# machine's sources, lists and installed packages stay as they are; only
# the tarball is kept, as $mainline_dir/linux-source-7.tar.xz (a link to
# the versioned one). Nothing is fetched when that link resolves: set
# IOTLBFUZZ_MAINLINE_REFRESH=1 to look for a newer 7.x.
mainline_dir=${IOTLBFUZZ_MAINLINE_DIR:-/var/cache/iotlbfuzz}
mainline_suites=${IOTLBFUZZ_MAINLINE_SUITES:-trixie-backports}
# deb.debian.org rather than the machine's mirror, which may be a snapshot
# older than the backport
mainline_uri=${IOTLBFUZZ_MAINLINE_URI:-http://deb.debian.org/debian}
if [ ! -f "$mainline_dir/linux-source-7.tar.xz" ] ||
	[ "${IOTLBFUZZ_MAINLINE_REFRESH:-0}" = 1 ]; then
	state="$mainline_dir/apt"
	$sudo mkdir -p "$state/lists/partial" "$state/archives/partial" \
		"$state/sources.list.d" "$state/preferences.d" "$state/deb"
	printf 'Types: deb\nURIs: %s\nSuites: %s\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
		"$mainline_uri" "$mainline_suites" | $sudo tee "$state/sources.list.d/mainline.sources" >/dev/null
	$sudo touch "$state/sources.list" "$state/status"
	set -- -o "Dir::State=$state" -o "Dir::State::Lists=$state/lists" \
		-o "Dir::State::status=$state/status" \
		-o "Dir::Cache=$state" -o "Dir::Cache::Archives=$state/archives" \
		-o "Dir::Etc::SourceList=$state/sources.list" \
		-o "Dir::Etc::SourceParts=$state/sources.list.d" \
		-o "Dir::Etc::PreferencesParts=$state/preferences.d" \
		-o "APT::Sandbox::User=root"
	echo "ci/setup.sh: looking for the newest linux-source-7.x in $mainline_suites"
	$sudo apt-get "$@" update -qq
	newest=$(apt-cache "$@" pkgnames linux-source-7. | sort -V | tail -n 1)
	[ -n "$newest" ] || {
		echo "ci/setup.sh: no linux-source-7.x in $mainline_suites ($mainline_uri)" >&2
		exit 1
	}
	version=${newest#linux-source-}
	if [ ! -f "$mainline_dir/$newest.tar.xz" ]; then
		echo "ci/setup.sh: fetching $newest into $mainline_dir"
		(cd "$state/deb" && $sudo rm -f ./*.deb &&
			$sudo apt-get "$@" download "$newest")
		$sudo rm -rf "$state/unpacked"
		$sudo dpkg-deb -x "$state"/deb/"$newest"_*.deb "$state/unpacked"
		$sudo mv "$state/unpacked/usr/src/$newest.tar.xz" "$mainline_dir/$newest.tar.xz.part"
		$sudo mv "$mainline_dir/$newest.tar.xz.part" "$mainline_dir/$newest.tar.xz"
		$sudo rm -rf "$state/unpacked" "$state"/deb/*.deb
	fi
	$sudo ln -sfn "$newest.tar.xz" "$mainline_dir/linux-source-7.tar.xz"
	echo "ci/setup.sh: mainline tree: $mainline_dir/linux-source-7.tar.xz -> $newest.tar.xz ($version)"
fi
[ -f "$mainline_dir/linux-source-7.tar.xz" ] || {
	echo "ci/setup.sh: $mainline_dir/linux-source-7.tar.xz is missing" >&2
	exit 1
}
