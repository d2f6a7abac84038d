#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Executions per CPU second and peak RSS of each libFuzzer target of one
# build: the plain target, the structure-aware one and the bare target
# (kernel map/unmap path only), each started from the same corpus for a
# fixed number of runs. CPU time (user + sys), not wall time, so that the
# figures hold on a shared machine. A benchmark: it asserts nothing.
#
# usage: fuzzer-rates.sh BUILD_DIR CORPUS_DIR [RUNS]
set -eu

build=$1
corpus=$2
runs=${3:-50000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

printf '%-28s %10s %8s %12s %12s\n' target executions "CPU s" "exec/CPU s" "peak RSS MB"
for t in iotlbfuzz_fuzzer iotlbfuzz_fuzzer_structured bench/iotlbfuzz_bare_fuzzer; do
	bin=$build/$t
	[ -x "$bin" ] || { echo "$bin: not built" >&2; continue; }
	rm -rf "$work/corpus"
	mkdir "$work/corpus"
	cp "$corpus"/* "$work/corpus/"
	/usr/bin/time -f '%U %S %M' -o "$work/time" \
		"$bin" -runs="$runs" -seed=7 -print_final_stats=1 \
		"$work/corpus" >"$work/log" 2>&1 || {
		echo "$t: failed, see below" >&2
		tail -n 20 "$work/log" >&2
		continue
	}
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log")
	rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$work/log")
	read -r user sys maxkb <"$work/time"
	awk -v t="$(basename "$t")" -v n="$execs" -v u="$user" -v s="$sys" \
		-v rss="$rss" -v kb="$maxkb" 'BEGIN {
		cpu = u + s
		printf "%-28s %10d %8.2f %12.0f %12s\n", t, n, cpu, n / cpu, \
			rss " (" int(kb / 1024) ")"
	}'
done
echo "(peak RSS: libFuzzer's stat::peak_rss_mb, in parentheses time's maximum resident set)"
