#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# `ci/check-patch.sh --corpus-only` on a generic_pt tree (the newest 7.x):
# the build and the corpus replay before/after, no fuzzing, so it stays
# cheap.
#   gpt-freed-table-level-not-gathered (the engine forgets the level of
#     the tables it frees in the detailed gather): FAIL, exit 1; the
#     regression program made for it changes from clean to
#     table-use-after-free, and the replay command the check prints
#     gives that outcome again.
#   a comment added to the engine (tests/check-patch/gpt-comment-only.diff):
#     PASS, exit 0, no program changed.
#   --corpus-only without a patch: exit 2, before any build.
# The checks share one --out, so the second builds only its patched tree.
#
# usage: mainline-corpus.sh SOURCE_DIR MAINLINE_KERNEL OUT
set -u
src=$1
kernel=$2
out=$3
# shellcheck source-path=SCRIPTDIR source=checks.sh
. "$(dirname "$0")/checks.sh"

replays_uaf() { # the replay command of the failure line gives the outcome again
	local cmd
	cmd=$(sed -n 's/^  - regression corpus: regressions\/table-use-after-free--gpt-freed-table-level-not-gathered\.textproto: .*; replay: //p' "$log")
	[ -n "$cmd" ] || return 1
	# shellcheck disable=SC2086 # the command line as printed
	$cmd >"$out/replay-uaf.log" 2>&1
	grep -q ': table-use-after-free at op #2: ' "$out/replay-uaf.log"
}

rm -rf "$out"
common=(--kernel "$kernel" --corpus-only --jobs 2 --out "$out")

log=$out.buggy.log
bash "$src/ci/check-patch.sh" "${common[@]}" --patch gpt-freed-table-level-not-gathered >"$log" 2>&1
rc=$?
check "freed table level: exit 1" [ $rc -eq 1 ]
check "freed table level: FAIL verdict" has '^check-patch: FAIL: 1 corpus program(s) changed'
check "freed table level: the regression program changed" \
	has 'CHANGED: regressions/table-use-after-free--gpt-freed-table-level-not-gathered.textproto: clean before the patches, table-use-after-free at op #2 after'
check "freed table level: no fuzzing" has '^\[3/4\] fuzzing: skipped, --corpus-only'
check "freed table level: the replay command reproduces it" replays_uaf

log=$out.comment.log
bash "$src/ci/check-patch.sh" "${common[@]}" --patch "$src/tests/check-patch/gpt-comment-only.diff" >"$log" 2>&1
rc=$?
check "comment only: exit 0" [ $rc -eq 0 ]
check "comment only: PASS verdict" has '^check-patch: PASS'
check "comment only: no program changed" has ' 0 changed for the worse, 0 better'

log=$out.usage.log
bash "$src/ci/check-patch.sh" --kernel "$kernel" --corpus-only --out "$out" >"$log" 2>&1
rc=$?
check "--corpus-only without a patch: exit 2" [ $rc -eq 2 ]
check "--corpus-only without a patch: stopped before the build" eval '! has "^\[1/4\]"'

if [ $fail -gt 0 ]; then
	for l in "$out".buggy.log "$out".comment.log "$out".usage.log; do
		echo "---- $l"
		cat "$l"
	done
fi
echo "check-patch on the mainline tree, corpora only: $pass passed, $fail failed"
[ $fail -eq 0 ]
