#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The whole test suite, from a fresh Debian bookworm machine: install what
# is missing, build the plain gcc, the ASan+UBSan (clang, libFuzzer), the
# MSan (clang, libFuzzer, with an instrumented libprotobuf-c), the release
# (clang -O2, libFuzzer) and the afl (afl-clang-lto, AFL++ target)
# configurations against the default tree (linux-source-6.12, also with the
# seed-thread patch fixtures) and linux-source-6.1, the gcc and ASan ones
# also against the newest linux-source-7.x (generic_pt, docs/generic-pt.md),
# and run every test of each. Ends with one summary line.
set -eu
cd "$(dirname "$0")/.."

sh ci/setup.sh

# every build of the suite (the presets, check-patch's, the OSS-Fuzz
# build test's) unpacks each kernel tarball once, here
IOTLBFUZZ_UNPACK_CACHE=$(pwd)/build/unpacked
export IOTLBFUZZ_UNPACK_CACHE

jobs=$(nproc 2>/dev/null || echo 2)
total_pass=0
total_fail=0
status=0

run_preset() {
	preset=$1
	echo "=== $preset: configure and build"
	cmake --preset "$preset" >/dev/null
	cmake --build --preset "$preset" -j "$jobs"
	echo "=== $preset: test"
	log=$(mktemp)
	ctest --preset "$preset" -j "$jobs" 2>&1 | tee "$log" || status=1
	line=$(grep -E '^[0-9]+% tests passed, [0-9]+ tests? failed out of [0-9]+' "$log" | tail -n 1)
	rm -f "$log"
	if [ -z "$line" ]; then
		echo "=== $preset: ctest printed no summary" >&2
		status=1
		return
	fi
	failed=$(echo "$line" | sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\1/')
	count=$(echo "$line" | sed -E 's/.* failed out of ([0-9]+).*/\1/')
	total_pass=$((total_pass + count - failed))
	total_fail=$((total_fail + failed))
}

run_preset gcc
run_preset asan
run_preset msan
run_preset release
run_preset afl

echo
echo "iotlbfuzz test suite (gcc, asan, msan, release and afl builds; kernels 6.12, 6.1 and the newest 7.x):"
echo "$total_pass passed, $total_fail failed"
[ "$status" -eq 0 ] && [ "$total_fail" -eq 0 ]
