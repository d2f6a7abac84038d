#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Line and branch coverage (llvm-cov) of single functions of the extracted
# iommu.c core, reached by a corpus replayed through the coverage build's
# CLI: kernel-coverage.sh's per-file numbers, for the few functions a
# change is about. Default: the core's page-size choice and its map and
# unmap loops.
#
# usage: core-function-coverage.sh COVERAGE_BUILD CORPUS_DIR... [-- FUNCTION...]
#   cmake --preset coverage && cmake --build --preset coverage
#   sh bench/core-function-coverage.sh build/coverage corpus/seeds
set -eu
build=$1
shift
dirs=""
while [ $# -gt 0 ] && [ "$1" != "--" ]; do
	dirs="$dirs $1"
	shift
done
[ $# -gt 0 ] && shift
funcs=${*:-iommu_pgsize __iommu_map __iommu_unmap}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# shellcheck disable=SC2086
find $dirs -type f ! -name EXPECTATIONS ! -name '*.md' | sort >"$tmp/inputs"
echo "corpus: $(wc -l <"$tmp/inputs") inputs from$dirs"
LLVM_PROFILE_FILE="$tmp/corpus-%p.profraw" xargs "$build/iotlbfuzz" replay --quiet \
	<"$tmp/inputs" >/dev/null 2>&1 || true
llvm-profdata merge -sparse "$tmp"/corpus-*.profraw -o "$tmp/corpus.profdata"
core=$(find "$build/kernels" -path '*default-gen*' -name iommu_core.c)

# static functions are reported as "iommu_core.c:name"
llvm-cov report -show-functions "$build/iotlbfuzz" \
	-instr-profile="$tmp/corpus.profdata" "$core" >"$tmp/report"
awk -v want="$funcs" '
	BEGIN { n = split(want, w, " "); for (i = 1; i <= n; i++) wanted[w[i]] = 1 }
	$1 == "Name" {
		printf "%-16s %6s %6s %8s %9s %6s %8s\n", "function", "lines",
			"miss", "cover", "branches", "miss", "cover"
	}
	{ name = $1; sub(/^.*:/, "", name) }
	name in wanted && NF >= 10 {
		printf "%-16s %6s %6s %8s %9s %6s %8s\n", name, $5, $6, $7, $8, $9, $10
	}' "$tmp/report"
