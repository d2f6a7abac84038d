#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The fuzz target finds each seed bug of the 2026 threads from an empty
# corpus, with a fixed seed and a bounded number of runs, on the tree that
# has the bug, and finds nothing in the same budget on the tree that fixes
# it. Deterministic: libFuzzer with -seed and -runs, one process. The cases
# and their budgets are in seed-bug-cases (virtio-iommu is experimental:
# the fuzz target runs it only when IOTLBFUZZ_DRIVER names it, as here;
# a driver of - pins none). The crash each case leaves is replayed with
# the tree's CLI, which must say the same class (and return: a hang would
# be stopped by the watchdog and fail the comparison). A case that runs a
# deliberately broken glue (a contract rule's regression) must be found by
# the structured target as well, within the same budget.
#
# usage: finds-seed-bugs.sh BUILD_DIR DEFAULT_RELEASE
set -u
build=$1
release=$2
cases=$(dirname "$0")/seed-bug-cases
pass=0
fail=0

. "$(dirname "$0")/seed-bug-trees.sh"

# Sets found (the class, or empty), at (the run) and replayed: what
# `iotlbfuzz replay` of the crash the fuzzer saved says, for cases without
# an environment of their own (the CLI takes flags, not the environment).
fuzz() { # tree-suffix driver env runs [mutant]
	d=$(mktemp -d)
	bin=$build/${target:-iotlbfuzz_fuzzer}
	cli=$build/iotlbfuzz
	[ -n "$1" ] && bin=$bin-$release$1 && cli=$cli-$release$1
	replayed=-
	pin=""
	[ "$2" != - ] && pin="IOTLBFUZZ_DRIVER=$2"
	[ "${5:-}" = mutant ] && pin="$pin IOTLBFUZZ_ALLOW_MUTANTS=1"
	if [ "$3" = - ]; then
		set -- "$1" "$2" "" "$4"
	else
		replayed=""
	fi
	# shellcheck disable=SC2086
	env $3 $pin "$bin" \
		-seed=1 -runs="$4" -artifact_prefix="$d/" "$d/" >"$d/log" 2>&1
	found=$(sed -n 's/^ASSERTION FAILURE: \([a-z-]*\):.*/\1/p' "$d/log" | head -n 1)
	at=$(grep -oE '^#[0-9]+' "$d/log" | tail -n 1)
	crash=$(ls "$d"/crash-* 2>/dev/null | head -n 1)
	if [ -n "$found" ] && [ -n "$crash" ] && [ "$replayed" = - ]; then
		driver_flag=""
		[ "$2" != - ] && driver_flag="--driver $2"
		# shellcheck disable=SC2086
		replayed=$("$cli" replay --quiet $driver_flag "$crash" 2>/dev/null |
			sed -n 's/^.*: \([a-z-]*\) at op #.*$/\1/p' | head -n 1)
	fi
	rm -rf "$d"
}

# One case on one fuzz target ($target).
run_case() { # name buggy-suffix fixed-suffix driver fixed-driver classes env runs mutant
	label=$1
	[ "${target:-iotlbfuzz_fuzzer}" != iotlbfuzz_fuzzer ] && label="$1 (${target#iotlbfuzz_})"
	fuzz "$2" "$4" "$7" "$8" "$9"
	if echo ",$6," | grep -q ",${found:-none},"; then
		pass=$((pass + 1))
		echo "PASS $label: $4 on $release$2 -> $found (by run ${at#\#})"
		if [ -z "$replayed" ]; then
			:
		elif [ "$replayed" = "$found" ]; then
			pass=$((pass + 1))
			echo "PASS $label: iotlbfuzz replay of the crash -> $replayed"
		else
			fail=$((fail + 1))
			echo "FAIL $label: iotlbfuzz replay of the crash -> ${replayed:-something else}, the fuzzer said $found"
		fi
	else
		fail=$((fail + 1))
		echo "FAIL $label: $4 on $release$2 -> ${found:-nothing} in $8 runs, expected $6"
	fi
	fuzz "$3" "$5" "$7" "$8"
	if [ -z "$found" ]; then
		pass=$((pass + 1))
		echo "PASS $label fixed: $5 on $release$3 -> nothing in $8 runs"
	else
		fail=$((fail + 1))
		echo "FAIL $label fixed: $5 on $release$3 -> $found"
	fi
}

while read -r name buggy fixed driver classes env runs targets; do
	case $name in '#'* | '') continue ;; esac
	b=$(tree "$buggy")
	f=$(tree "$fixed")
	# BROKEN/FIXED: a mutant glue, then the model it breaks
	fixed_driver=${driver#*/}
	mutant=
	[ "$fixed_driver" != "$driver" ] && mutant=mutant && driver=${driver%%/*}
	# structured: a bug behind a configuration byte the plain target
	# seldom writes; only the structured target's budget is bounded
	if [ "${targets:-}" != structured ]; then
		target=iotlbfuzz_fuzzer
		run_case "$name" "$b" "$f" "$driver" "$fixed_driver" "$classes" "$env" "$runs" "$mutant"
	fi
	# a contract rule's mutant must be found by the structured target too
	if [ -n "$mutant" ]; then
		target=iotlbfuzz_fuzzer_structured
		run_case "$name" "$b" "$f" "$driver" "$fixed_driver" "$classes" "$env" "$runs" "$mutant"
	fi
done <"$cases"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
