#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# What the libFuzzer targets keep of rejected programs (rejected() in
# fuzz/engines/libfuzzer_target.c), whatever the libFuzzer: clang 14's ignores a
# -1 return. From a seed over the work budget (its mutants mostly are too,
# and many others are rejected), a bounded run of each target writes its
# new inputs to an empty directory, and every one is replayed:
# - the structured target kept no program rejected after it began to run;
# - the plain target kept none over the work budget;
# - both kept new inputs, the structured target some that run (the check
#   has something to judge).
#
# usage: rejected-not-kept.sh CLI FUZZER STRUCTURED_FUZZER PROTOC SRC_DIR
set -eu
cli=$1
plain=$2
structured=$3
protoc=$4
src=$5
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
fail=0

mkdir "$work/seed"
grep -v '^#' "$src/corpus/bad/work-budget-amd-empty-tables.textproto" |
	"$protoc" --encode=iotlbfuzz.Program -I"$src/proto" program.proto \
		>"$work/seed/over-budget.pb"
# and bytes that do not decode, as a campaign from nothing starts with: they
# keep their edges, and libFuzzer stops a campaign whose first inputs bring
# no feature at all (a rejected program brings none)
printf '\377\377\377' >"$work/seed/undecodable"
"$cli" replay --quiet "$work/seed/over-budget.pb" | grep -q 'over the work budget' || {
	echo "FAIL: the seed is not over the work budget"
	exit 1
}

check() { # name fuzzer forbidden-regex must-run
	out=$work/$1
	mkdir "$out"
	"$2" -runs=3000 -seed=1 -timeout=10 "$out" "$work/seed" >"$work/$1.log" 2>&1 || {
		echo "FAIL: $1: the run failed"
		tail -n 20 "$work/$1.log"
		fail=1
		return
	}
	n=$(find "$out" -type f | wc -l)
	[ "$n" -gt 0 ] || { echo "FAIL: $1: kept nothing"; fail=1; return; }
	"$cli" replay --digest "$out"/* >"$work/$1.replay" 2>&1 || true
	ran=$(grep -cvE '^[^ ]*: rejected ' "$work/$1.replay" || true)
	bad=$(grep -cE "$3" "$work/$1.replay" || true)
	if [ "$4" = must-run ] && [ "$ran" -eq 0 ]; then
		echo "FAIL: $1: none of its $n inputs runs"
		fail=1
	elif [ "$bad" -ne 0 ]; then
		echo "FAIL: $1: kept $bad rejected programs of $n:"
		grep -E "$3" "$work/$1.replay" | head -n 5
		fail=1
	else
		echo "PASS: $1: $n inputs kept, $ran run, none rejected that it drops"
	fi
}

# the structured target: a rejection after work was done (an input that
# does not decode is rejected before any, and is kept on purpose; one
# refused before its first op is not told apart and not judged)
check structured "$structured" '^[^ ]*: rejected .* work [1-9]' must-run
# the plain target: over the budget (its other rejected inputs are kept as
# stepping stones, so it need not keep one that runs)
check plain "$plain" '^[^ ]*: rejected .*over the work budget' -
exit "$fail"
