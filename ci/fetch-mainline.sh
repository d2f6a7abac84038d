#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The newest mainline kernel tree Debian ships (linux-source-7.x, in
# trixie-backports), for the generic_pt formats (docs/generic-pt.md), as
# $IOTLBFUZZ_MAINLINE_DIR/linux-source-7.tar.xz (default /var/cache/iotlbfuzz),
# a link to the versioned tarball. ci/setup.sh runs it on Debian; the
# OSS-Fuzz image (ci/oss-fuzz/prepare-image.sh) on Ubuntu, with Debian's
# archive keyring installed. Needs apt-get, apt-cache and dpkg-deb, and
# /usr/share/keyrings/debian-archive-keyring.gpg.
set -eu

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"

# It is fetched through an apt state of our own under $mainline_dir, so the
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
	echo "ci/fetch-mainline.sh: looking for the newest linux-source-7.x in $mainline_suites"
	$sudo apt-get "$@" update -qq
	newest=$(apt-cache "$@" pkgnames linux-source-7. | sort -V | tail -n 1)
	[ -n "$newest" ] || {
		echo "ci/fetch-mainline.sh: no linux-source-7.x in $mainline_suites ($mainline_uri)" >&2
		exit 1
	}
	version=${newest#linux-source-}
	if [ ! -f "$mainline_dir/$newest.tar.xz" ]; then
		echo "ci/fetch-mainline.sh: fetching $newest into $mainline_dir"
		(cd "$state/deb" && $sudo rm -f ./*.deb &&
			$sudo apt-get "$@" download "$newest")
		$sudo rm -rf "$state/unpacked"
		$sudo dpkg-deb -x "$state"/deb/"$newest"_*.deb "$state/unpacked"
		$sudo mv "$state/unpacked/usr/src/$newest.tar.xz" "$mainline_dir/$newest.tar.xz.part"
		$sudo mv "$mainline_dir/$newest.tar.xz.part" "$mainline_dir/$newest.tar.xz"
		$sudo rm -rf "$state/unpacked" "$state"/deb/*.deb
	fi
	$sudo ln -sfn "$newest.tar.xz" "$mainline_dir/linux-source-7.tar.xz"
	echo "ci/fetch-mainline.sh: mainline tree: $mainline_dir/linux-source-7.tar.xz -> $newest.tar.xz ($version)"
fi
[ -f "$mainline_dir/linux-source-7.tar.xz" ] || {
	echo "ci/fetch-mainline.sh: $mainline_dir/linux-source-7.tar.xz is missing" >&2
	exit 1
}
