#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Time to first detection of each seed bug (tests/fuzz/seed-bug-cases) by
# AFL++ from a one-input corpus: one afl-fuzz per (case, seed), on the
# persistent-mode target (fuzz/engines/afl_target.c) of the tree with the bug,
# until the first crash (AFL_BENCH_UNTIL_CRASH) or the cap. Byte-level
# AFL++ alone by default, as OSS-Fuzz runs it; the custom mutator on
# request. Seconds and executions come from the first crash's name
# (time:, execs:), so start-up is not counted; the crash is replayed to
# check its class. Prints per seed (seconds/execs), then the median and
# range, a seed that finds nothing counting at the cap.
#
# usage: afl-seed-bug-detection.sh [options] BUILD_DIR DEFAULT_RELEASE
#   --seeds N           seeds 1..N (default 10)
#   --cap S             seconds per run before giving up (default 300)
#   --custom-mutator    load BUILD_DIR/iotlbfuzz-afl-mutator.so
#   --input newline|empty-program   the one input (default newline: one
#                       byte 0x0a, no knowledge of the format; empty-program:
#                       the byte 0xb7, the byte form with no operations)
#   --dict FILE         an AFL++ dictionary (-x)
#   --only REGEX        cases whose "name driver" matches (grep -E)
set -u
nseeds=10
cap=300
custom=
input=newline
dict=
only=
while [ $# -gt 2 ]; do
	case $1 in
	--seeds) nseeds=$2; shift 2 ;;
	--cap) cap=$2; shift 2 ;;
	--custom-mutator) custom=1; shift ;;
	--input) input=$2; shift 2 ;;
	--dict) dict=$2; shift 2 ;;
	--only) only=$2; shift 2 ;;
	*) break ;;
	esac
done
[ $# -eq 2 ] || { sed -n 's/^# \{0,1\}//; /^usage/,/^$/p' "$0" >&2; exit 2; }
build=$1
release=$2
cases=$(dirname "$0")/../tests/fuzz/seed-bug-cases

. "$(dirname "$0")/../tests/fuzz/seed-bug-trees.sh"

# afl-fuzz on a machine without root tuning, quiet, one core per run
export AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 \
	AFL_NO_UI=1 AFL_NO_AFFINITY=1 AFL_BENCH_UNTIL_CRASH=1
if [ -n "$custom" ]; then
	AFL_CUSTOM_MUTATOR_LIBRARY=$(cd "$build" && pwd)/iotlbfuzz-afl-mutator.so
	export AFL_CUSTOM_MUTATOR_LIBRARY
fi

median() { # numbers on stdin
	sort -g | awk '{ v[NR] = $1 } END {
		if (NR % 2) print v[(NR + 1) / 2];
		else printf "%g\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

range() { # numbers on stdin -> min-max
	sort -g | awk 'NR == 1 { lo = $1 } { hi = $1 } END { if (NR) print lo "-" hi }'
}

printf '%-5s %-16s %-18s %5s %9s %11s %11s %13s\n' case driver class found \
	"s(med)" "s(range)" "execs(med)" "execs(range)"
# shellcheck disable=SC2034 # the fixed tree and libFuzzer's budget: unused here
while read -r name buggy fixed driver classes env runs; do
	case $name in '#'* | '') continue ;; esac
	[ -n "$only" ] && ! echo "$name $driver" | grep -qE "$only" && continue
	bin=$build/iotlbfuzz_afl
	b=$(tree "$buggy")
	[ -n "$b" ] && bin=$bin-$release$b
	[ "$env" = - ] && env=
	pin=""
	[ "$driver" != - ] && pin="IOTLBFUZZ_DRIVER=$driver"
	# a tree this build lacks (NP: the release preset only)
	[ -x "$bin" ] || { echo "$name: no $bin, skipped"; continue; }
	secs=
	execs=
	detail=
	found=0
	misses=0
	wrong=
	seed=1
	while [ "$seed" -le "$nseeds" ]; do
		d=$(mktemp -d)
		mkdir "$d/in"
		case $input in
		newline) printf '\n' >"$d/in/input" ;;
		empty-program) printf '\267' >"$d/in/input" ;;
		*) echo "--input: newline or empty-program" >&2; exit 2 ;;
		esac
		# the mutator library learns the pinned model's formats this way
		menv=
		[ -n "$custom" ] && [ -n "$pin" ] && menv=$(env $pin \
			"$build/iotlbfuzz" list --mutator-env | tr '\n' ' ')
		# shellcheck disable=SC2086
		env $env $menv $pin afl-fuzz -i "$d/in" -o "$d/out" \
			-s "$seed" -V "$cap" ${dict:+-x "$dict"} -- "$bin" \
			>"$d/log" 2>&1
		crash=$(find "$d/out/default/crashes" -name 'id:*' 2>/dev/null | sort | head -n 1)
		if [ -n "$crash" ]; then
			msec=$(echo "$crash" | sed -n 's/.*,time:\([0-9]*\),.*/\1/p')
			n=$(echo "$crash" | sed -n 's/.*,execs:\([0-9]*\),.*/\1/p')
			s=$(echo "$msec" | awk '{ printf "%.1f", $1 / 1000 }')
			# shellcheck disable=SC2086
			# (the shell's "Aborted" goes to /dev/null with its stderr)
			cls=$(sh -c '"$@" 2>&1; :' sh env $env $pin \
				"$bin" "$crash" 2>/dev/null | sed -n 's/^ASSERTION FAILURE: \([a-z-]*\):.*/\1/p' | head -n 1)
			secs="$secs $s"
			execs="$execs $n"
			if echo ",$classes," | grep -q ",${cls:-none},"; then
				found=$((found + 1))
				detail="$detail $s/$n"
			else
				# another bug first: still a detection, but say so
				wrong="$wrong ${cls:-no-replay}"
				detail="$detail $s/$n=${cls:-no-replay}"
			fi
		else
			# a miss counts at the cap: the median is then a lower bound
			n=$(sed -n 's/^execs_done *: //p' "$d/out/default/fuzzer_stats" 2>/dev/null)
			secs="$secs $cap"
			execs="$execs ${n:-0}"
			misses=$((misses + 1))
			detail="$detail none/${n:-?}"
		fi
		rm -rf "$d"
		seed=$((seed + 1))
	done
	ms=$(echo "$secs" | tr ' ' '\n' | grep . | median)
	[ $((misses * 2)) -ge "$nseeds" ] && ms=">$ms"
	rs=$(echo "$secs" | tr ' ' '\n' | grep . | range)
	me=$(echo "$execs" | tr ' ' '\n' | grep . | median)
	re=$(echo "$execs" | tr ' ' '\n' | grep . | range)
	printf '%-5s %-16s %-18s %2s/%-2s %9s %11s %11s %13s  s/execs:%s%s\n' \
		"$name" "$driver" "${classes%%,*}" "$found" "$nseeds" "${ms:--}" \
		"${rs:--}" "${me:--}" "${re:--}" "$detail" "${wrong:+ (other classes:$wrong)}"
done <"$cases"
