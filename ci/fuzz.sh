#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The main job: a libFuzzer campaign (ASan+UBSan by default) over the
# default kernel tree, seeded with corpus/seeds, then a summary: executions,
# coverage, corpus growth, and every crash replayed and sorted by
# divergence class.
#
# usage: ci/fuzz.sh [--seconds N] [--jobs N] [--out DIR] [--patches "P..."]
#                   [--sanitizer asan|msan]
#   defaults: 600 seconds, one job per core, out/ in the repository
#   --sanitizer: the preset to fuzz with; msan (MemorySanitizer) finds
#   reads of memory nobody wrote, which ASan does not look for
#   --patches: fuzz the default tree with these patch fixtures (patches/,
#   one of the preset's variants), e.g. the fixed configuration:
#   --patches "90c5def10bea-empty-gather 7e0548525abd-core-fill"
set -eu
cd "$(dirname "$0")/.."

seconds=600
jobs=$(nproc 2>/dev/null || echo 1)
out=out
patches=
preset=asan
usage='usage: ci/fuzz.sh [--seconds N] [--jobs N] [--out DIR] [--patches "P..."] [--sanitizer asan|msan]'
while [ $# -gt 0 ]; do
	case "$1" in
	--seconds) seconds=$2; shift 2 ;;
	--jobs) jobs=$2; shift 2 ;;
	--out) out=$2; shift 2 ;;
	--patches) patches=$2; shift 2 ;;
	--sanitizer) preset=$2; shift 2 ;;
	*) echo "$usage" >&2; exit 2 ;;
	esac
done
case "$preset" in
asan | msan) ;;
*) echo "$usage" >&2; exit 2 ;;
esac

sh ci/setup.sh
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset" -j "$jobs"

build=build/$preset
suffix=
if [ -n "$patches" ]; then
	suffix=-$("$build/iotlbfuzz" list | sed -n 's/^kernel tree: //p')
	for p in $patches; do suffix="$suffix+$p"; done
	if [ ! -x "$build/iotlbfuzz_fuzzer$suffix" ]; then
		echo "no build of the default tree$suffix (see IOTLBFUZZ_EXTRA_KERNELS)" >&2
		exit 2
	fi
fi
mkdir -p "$out/corpus" "$out/crashes"
log="$out/fuzz.log"
echo "=== fuzzing for ${seconds}s with $jobs job(s); log in $log"
"$build/iotlbfuzz_fuzzer$suffix" -fork="$jobs" -ignore_crashes=1 -ignore_timeouts=1 \
	-dict="$build/iotlbfuzz_fuzzer.dict" -max_len=8192 \
	-ignore_ooms=1 -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
	-artifact_prefix="$out/crashes/" -print_final_stats=1 \
	"$out/corpus" "$build/corpus/seeds" >"$log" 2>&1 || true

stats=$(grep -E '^#[0-9]+: cov: ' "$log" | tail -n 1)
echo
echo "=== summary ($("$build/iotlbfuzz$suffix" list | head -n 1))"
echo "last status: ${stats:-none}"
echo "corpus: $(find "$out/corpus" -type f | wc -l) programs in $out/corpus"
n=0
for c in "$out"/crashes/crash-* "$out"/crashes/timeout-* "$out"/crashes/oom-*; do
	[ -e "$c" ] || continue
	n=$((n + 1))
	"$build/iotlbfuzz$suffix" replay --quiet "$c" 2>/dev/null | sed 's/^/  /'
done
if [ "$n" -eq 0 ]; then
	echo "crashes: none"
else
	echo "crashes: $n in $out/crashes (replay one with: $build/iotlbfuzz$suffix replay FILE)"
fi
