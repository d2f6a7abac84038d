#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# `ci/check-patch.sh` end to end, short: the acceptance pair on the default
# tree with three driver models in the differential and 10 s of fuzzing.
#   90c5def10bea (with a hunk for arm-smmu.c, a file the build does not
#     compile: left out, and a note says so): FAIL, exit 1; sync-loss for
#     arm-smmu and apple-dart, each with a reproducer of at most 2 ops that
#     the differential target still reports; arm-smmu-v3 unchanged.
#   90c5def10bea + 7e0548525abd (the fix that landed): PASS, exit 0.
#   a guard of another meaning (fixture empty-gather-pgsize-guard): builds,
#     FAIL with mtk_iommu's sync-loss, its trait shown undecided.
#   --drivers naming no model: exit 2, before any fuzzing.
# Both checks share one --out, so the second builds only its patched tree.
#
# usage: run.sh SOURCE_DIR KERNEL OUT
set -u
src=$1
kernel=$2
out=$3
# shellcheck source-path=SCRIPTDIR source=checks.sh
. "$(dirname "$0")/checks.sh"

ops_ok() { # textproto: at most 2 ops
	[ -f "$1" ] && [ "$(grep -c '^ops {' "$1")" -le 2 ] && [ "$(grep -c '^ops {' "$1")" -ge 1 ]
}

still_changes() { # model bin
	local target
	target=$(ls "$out"/build/iotlbfuzz_differential-*+empty-gather-with-driver-hunk 2>/dev/null | head -n 1)
	[ -x "$target" ] && ! "$target" "$2" >"$out/replay-$1.log" 2>&1 &&
		grep -q "^ASSERTION FAILURE: behaviour-change: $1: sync-loss at op" "$out/replay-$1.log"
}

rm -rf "$out"
common=(--kernel "$kernel" --seconds 10 --jobs 2 --out "$out"
	--drivers arm-smmu,apple-dart,arm-smmu-v3)

buggy=$src/tests/check-patch/empty-gather-with-driver-hunk.diff
log=$out.buggy.log
bash "$src/ci/check-patch.sh" "${common[@]}" --patch "$buggy" >"$log" 2>&1
rc=$?
repro=$out/reproducers
check "90c5def10bea: exit 1" [ $rc -eq 1 ]
check "90c5def10bea: FAIL verdict" has '^check-patch: FAIL: behaviour change for arm-smmu (sync-loss), apple-dart (sync-loss)'
check "90c5def10bea: arm-smmu sync-loss" has '^ *arm-smmu  *BEHAVIOUR CHANGE (sync-loss)'
check "90c5def10bea: apple-dart sync-loss" has '^ *apple-dart  *BEHAVIOUR CHANGE (sync-loss)'
check "90c5def10bea: arm-smmu-v3 unchanged" has '^ *arm-smmu-v3  *no behaviour change'
check "90c5def10bea: corpus programs changed" has 'CHANGED: regressions/completion--90c5def-arm-smmu.textproto'
check "90c5def10bea: the driver's hunk left out, said so" \
	has 'note: .*empty-gather-with-driver-hunk.diff: left out, not compiled here: drivers/iommu/arm/arm-smmu/arm-smmu.c'
for m in arm-smmu apple-dart; do
	check "90c5def10bea: $m reproducer minimized (<= 2 ops)" ops_ok "$repro/behaviour-change-$m.textproto"
	check "90c5def10bea: $m reproducer says what it shows" \
		grep -q "^# behaviour change on $m: sync-loss at op" "$repro/behaviour-change-$m.textproto"
	check "90c5def10bea: $m reproducer replays the change" still_changes "$m" "$repro/behaviour-change-$m.bin"
done

log=$out.fixed.log
bash "$src/ci/check-patch.sh" "${common[@]}" --patch 90c5def10bea-empty-gather \
	--patch 7e0548525abd-core-fill >"$log" 2>&1
rc=$?
check "the landed fix: exit 0" [ $rc -eq 0 ]
check "the landed fix: PASS verdict" has '^check-patch: PASS'
check "the landed fix: no model changed" has '0 of 3 driver models changed behaviour'

# a guard no text match knows and of another meaning (sync only a gather
# with a page size): it builds, its trait is left undecided, and the
# behaviour change is what it reports (mtk_iommu fills with add_range)
log=$out.guard.log
bash "$src/ci/check-patch.sh" --kernel "$kernel" --seconds 10 --jobs 2 --out "$out" \
	--patch empty-gather-pgsize-guard --drivers mtk_iommu,arm-smmu-v3 >"$log" 2>&1
rc=$?
check "pgsize guard: builds (got to the differential)" has '^\[4/4\]'
check "pgsize guard: exit 1" [ $rc -eq 1 ]
check "pgsize guard: mtk_iommu sync-loss" has '^ *mtk_iommu  *BEHAVIOUR CHANGE (sync-loss)'
check "pgsize guard: arm-smmu-v3 unchanged" has '^ *arm-smmu-v3  *no behaviour change'
check "pgsize guard: the undecided trait said" has 'tree traits after the patches: .*undecided: sync-skips-empty-gather'

log=$out.usage.log
bash "$src/ci/check-patch.sh" --kernel "$kernel" --seconds 10 --jobs 2 --out "$out" \
	--patch "$buggy" --drivers arm-smmu,no-such-model >"$log" 2>&1
rc=$?
check "unknown model: exit 2" [ $rc -eq 2 ]
check "unknown model: named" has "no driver model 'no-such-model'"
check "unknown model: stopped before fuzzing" eval '! has "^\[3/4\]"'

if [ $fail -gt 0 ]; then
	for l in "$out".buggy.log "$out".fixed.log "$out".guard.log "$out".usage.log; do
		echo "---- $l"
		cat "$l"
	done
fi
echo "check-patch end to end: $pass passed, $fail failed"
[ $fail -eq 0 ]
