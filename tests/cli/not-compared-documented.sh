#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The table of what run-vs-run comparisons leave out (fuzz/run/compare/
# not_compared.h, as `iotlbfuzz list` prints it) and its explanation in
# docs/run.md name the same rules, each with the same comparison.
#
# usage: not-compared-documented.sh IOTLBFUZZ DOCS_RUN_MD
set -u
bin=$1
doc=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$bin" list | sed -n '/^not compared/,/^$/p' | sed 1d |
	awk 'NF { print $1, $2 }' | sort >"$work/table"
# shellcheck disable=SC2016 # markdown's backquotes, not a command
sed -n '/^## What is not compared/,/^## /p' "$doc" |
	sed -n 's/^| `\([a-z-]*\)` | \([a-z/-]*\) |.*/\1 \2/p' | sort >"$work/doc"
if [ ! -s "$work/table" ]; then
	echo "FAIL: iotlbfuzz list prints no 'not compared' rules"
	exit 1
fi
if ! diff -u "$work/table" "$work/doc"; then
	echo "FAIL: the rules above differ between iotlbfuzz list (-) and $doc (+)"
	exit 1
fi
echo "PASS: $(wc -l <"$work/table") rules, the same in the table and in $doc"
