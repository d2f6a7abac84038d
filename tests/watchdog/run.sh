#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Hangs end, and say where they were. A driver whose iotlb_sync spins for
# ever (broken-sync-never-completes: nothing of ours runs while it spins)
# is stopped by the watchdog in every command that runs programs: each
# names the operation and exits 124; a fuzz target aborts through the
# no-progress class instead of leaving a bare timeout. A map loop that
# makes no progress (broken-map-no-progress) is caught before it spins,
# as a no-progress divergence, by the CLI and by the fuzz target alike.
# A clean program is not stopped by a one-second limit.
#
# usage: run.sh IOTLBFUZZ SRCDIR PROTOC [FUZZ_TARGET]
set -u
bin=$1
src=$2
protoc=$3
target=${4:-}
here=$(dirname "$0")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pass=0
fail=0
spin=$here/sync-never-completes.textproto
stall=$src/corpus/regressions/no-progress--map-no-progress.textproto

ok() { pass=$((pass + 1)); echo "PASS $1"; }
bad() {
	fail=$((fail + 1))
	echo "FAIL $1"
	sed 's/^/    /' "$work/log"
}

# expect_watchdog NAME COMMAND...: exit 124, the unmap (op #2) named
expect_watchdog() {
	name=$1
	shift
	"$@" >"$work/log" 2>&1
	rc=$?
	if [ "$rc" -eq 124 ] &&
		grep -q "watchdog: .*op #2 (unmap iova 0x10000 size 0x1000, driver broken-sync-never-completes) still running" "$work/log"; then
		ok "$name"
	else
		echo "    (exit $rc)" >>"$work/log"
		bad "$name"
	fi
}

expect_watchdog "replay --watchdog 1" "$bin" replay --watchdog 1 "$spin"
expect_watchdog "replay with IOTLBFUZZ_WATCHDOG=1" env IOTLBFUZZ_WATCHDOG=1 "$bin" replay "$spin"
expect_watchdog "minimize --watchdog 1" "$bin" minimize --watchdog 1 -o "$work/min.textproto" "$spin"
expect_watchdog "export --watchdog 1" "$bin" export --watchdog 1 --format trace "$spin"
expect_watchdog "report --watchdog 1" "$bin" report --watchdog 1 -o "$work/r.html" "$spin"

"$bin" replay --watchdog 1 "$src/corpus/seeds/lpae64-s1-4k-pages.textproto" >"$work/log" 2>&1
if [ $? -eq 0 ]; then ok "a clean program within the limit"; else bad "a clean program within the limit"; fi

"$bin" replay "$stall" >"$work/log" 2>&1
rc=$?
if [ "$rc" -eq 1 ] && grep -q "no-progress at op #1: iommu_map of \[0x20000, 0x21fff\]: the core called map_pages at 0x20000 .* again" "$work/log"; then
	ok "replay: a stalled map loop is no-progress"
else
	echo "    (exit $rc)" >>"$work/log"
	bad "replay: a stalled map loop is no-progress"
fi

if [ -n "$target" ]; then
	"$protoc" --encode=iotlbfuzz.Program -I"$src/proto" "$src/proto/program.proto" <"$spin" >"$work/spin.bin"
	"$protoc" --encode=iotlbfuzz.Program -I"$src/proto" "$src/proto/program.proto" <"$stall" >"$work/stall.bin"
	IOTLBFUZZ_ALLOW_MUTANTS=1 IOTLBFUZZ_WATCHDOG=1 "$target" "$work/spin.bin" >"$work/log" 2>&1
	rc=$?
	if [ "$rc" -ne 0 ] && grep -q "^ASSERTION FAILURE: no-progress: watchdog: op #2 (unmap" "$work/log"; then
		ok "fuzz target: the watchdog aborts as no-progress"
	else
		echo "    (exit $rc)" >>"$work/log"
		bad "fuzz target: the watchdog aborts as no-progress"
	fi
	IOTLBFUZZ_ALLOW_MUTANTS=1 "$target" "$work/stall.bin" >"$work/log" 2>&1
	rc=$?
	if [ "$rc" -ne 0 ] && grep -q "^ASSERTION FAILURE: no-progress: iommu_map of" "$work/log"; then
		ok "fuzz target: a stalled map loop aborts as no-progress"
	else
		echo "    (exit $rc)" >>"$work/log"
		bad "fuzz target: a stalled map loop aborts as no-progress"
	fi
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
