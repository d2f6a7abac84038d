#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Executions per CPU second and peak RSS of each libFuzzer target of one
# build (the plain target, the structure-aware one and the bare targets:
# kernel map/unmap path only, with byte and with structured mutation),
# each started from the same corpus for a fixed number of runs, once per
# seed; then how long the corpus's programs take through the whole runner
# in a warm process (median, p99 and max of CPU ms per program). Each
# target also runs once with -runs=1, which only loads the corpus
# (libFuzzer runs every corpus file first): its CPU time is the load's,
# and the rest of the full run is the mutation phase, reported apart. A
# run of a few thousand runs from a big corpus is mostly its load, where
# a long campaign is mostly mutation. CPU time
# (user + sys), not wall time, so that the figures hold on a shared
# machine. A benchmark: it asserts nothing. A target that
# fails is reported in its row, the others still run; the exit status is
# 1 if one did.
#
# usage: fuzzer-rates.sh [--side-by-side] BUILD_DIR CORPUS_DIR [RUNS] [SEEDS]
#   RUNS   runs per process (default 20000)
#   SEEDS  libFuzzer seeds 1..SEEDS (default 5)
#   --side-by-side  each full target runs at the same time as its bare
#          counterpart (plain with bare, structured with bare structured),
#          one per core: on a machine whose speed drifts (a shared VM),
#          the two sides of a ratio then see the same machine. Needs two
#          cores; the rates are each process's own CPU time, as always.
# Example (docs/benchmarks.md): sh bench/fuzzer-rates.sh build/asan \
#   build/asan/corpus/seeds 20000 5
set -u

side_by_side=false
if [ "${1:-}" = --side-by-side ]; then
	side_by_side=true
	shift
fi
build=$1
corpus=$2
runs=${3:-20000}
nseeds=${4:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
targets="iotlbfuzz_fuzzer iotlbfuzz_fuzzer_structured bench/iotlbfuzz_bare_fuzzer bench/iotlbfuzz_bare_fuzzer_structured"
failed=0

# start_target BIN RUNS SEED SLOT: a fresh copy of the corpus in the slot's
# own directory, then the target (the caller waits)
start_target() {
	rm -rf "$work/$4"
	mkdir -p "$work/$4/corpus"
	cp "$corpus"/* "$work/$4/corpus/"
	/usr/bin/time -f '%U %S %M' -o "$work/$4/time" \
		"$1" -runs="$2" -seed="$3" -print_final_stats=1 \
		-artifact_prefix="$work/$4/" "$work/$4/corpus" >"$work/$4/log" 2>&1
	echo $? >"$work/$4/rc"
}

# result SLOT: sets rc, execs, rss, cpu (user + sys) and maxkb
result() {
	rc=$(cat "$work/$1/rc")
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$1/log")
	rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$work/$1/log")
	read -r user sys maxkb <<-EOT
	$(tail -n 1 "$work/$1/time")
	EOT
	cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')
}

# report NAME SEED SLOT_FULL SLOT_LOAD: the row of one target and seed from
# its full run and its load-only run (-runs=1)
report() {
	result "$3"
	if [ "$rc" -ne 0 ]; then
		printf '%-33s %4s %s\n' "$1" "$2" "FAILED (exit status $rc), its log's end:"
		tail -n 20 "$work/$3/log" | sed 's/^/    /'
		failed=1
		return
	fi
	n=$execs full_cpu=$cpu full_rss=$rss full_kb=$maxkb
	result "$4"
	[ "$rc" -eq 0 ] || { execs=; cpu=; }
	awk -v t="$1" -v s="$2" -v n="$n" -v cpu="$full_cpu" \
		-v rss="$full_rss" -v kb="$full_kb" -v ln="$execs" -v lc="$cpu" 'BEGIN {
		mut = "-"
		if (ln != "" && n > ln && cpu > lc)
			mut = sprintf("%.0f", (n - ln) / (cpu - lc))
		printf "%-33s %4d %10d %8.2f %12.0f %12s %8s %12s\n", t, s, n, cpu, \
			(cpu > 0 ? n / cpu : 0), rss " (" int(kb / 1024) ")", \
			(lc != "" ? sprintf("%.2f", lc) : "-"), mut
	}' | tee -a "$work/rows"
}

echo "build $build, corpus $corpus ($(find "$corpus" -type f | wc -l) programs), $runs runs, seeds 1..$nseeds$($side_by_side && echo ', each full target side by side with its bare one')"
printf '%-33s %4s %10s %8s %12s %12s %8s %12s\n' target seed executions "CPU s" "exec/CPU s" \
	"peak RSS MB" "load s" "mutation e/s"
if $side_by_side; then
	for pair in "iotlbfuzz_fuzzer bench/iotlbfuzz_bare_fuzzer" \
		"iotlbfuzz_fuzzer_structured bench/iotlbfuzz_bare_fuzzer_structured"; do
		set -- $pair
		if [ ! -x "$build/$1" ] || [ ! -x "$build/$2" ]; then
			printf '%-33s %4s %s\n' "$(basename "$1")" - "not built (or its bare target)"
			continue
		fi
		seed=1
		while [ "$seed" -le "$nseeds" ]; do
			start_target "$build/$1" "$runs" "$seed" full &
			start_target "$build/$2" "$runs" "$seed" bare &
			wait
			start_target "$build/$1" 1 "$seed" full-load &
			start_target "$build/$2" 1 "$seed" bare-load &
			wait
			report "$(basename "$1")" "$seed" full full-load
			report "$(basename "$2")" "$seed" bare bare-load
			seed=$((seed + 1))
		done
	done
else
	for t in $targets; do
		name=$(basename "$t")
		bin=$build/$t
		if [ ! -x "$bin" ]; then
			printf '%-33s %4s %s\n' "$name" - "not built"
			continue
		fi
		seed=1
		while [ "$seed" -le "$nseeds" ]; do
			start_target "$bin" "$runs" "$seed" full
			start_target "$bin" 1 "$seed" load
			report "$name" "$seed" full load
			seed=$((seed + 1))
		done
	done
fi
echo "(peak RSS: libFuzzer's stat::peak_rss_mb, in parentheses time's maximum resident set)"

# Each full target against each bare one with the same seed. The bare
# target with byte mutation runs the plain target's kind of inputs (from a
# program corpus mostly bytes that do not decode); the bare structured one
# runs programs made by the same mutator as the structured target's.
if [ -s "$work/rows" ]; then
	echo
	awk '{ rate[$1 " " $2] = $5; if ($9 != "-") mrate[$1 " " $2] = $9 }
	function lowest(r, t, b,    k, p, q, min) {
		min = -1
		for (k in r) {
			split(k, p, " ")
			if (p[1] != t || !((b " " p[2]) in r)) continue
			q = r[k] / r[b " " p[2]]
			if (min < 0 || q < min) min = q
		}
		return min
	}
	function shown(r) { return r < 0 ? "-" : sprintf("%.2f", r) }
	function row(t, b) {
		printf "%-28s to %-33s %5s %8s\n", t, b, shown(lowest(rate, t, b)), \
			shown(lowest(mrate, t, b))
	}
	END {
		printf "%-65s %5s %8s\n", "lowest exec/CPU s ratio over the seeds", "whole", "mutation"
		row("iotlbfuzz_fuzzer", "iotlbfuzz_bare_fuzzer")
		row("iotlbfuzz_fuzzer_structured", "iotlbfuzz_bare_fuzzer")
		row("iotlbfuzz_fuzzer_structured", "iotlbfuzz_bare_fuzzer_structured")
	}' "$work/rows"
fi

# How long the corpus's programs take through the whole runner.
replay=$build/bench/iotlbfuzz_bench_replay
if [ -x "$replay" ]; then
	# two rounds: the times are the second's, in a warm process
	IOTLBFUZZ_BENCH_TIMES=$work/times "$replay" 2 "$corpus"/* >/dev/null 2>&1 &&
		sort -g "$work/times" | awk '{ v[NR] = $1; f[NR] = $2 } END {
			if (!NR) exit
			p99 = int(NR * 0.99 + 0.5); if (p99 < 1) p99 = 1
			printf "\nper program through the runner (%d programs, CPU ms): median %.3f, p99 %.3f, max %.3f (%s)\n",
				NR, v[int((NR + 1) / 2)], v[p99], v[NR], f[NR]
		}'
else
	echo "$replay: not built, no per-program times"
fi
exit "$failed"
