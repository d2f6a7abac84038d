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

# expect NAME EXIT PATTERN COMMAND...: COMMAND exits EXIT ("nonzero":
# anything but 0) and prints a line matching PATTERN
expect() {
	name=$1
	want=$2
	pattern=$3
	shift 3
	"$@" >"$work/log" 2>&1
	rc=$?
	case $want in
	nonzero) [ "$rc" -ne 0 ] ;;
	*) [ "$rc" -eq "$want" ] ;;
	esac && grep -q "$pattern" "$work/log" && { ok "$name"; return; }
	echo "    (exit $rc)" >>"$work/log"
	bad "$name"
}

# the watchdog's line names the unmap (op #2) that spins
stopped="watchdog: .*op #2 (unmap iova 0x10000 size 0x1000, driver broken-sync-never-completes) still running"
expect "replay --watchdog 1" 124 "$stopped" "$bin" replay --watchdog 1 "$spin"
expect "replay with IOTLBFUZZ_WATCHDOG=1" 124 "$stopped" env IOTLBFUZZ_WATCHDOG=1 "$bin" replay "$spin"
expect "minimize --watchdog 1" 124 "$stopped" "$bin" minimize --watchdog 1 -o "$work/min.textproto" "$spin"
expect "export --watchdog 1" 124 "$stopped" "$bin" export --watchdog 1 --format trace "$spin"
expect "report --watchdog 1" 124 "$stopped" "$bin" report --watchdog 1 -o "$work/r.html" "$spin"
expect "a clean program within the limit" 0 ": clean (" \
	"$bin" replay --watchdog 1 "$src/corpus/seeds/lpae64-s1-4k-pages.textproto"
expect "replay: a stalled map loop is no-progress" 1 \
	"no-progress at op #1: iommu_map of \[0x20000, 0x21fff\]: the core called map_pages at 0x20000 .* again" \
	"$bin" replay "$stall"

if [ -n "$target" ]; then
	"$protoc" --encode=iotlbfuzz.Program -I"$src/proto" "$src/proto/program.proto" <"$spin" >"$work/spin.bin"
	"$protoc" --encode=iotlbfuzz.Program -I"$src/proto" "$src/proto/program.proto" <"$stall" >"$work/stall.bin"
	expect "fuzz target: the watchdog aborts as no-progress" nonzero \
		"^ASSERTION FAILURE: no-progress: watchdog: op #2 (unmap" \
		env IOTLBFUZZ_ALLOW_MUTANTS=1 IOTLBFUZZ_WATCHDOG=1 "$target" "$work/spin.bin"
	expect "fuzz target: a stalled map loop aborts as no-progress" nonzero \
		"^ASSERTION FAILURE: no-progress: iommu_map of" \
		env IOTLBFUZZ_ALLOW_MUTANTS=1 "$target" "$work/stall.bin"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
