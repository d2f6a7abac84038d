#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The main job: a libFuzzer campaign (ASan+UBSan) over the default kernel
# tree, seeded with corpus/seeds, then a summary: executions, coverage,
# corpus growth, and every crash replayed and sorted by divergence class.
#
# usage: ci/fuzz.sh [--seconds N] [--jobs N] [--out DIR]
#   defaults: 600 seconds, one job per core, out/ in the repository
set -eu
cd "$(dirname "$0")/.."

seconds=600
jobs=$(nproc 2>/dev/null || echo 1)
out=out
while [ $# -gt 0 ]; do
	case "$1" in
	--seconds) seconds=$2; shift 2 ;;
	--jobs) jobs=$2; shift 2 ;;
	--out) out=$2; shift 2 ;;
	*) echo "usage: ci/fuzz.sh [--seconds N] [--jobs N] [--out DIR]" >&2; exit 2 ;;
	esac
done

sh ci/setup.sh
cmake --preset asan >/dev/null
cmake --build --preset asan -j "$jobs"

build=build/asan
mkdir -p "$out/corpus" "$out/crashes"
log="$out/fuzz.log"
echo "=== fuzzing for ${seconds}s with $jobs job(s); log in $log"
"$build/iotlbfuzz_fuzzer" -fork="$jobs" -ignore_crashes=1 -ignore_timeouts=1 \
	-ignore_ooms=1 -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
	-artifact_prefix="$out/crashes/" -print_final_stats=1 \
	"$out/corpus" "$build/corpus/seeds" >"$log" 2>&1 || true

stats=$(grep -E '^#[0-9]+: cov: ' "$log" | tail -n 1)
echo
echo "=== summary ($("$build/iotlbfuzz" list | head -n 1))"
echo "last status: ${stats:-none}"
echo "corpus: $(find "$out/corpus" -type f | wc -l) programs in $out/corpus"
n=0
for c in "$out"/crashes/crash-* "$out"/crashes/timeout-* "$out"/crashes/oom-*; do
	[ -e "$c" ] || continue
	n=$((n + 1))
	"$build/iotlbfuzz" replay --quiet "$c" 2>/dev/null | sed 's/^/  /'
done
if [ "$n" -eq 0 ]; then
	echo "crashes: none"
else
	echo "crashes: $n in $out/crashes (replay one with: $build/iotlbfuzz replay FILE)"
fi
