#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# No state may carry over from one input to the next: every observable of a
# run (outcome, op, message, findings, WARNs, work, event counts) must be
# the same whether an input runs in a process of its own, after every other
# input of the corpus, or after them in the reverse order.
#
# The inputs: the repository corpus (seeds, regressions, findings, bad
# inputs) and, when a fuzz target is given, what it generates from nothing
# in a fixed number of runs (programs over every driver model).
#
# usage: one-process-vs-many.sh IOTLBFUZZ SOURCE_DIR [FUZZER RUNS]
set -u
cli=$1
src=$2
fuzzer=${3:-}
runs=${4:-2000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ls "$src"/corpus/seeds/*.textproto "$src"/corpus/regressions/*.textproto \
	"$src"/corpus/findings/*.textproto "$src"/corpus/bad/*.textproto \
	"$src"/corpus/bad/*.bin >"$tmp/files"
if [ -n "$fuzzer" ]; then
	mkdir "$tmp/gen"
	# crashes are inputs too: keep going past them, keep them
	"$fuzzer" -runs="$runs" -seed=1 -max_len=4096 -ignore_crashes=1 \
		-fork=1 -artifact_prefix="$tmp/gen/" "$tmp/gen" \
		>"$tmp/fuzz.log" 2>&1 || true
	ls "$tmp"/gen/* >>"$tmp/files" 2>/dev/null
fi
n=$(wc -l <"$tmp/files")
echo "inputs: $n"
[ "$n" -gt 0 ] || { echo "FAIL: no inputs"; exit 1; }

# shellcheck disable=SC2046
"$cli" replay --digest $(cat "$tmp/files") >"$tmp/forward" 2>/dev/null
# shellcheck disable=SC2046
"$cli" replay --digest $(sort -r "$tmp/files") >"$tmp/reverse" 2>/dev/null
while read -r f; do
	"$cli" replay --digest "$f" 2>/dev/null
done <"$tmp/files" >"$tmp/separate"

status=0
for order in forward reverse separate; do
	lines=$(wc -l <"$tmp/$order")
	if [ "$lines" -ne "$n" ]; then
		echo "FAIL: $order: $lines digests for $n inputs (a crash?)"
		status=1
	fi
	sort "$tmp/$order" >"$tmp/$order.sorted"
done
for order in forward reverse; do
	if ! cmp -s "$tmp/$order.sorted" "$tmp/separate.sorted"; then
		echo "FAIL: one process ($order order) differs from one process per input:"
		diff "$tmp/separate.sorted" "$tmp/$order.sorted" | head -n 20
		status=1
	fi
done
echo "outcomes: $(cut -d' ' -f2 "$tmp/separate.sorted" | sort | uniq -c | tr -s ' ' | tr '\n' ';')"
[ "$status" -eq 0 ] && echo "PASS: $n inputs, the same in one process (both orders) and one per input"
exit "$status"
