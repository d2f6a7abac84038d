#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Time to first detection of each seed bug (tests/fuzz/seed-bug-cases) from
# an empty corpus: one libFuzzer process per (case, seed), on the tree with
# the bug, until the first crash or a cap of 50 times the test's budget.
# Prints runs and wall seconds per seed, then the median and range. Only a
# crash of the case's own classes counts; another class stops the run
# without a detection (and is listed).
#
# usage: seed-bug-detection.sh BUILD_DIR DEFAULT_RELEASE [SEEDS] [FUZZER]
#   SEEDS: how many seeds (1..SEEDS), default 5
#   FUZZER: iotlbfuzz_fuzzer (default) or iotlbfuzz_fuzzer_structured
set -u
build=$1
release=$2
nseeds=${3:-5}
fuzzer=${4:-iotlbfuzz_fuzzer}
cases=$(dirname "$0")/../tests/fuzz/seed-bug-cases

. "$(dirname "$0")/../tests/fuzz/seed-bug-trees.sh"

median() { # numbers on stdin
	sort -g | awk '{ v[NR] = $1 } END {
		if (NR % 2) print v[(NR + 1) / 2];
		else printf "%g\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

printf '%-5s %-16s %-20s %10s %9s  %s\n' case driver class "runs(med)" "s(med)" "per seed: runs/seconds"
while read -r name buggy fixed driver classes env runs _targets; do
	case $name in '#'* | '') continue ;; esac
	bin=$build/$fuzzer
	b=$(tree "$buggy")
	[ -n "$b" ] && bin=$bin-$release$b
	[ "$env" = - ] && env=
	# BROKEN/FIXED (tests/fuzz/seed-bug-cases): detection runs the mutant
	mutant=
	[ "${driver#*/}" != "$driver" ] && mutant=IOTLBFUZZ_ALLOW_MUTANTS=1 && driver=${driver%%/*}
	pin=""
	[ "$driver" != - ] && pin="IOTLBFUZZ_DRIVER=$driver $mutant"
	# a tree this build lacks (NP: the release preset only)
	[ -x "$bin" ] || { echo "$name: no $bin, skipped"; continue; }
	all_runs=
	all_secs=
	detail=
	class=
	other=
	seed=1
	while [ "$seed" -le "$nseeds" ]; do
		d=$(mktemp -d)
		t0=$(date +%s.%N)
		# shellcheck disable=SC2086
		env $env $pin "$bin" -seed="$seed" \
			-runs=$((runs * 50)) -print_final_stats=1 \
			-artifact_prefix="$d/" "$d/" >"$d/log" 2>&1
		t1=$(date +%s.%N)
		found=$(sed -n 's/^ASSERTION FAILURE: \([a-z-]*\):.*/\1/p' "$d/log" | head -n 1)
		# only the seed bug's own classes count as its detection
		case ",$classes," in
		*",$found,"*) ;;
		*) [ -n "$found" ] && other="$other $found"; found= ;;
		esac
		n=$(sed -n 's/^stat::number_of_executed_units: //p' "$d/log")
		s=$(echo "$t1 $t0" | awk '{ printf "%.1f", $1 - $2 }')
		if [ -n "$found" ]; then
			class=$found
			all_runs="$all_runs $n"
			all_secs="$all_secs $s"
			detail="$detail $n/$s"
		else
			detail="$detail none/$s"
		fi
		rm -rf "$d"
		seed=$((seed + 1))
	done
	mr=$(echo "$all_runs" | tr ' ' '\n' | grep . | median)
	ms=$(echo "$all_secs" | tr ' ' '\n' | grep . | median)
	printf '%-5s %-16s %-20s %10s %9s  %s\n' "$name" "$driver" "${class:-none}" "${mr:--}" "${ms:--}" "$detail"
	[ -z "$other" ] || echo "      (stopped by another class first:$other)"
done <"$cases"
