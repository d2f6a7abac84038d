#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The fuzz target finds each seed bug of the 2026 threads from an empty
# corpus, with a fixed seed and a bounded number of runs, on the tree that
# has the bug, and finds nothing in the same budget on the tree that fixes
# it. Deterministic: libFuzzer with -seed and -runs, one process.
#
# Each case has its own budget: about twice the runs seed 1 needs on the
# tree with the bug (measured with the release preset, docs/benchmarks.md).
#
# usage: finds-seed-bugs.sh BUILD_DIR DEFAULT_RELEASE
set -u
build=$1
release=$2
pass=0
fail=0

fuzz() { # tree-suffix driver env runs
	d=$(mktemp -d)
	bin=$build/iotlbfuzz_fuzzer
	[ -n "$1" ] && bin=$bin-$release$1
	# shellcheck disable=SC2086
	env $3 IOTLBFUZZ_DRIVER="$2" "$bin" \
		-seed=1 -runs="$4" -artifact_prefix="$d/" "$d/" >"$d/log" 2>&1
	found=$(sed -n 's/^ASSERTION FAILURE: \([a-z-]*\):.*/\1/p' "$d/log" | head -n 1)
	at=$(grep -oE '^#[0-9]+' "$d/log" | tail -n 1)
	rm -rf "$d"
}

case_() { # name buggy-suffix fixed-suffix driver expected-classes env runs
	runs=$7
	fuzz "$2" "$4" "$6" "$runs"
	if echo " $5 " | grep -q " ${found:-none} "; then
		pass=$((pass + 1))
		echo "PASS $1: $4 on $release$2 -> $found (by run ${at#\#})"
	else
		fail=$((fail + 1))
		echo "FAIL $1: $4 on $release$2 -> ${found:-nothing} in $runs runs, expected $5"
	fi
	fuzz "$3" "$4" "$6" "$runs"
	if [ -z "$found" ]; then
		pass=$((pass + 1))
		echo "PASS $1 fixed: $4 on ${release}${3:-} -> nothing in $runs runs"
	else
		fail=$((fail + 1))
		echo "FAIL $1 fixed: $4 on ${release}${3:-} -> $found"
	fi
}

E=+90c5def10bea-empty-gather
FIX=$E+7e0548525abd-core-fill
V1=$E+jgg-always-fill-v1

case_ A2 "$E" "$FIX" arm-smmu completion "" 5000
case_ A2 "$E" "$FIX" arm-smmu-nvidia completion "" 5000
case_ A2 "$E" "$FIX" qcom_iommu completion "" 30000
case_ A2 "$E" "$FIX" ipmmu-vmsa completion "" 5000
case_ A2 "$E" "$FIX" apple-dart completion "" 10000
case_ A2 "$E" "$FIX" sprd completion "" 5000
case_ A2 "$E" "$FIX" sun50i completion "" 5000
# virtio-iommu is experimental (its device side is unchecked): replayed in
# corpus/regressions, not fuzzed.
case_ A3a "$V1" "$FIX" mtk_iommu "completion gather-coverage" "" 6000
case_ A3b "$V1" "$FIX" arm-smmu-v3 over-invalidation "" 25000
case_ A1 "" "$E" mtk_iommu empty-gather-sync IOTLBFUZZ_NO_SUPPRESS=1 5000

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
