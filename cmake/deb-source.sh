#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Fetch and unpack one Debian source package, once: a tree that was fully
# unpacked before is kept, so rebuilding never touches the network.
# apt-get source applies Debian's patches, so the library we build is the
# one the binary package was built from.
#
# usage: deb-source.sh PACKAGE VERSION DEST
#   unpacks into DEST/PACKAGE-<upstream version>
set -eu

pkg=$1
version=$2
dest=$3

upstream=${version#*:}
upstream=${upstream%-*}
tree=$dest/$pkg-$upstream
# written last: a download or unpack cut short is redone, not trusted
stamp=$tree/.iotlbfuzz-unpacked

[ -f "$stamp" ] && exit 0

for tool in apt-get dpkg-source; do
	command -v "$tool" >/dev/null 2>&1 || {
		echo "deb-source.sh: $tool is missing (run ci/setup.sh, or pass -DIOTLBFUZZ_PROTOBUF_C_SOURCE=<a $pkg source tree>)" >&2
		exit 1
	}
done

mkdir -p "$dest"
cd "$dest"
rm -rf "$tree"
if ! apt-get source -qq "$pkg=$version"; then
	echo "deb-source.sh: apt-get source $pkg=$version failed; ci/setup.sh adds the deb-src entry it needs" >&2
	exit 1
fi
[ -d "$tree" ] || { echo "deb-source.sh: apt-get source left no $tree" >&2; exit 1; }
echo "$pkg $version" >"$stamp"
