#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# afl-fuzz drives the persistent-mode target to a seed bug: A2 (90c5def10bea
# without the core fill) on arm-smmu, from one newline byte, byte-level
# AFL++ only, seed 1, bounded by executions (-E), not by time. With a fixed
# seed AFL++ needs about 29,000 executions here (docs/afl.md); the budget
# leaves room for the parts of AFL++'s schedule that follow measured
# speeds. The crash must replay through the target as a completion
# divergence.
#
# usage: finds-seed-bug.sh BUILD_DIR DEFAULT_RELEASE
set -u
build=$1
release=$2
budget=300000
bin=$build/iotlbfuzz_afl-$release+90c5def10bea-empty-gather
[ -x "$bin" ] || { echo "no $bin (see IOTLBFUZZ_EXTRA_KERNELS)"; exit 1; }

export AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 \
	AFL_NO_UI=1 AFL_NO_AFFINITY=1 AFL_BENCH_UNTIL_CRASH=1
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
mkdir "$d/in"
printf '\n' >"$d/in/input"
IOTLBFUZZ_DRIVER=arm-smmu afl-fuzz -i "$d/in" -o "$d/out" -s 1 -E "$budget" \
	-- "$bin" >"$d/log" 2>&1
rc=$?
crash=$(find "$d/out/default/crashes" -name 'id:*' 2>/dev/null | sort | head -n 1)
if [ -z "$crash" ]; then
	echo "FAIL: no crash in $budget executions (afl-fuzz exit $rc)"
	tail -n 20 "$d/log"
	exit 1
fi
line=$(sh -c '"$@" 2>&1; :' sh env IOTLBFUZZ_DRIVER=arm-smmu "$bin" "$crash" 2>/dev/null |
	grep -m 1 '^ASSERTION FAILURE: ')
case $line in
"ASSERTION FAILURE: completion: "*)
	echo "PASS: $(basename "$crash")"
	echo "  $line" ;;
*)
	echo "FAIL: $(basename "$crash") replays as: ${line:-no divergence}"
	exit 1 ;;
esac
