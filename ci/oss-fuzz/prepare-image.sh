#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# What ci/oss-fuzz/build.sh needs in an OSS-Fuzz builder image
# (gcr.io/oss-fuzz-base/base-builder:ubuntu-24-04), for both Dockerfiles
# (ci/oss-fuzz/ and .clusterfuzzlite/): the build tools from apt (CMake
# 3.29 and clang come with the image), and into $SRC the default kernel
# tree, the mainline tree and protobuf-c's source (docs/oss-fuzz.md).
#
#   $SRC/linux.tar.xz  linux-$LINUX_VERSION from kernel.org: the stable
#                      release Debian's linux-source-6.12 is built from,
#                      so OSS-Fuzz fuzzes the tree our CI tests
#   $SRC/linux-mainline.tar.xz
#                      the newest linux-source-7.x Debian ships (generic_pt),
#                      fetched as ci/setup.sh does (ci/fetch-mainline.sh,
#                      beside this script's folder or in it), so build.sh
#                      builds every target on it too, as <target>-mainline
#   $SRC/protobuf-c    protobuf-c-$PROTOBUF_C_VERSION's release source (it
#                      has a configure script), for the MSan build: the
#                      same version as Ubuntu's protoc-c, whose generated
#                      code names the runtime versions it accepts
set -eu

LINUX_VERSION=${LINUX_VERSION:-6.12.117}
PROTOBUF_C_VERSION=${PROTOBUF_C_VERSION:-1.4.1}

export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends \
	ninja-build protobuf-compiler protobuf-c-compiler libprotobuf-c-dev \
	universal-ctags patch xz-utils zip unzip curl ca-certificates \
	debian-archive-keyring

have=$(protoc-c --version | sed -n 's/^protobuf-c \([0-9.]*\).*/\1/p')
if [ "$have" != "$PROTOBUF_C_VERSION" ]; then
	echo "prepare-image.sh: protoc-c is $have, the protobuf-c source would be $PROTOBUF_C_VERSION: set PROTOBUF_C_VERSION=$have" >&2
	exit 1
fi

major=${LINUX_VERSION%%.*}
curl -fsSL --retry 3 -o "$SRC/linux.tar.xz" \
	"https://cdn.kernel.org/pub/linux/kernel/v$major.x/linux-$LINUX_VERSION.tar.xz"

here=$(dirname "$0")
fetch=$here/../fetch-mainline.sh
[ -f "$fetch" ] || fetch=$here/fetch-mainline.sh
IOTLBFUZZ_MAINLINE_DIR=$SRC/mainline-apt sh "$fetch"
cp -L "$SRC/mainline-apt/linux-source-7.tar.xz" "$SRC/linux-mainline.tar.xz"
rm -rf "$SRC/mainline-apt"

rm -rf "$SRC/protobuf-c" "$SRC/protobuf-c-$PROTOBUF_C_VERSION"
curl -fsSL --retry 3 \
	"https://github.com/protobuf-c/protobuf-c/releases/download/v$PROTOBUF_C_VERSION/protobuf-c-$PROTOBUF_C_VERSION.tar.gz" |
	tar -xz -C "$SRC"
mv "$SRC/protobuf-c-$PROTOBUF_C_VERSION" "$SRC/protobuf-c"
