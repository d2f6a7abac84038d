#!/bin/bash -eu
# SPDX-License-Identifier: GPL-2.0-only
#
# The OSS-Fuzz and ClusterFuzzLite build of iotlbfuzz (docs/oss-fuzz.md).
#
# The infrastructure sets CC, CFLAGS (its base flags plus the sanitizer's
# and, for libFuzzer, the coverage flags), LIB_FUZZING_ENGINE, SANITIZER,
# FUZZING_ENGINE, ARCHITECTURE, SRC, WORK and OUT. This script reads
# nothing else (CMAKE_BUILD_PARALLEL_LEVEL, when set, bounds the build
# jobs, and IOTLBFUZZ_UNPACK_CACHE names where the tarballs are unpacked,
# as for any CMake build of ours). The Dockerfile leaves in $SRC:
#
#   $SRC/iotlbfuzz      this repository (unless this script runs from a
#                       checkout: then that checkout)
#   $SRC/linux.tar.xz   the default kernel tree, a kernel.org or Debian
#                       linux-source tarball (or $SRC/linux, a kernel tree)
#   $SRC/linux-mainline.tar.xz
#                       optional: the newest mainline tree (Debian's
#                       linux-source-7.x, generic_pt), or $SRC/linux-mainline
#   $SRC/protobuf-c     protobuf-c's source, for the MSan build only: every
#                       library an MSan target runs must be instrumented
#
# Into $OUT, per fuzz target: the binary, <target>_seed_corpus.zip (the
# text corpus of corpus/seeds and corpus/regressions as binary programs,
# and the byte-form seeds of corpus/seeds),
# <target>.dict and <target>.options. libFuzzer gets iotlbfuzz_fuzzer and
# iotlbfuzz_fuzzer_structured; AFL++ gets iotlbfuzz_fuzzer only, linked
# with AFL++'s driver: OSS-Fuzz's afl-fuzz loads no custom mutator, so the
# structured target would be the plain one again. With a mainline tree,
# each target also as <target>-mainline, on that tree: a name that stays
# when the release moves on, so ClusterFuzz keeps its corpus and crashes.

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
if [ -f "$here/../../fuzz/engines/libfuzzer_target.c" ]; then
	repo=$(cd "$here/../.." && pwd)
else
	repo=$SRC/iotlbfuzz
fi

die() {
	echo "ci/oss-fuzz/build.sh: $*" >&2
	exit 1
}

case "$FUZZING_ENGINE" in
libfuzzer) targets="iotlbfuzz_fuzzer iotlbfuzz_fuzzer_structured" ;;
afl) targets="iotlbfuzz_fuzzer" ;;
*) die "FUZZING_ENGINE=$FUZZING_ENGINE: only libfuzzer and afl are built and tested (ci/oss-fuzz/project.yaml, ci/oss-fuzz/local-test.sh)" ;;
esac
[ "$ARCHITECTURE" = x86_64 ] ||
	die "ARCHITECTURE=$ARCHITECTURE: only x86_64 is built and tested"

if [ -d "$SRC/linux" ]; then
	kernel=$SRC/linux
elif [ -f "$SRC/linux.tar.xz" ]; then
	kernel=$SRC/linux.tar.xz
else
	die "no kernel tree: neither $SRC/linux nor $SRC/linux.tar.xz (see ci/oss-fuzz/Dockerfile)"
fi

mainline=
if [ -d "$SRC/linux-mainline" ]; then
	mainline=$SRC/linux-mainline
elif [ -f "$SRC/linux-mainline.tar.xz" ]; then
	mainline=$SRC/linux-mainline.tar.xz
fi

msan=()
if [ "$SANITIZER" = memory ]; then
	[ -x "$SRC/protobuf-c/configure" ] ||
		die "SANITIZER=memory needs protobuf-c's release source in $SRC/protobuf-c (see ci/oss-fuzz/Dockerfile)"
	msan=(-DIOTLBFUZZ_PROTOBUF_C_SOURCE="$SRC/protobuf-c")
fi

# The default tree and, if there is one, the mainline tree; only the fuzz
# targets and the binary corpus. The flags are the infrastructure's alone
# (cmake/FuzzingEngine.cmake): no build type adds its own, and a newer
# clang's new warning must not stop the build (CI holds the code to
# -Werror).
build=$WORK/iotlbfuzz-build
configure_log=$WORK/iotlbfuzz-configure.log
if ! cmake -S "$repo" -B "$build" -G Ninja \
	-DCMAKE_C_COMPILER="$CC" \
	-DCMAKE_C_FLAGS="$CFLAGS" \
	-DCMAKE_BUILD_TYPE= \
	-DIOTLBFUZZ_KERNEL_SRC="$kernel" \
	-DIOTLBFUZZ_PATCHES= \
	-DIOTLBFUZZ_EXTRA_KERNELS="$mainline" \
	-DIOTLBFUZZ_FUZZING_ENGINE="$LIB_FUZZING_ENGINE" \
	-DIOTLBFUZZ_WERROR=OFF \
	"${msan[@]}" >"$configure_log" 2>&1; then
	cat "$configure_log"
	die "configuring the build failed"
fi
cat "$configure_log"
# the build names an extra tree's targets by its release: <target>-<release>
built=$targets
if [ -n "$mainline" ]; then
	release=$(sed -n 's/^-- iotlbfuzz: extra kernel tree .*(\([^()]*\))$/\1/p' "$configure_log" | tail -n 1)
	[ -n "$release" ] || die "no release of the mainline tree $mainline in the configure output"
	for t in $targets; do
		built="$built $t-$release"
	done
fi
# shellcheck disable=SC2086
cmake --build "$build" --target $built iotlbfuzz_corpus

# One flat archive: the seed names are unique across both directories.
corpus=$WORK/iotlbfuzz-seed-corpus.zip
rm -f "$corpus"
(cd "$build/corpus" && find seeds regressions -name '*.pb' -o -name '*.bin' | sort | zip -q -j "$corpus" -@)
programs=$(find "$build/corpus/seeds" "$build/corpus/regressions" -name '*.pb' -o -name '*.bin' | wc -l)
stored=$(unzip -Z1 "$corpus" | wc -l)
if [ "$programs" -eq 0 ] || [ "$programs" -ne "$stored" ]; then
	die "seed corpus: $programs programs built, $stored in the archive"
fi

# the same corpus, dictionary and options for a target on either tree (the
# options name the dictionary: the target's own)
install_target() { # built-target base-target name-in-OUT
	cp "$build/$1" "$OUT/$3"
	cp "$build/$2.dict" "$OUT/$3.dict"
	sed "s/^dict = $2\.dict\$/dict = $3.dict/" "$build/$2.options" >"$OUT/$3.options"
	cp "$corpus" "$OUT/${3}_seed_corpus.zip"
}
for t in $targets; do
	install_target "$t" "$t" "$t"
	[ -z "$mainline" ] || install_target "$t-$release" "$t" "$t-mainline"
done
