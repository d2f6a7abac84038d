#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The tree probes share one child process (impl/kernel/tree_probes.c). A
# probe whose kernel code crashes, BUGs or loops must leave only its own
# trait undecided, say why, and every other probe, before or after it,
# must decide as it does when nothing goes wrong. The faults come from
# IOTLBFUZZ_PROBE_FAULT, at the first, a middle and the last probe.
#
# usage: probe-fault.sh IOTLBFUZZ
set -u
cli=$1
pass=0
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { pass=$((pass + 1)); echo "PASS $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; }

# "trait state" for every trait of a list output, in order
states() {
	sed -n '/^trait decisions/,/^$/p' | awk 'NF >= 2 && $2 ~ /^(present|absent|undecided)$/ { print $1, $2 }'
}

clean=$("$cli" list | states)
traits=$(printf '%s\n' "$clean" | awk '{ print $1 }')
n=$(printf '%s\n' "$traits" | wc -l)
if [ "$n" -lt 3 ] || printf '%s\n' "$clean" | grep -q ' undecided$'; then
	echo "FAIL: the clean run must decide at least 3 traits, all of them:"
	printf '%s\n' "$clean"
	exit 1
fi
first=$(printf '%s\n' "$traits" | head -n 1)
middle=$(printf '%s\n' "$traits" | sed -n "$(((n + 1) / 2))p")
last=$(printf '%s\n' "$traits" | tail -n 1)

# fault TRAIT KIND WHY: only TRAIT undecided, for WHY (an extended regex)
fault() {
	out=$(IOTLBFUZZ_PROBE_FAULT="$1:$2" "$cli" list)
	got=$(printf '%s\n' "$out" | states)
	want=$(printf '%s\n' "$clean" | sed "s/^$1 .*/$1 undecided/")
	if [ "$got" = "$want" ]; then
		ok "$2 in $1's probe: only $1 undecided"
	else
		bad "$2 in $1's probe: the traits differ from the clean run's but for $1:"
		printf '%s\n' "$want" >"$tmp/want"
		printf '%s\n' "$got" | diff "$tmp/want" - | sed 's/^/    /'
	fi
	if printf '%s\n' "$out" | grep -Eq "^  $1 .*undecided .*$3"; then
		ok "$2 in $1's probe: says '$3'"
	else
		bad "$2 in $1's probe: does not say '$3':"
		printf '%s\n' "$out" | grep "^  $1 " | sed 's/^/    /'
	fi
}

# a sanitizer catches the signal and exits with its own status
fault "$first" segv "the probe (died of signal 11|exited with [1-9][0-9]*)"
fault "$middle" bug "the kernel code hit a BUG"
fault "$last" loop "the probe did not finish in"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
