#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# check-patch's minimizer of behaviour changes
# (iotlbfuzz_differential_minimize-<release>) against libFuzzer's
# -minimize_crash=1 on the differential target, on the same crashes: the
# first crash of every driver model a check-patch run found changed
# (<out>/differential/<model>/crashes). libFuzzer runs as check-patch ran
# it before: pinned to the model, IOTLBFUZZ_DIFF_ONLY=<the change's kind>,
# -max_total_time=15 -runs=20000. Prints a markdown table: operations
# before and after (counted with `iotlbfuzz print`), wall-clock seconds of
# each whole command, and whether each result still shows the change.
#
# usage: minimize-differential.sh CHECK_PATCH_OUT
#   (the build inside it has both binaries: check-patch builds them)
set -u
out=$(cd "$1" && pwd)
build=$out/build
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
diff_target=$(ls "$build"/iotlbfuzz_differential-* 2>/dev/null | head -n 1)
minimizer=$(ls "$build"/iotlbfuzz_differential_minimize-* 2>/dev/null | head -n 1)
cli=$build/iotlbfuzz
if [ ! -x "$diff_target" ] || [ ! -x "$minimizer" ]; then
	echo "no differential target or minimizer in $build" >&2
	exit 2
fi

now() { date +%s.%N; }
elapsed() { echo "$1 $2" | awk '{ printf "%.3f", $2 - $1 }'; }
ops() { "$cli" print "$1" 2>/dev/null | grep -c '^ops {'; }
still() { # model kind file
	IOTLBFUZZ_DRIVER=$1 "$diff_target" "$3" 2>&1 |
		grep -q "^ASSERTION FAILURE: behaviour-change: $1: $2 at op" && echo yes || echo NO
}

echo "| model | kind | ops | ours: ops | ours: s | ours: keeps it | libFuzzer: ops | libFuzzer: s | libFuzzer: keeps it |"
echo "|---|---|---:|---:|---:|---|---:|---:|---|"
t_ours=0
t_lf=0
n=0
for dir in "$out"/differential/*/; do
	model=$(basename "$dir")
	crash=$(find "$dir/crashes" -name 'crash-*' 2>/dev/null | sort | head -n 1)
	[ -n "$crash" ] || continue
	kind=$(sed -n "s/^ASSERTION FAILURE: behaviour-change: [^:]*: \([a-z-]*\) at op .*/\1/p" "$dir/fuzz.log" | head -n 1)
	[ -n "$kind" ] || continue
	s=$(now)
	IOTLBFUZZ_DRIVER=$model "$minimizer" -o "$work/$model.ours" "$crash" >/dev/null 2>&1
	e=$(now)
	ours_s=$(elapsed "$s" "$e")
	s=$(now)
	IOTLBFUZZ_DRIVER=$model IOTLBFUZZ_DIFF_ONLY=$kind UBSAN_OPTIONS=dedup_token_length=10 \
		"$diff_target" -minimize_crash=1 -max_total_time=15 -runs=20000 -timeout=10 \
		-exact_artifact_path="$work/$model.lf" "$crash" >/dev/null 2>&1
	e=$(now)
	lf_s=$(elapsed "$s" "$e")
	[ -s "$work/$model.lf" ] || cp "$crash" "$work/$model.lf"
	echo "| $model | $kind | $(ops "$crash") | $(ops "$work/$model.ours") | $ours_s | $(still "$model" "$kind" "$work/$model.ours") | $(ops "$work/$model.lf") | $lf_s | $(still "$model" "$kind" "$work/$model.lf") |"
	t_ours=$(echo "$t_ours $ours_s" | awk '{ print $1 + $2 }')
	t_lf=$(echo "$t_lf $lf_s" | awk '{ print $1 + $2 }')
	n=$((n + 1))
done
echo
echo "$n minimizations: ours $t_ours s in all, libFuzzer's $t_lf s"
