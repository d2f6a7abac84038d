#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Line and branch coverage (llvm-cov) of the extracted kernel files, reached
# by (a) the kernel's own tests under our shims and (b) a corpus (e.g. the
# one a 10-minute campaign left) replayed through the CLI, both from a
# coverage build (IOTLBFUZZ_COVERAGE=ON) of one tree:
#   - io-pgtable and the core: the io-pgtable selftests;
#   - on a tree with drivers/iommu/generic_pt: its files (the engine's
#     headers and fmt/iommu_<fmt>.c), against the tree's own KUnit suites.
#
# usage: kernel-coverage.sh COVERAGE_BUILD CORPUS_DIR...
#   cmake --preset coverage && cmake --build --preset coverage
#   sh bench/kernel-coverage.sh build/coverage out/corpus corpus/seeds
# For a generic_pt tree, configure the build on it, e.g.
#   cmake -S . -B build/coverage-7 -G Ninja -DCMAKE_C_COMPILER=clang \
#     -DIOTLBFUZZ_COVERAGE=ON -DIOTLBFUZZ_EXTRA_KERNELS= \
#     -DIOTLBFUZZ_KERNEL_SRC=/var/cache/iotlbfuzz/linux-source-7.tar.xz
# With KCOV_FUNCTIONS=<regex> (llvm-cov's -name-regex), also the line
# coverage the corpus alone gives each kernel function whose name matches.
set -eu
build=$1
shift
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

prof() { # name binary args...
	name=$1
	shift
	LLVM_PROFILE_FILE="$tmp/$name-%p.profraw" "$@" >"$tmp/$name.log" 2>&1 || true
	llvm-profdata merge -sparse "$tmp"/"$name"-*.profraw -o "$tmp/$name.profdata"
}

prof selftests "$build/iotlbfuzz_kselftest_default"
kunit=
if [ -x "$build/iotlbfuzz_kunit_default" ]; then
	kunit=$build/iotlbfuzz_kunit_default
	prof kunit "$kunit"
	echo "KUnit: $(grep -E 'passed, .* failed' "$tmp/kunit.log" || echo 'no summary: see its run')"
fi
# one process over every input: textprotos and binaries alike
find "$@" -type f ! -name EXPECTATIONS ! -name '*.md' | sort >"$tmp/inputs"
echo "corpus: $(wc -l <"$tmp/inputs") inputs from $*"
LLVM_PROFILE_FILE="$tmp/corpus-%p.profraw" xargs "$build/iotlbfuzz" replay --quiet \
	<"$tmp/inputs" >/dev/null 2>&1 || true
llvm-profdata merge -sparse "$tmp"/corpus-*.profraw -o "$tmp/corpus.profdata"

# Per file, on the lines and branches both binaries contain (the test
# binary also holds the tests' own code, which is not what is measured):
# covered by the kernel's tests, by the corpus, by either, and by the tests
# only (what fuzzing misses).
# usage: compare TEST_BINARY TEST_PROFILE LABEL FILES...
compare() {
	tbin=$1 tprof=$2 label=$3
	shift 3
	llvm-cov export -format=lcov "$tbin" -instr-profile="$tprof" "$@" \
		>"$tmp/suite.lcov"
	llvm-cov export -format=lcov "$build/iotlbfuzz" \
		-instr-profile="$tmp/corpus.profdata" "$@" >"$tmp/corpus.lcov"
	awk -v suite="$tmp/suite.lcov" -v label="$label" '
	FNR == 1 { who = (FILENAME == suite) ? "s" : "c" }
	/^SF:/ { n = split(substr($0, 4), p, "/"); f = p[n]; files[f] = 1; in_file[who, f] = 1 }
	/^DA:/ {
		split(substr($0, 4), a, ",")
		k = f SUBSEP a[1]
		seen[who, k] = 1
		if (a[2] > 0) hit[who, k] = 1
		lines[k] = f
	}
	/^BRDA:/ {
		split(substr($0, 6), a, ",")
		k = f SUBSEP a[1] SUBSEP a[2] SUBSEP a[3]
		bseen[who, k] = 1
		if (a[4] != "-" && a[4] > 0) bhit[who, k] = 1
		branches[k] = f
	}
	function pct(a, b) { return b ? sprintf("%5.1f%%", 100 * a / b) : "    -" }
	END {
		printf "%-22s %6s %8s %8s %8s %6s | %6s %8s %8s %8s %6s\n", "file", "lines",
			label, "fuzzing", "either", "t-only", "branch", label,
			"fuzzing", "either", "t-only"
		# a file the tests do not build (the core) counts as not reached
		for (k in lines) if (!in_file["s", lines[k]]) seen["s", k] = 1
		for (k in branches) if (!in_file["s", branches[k]]) bseen["s", k] = 1
		for (k in lines) if (seen["s", k] && seen["c", k]) {
			f = lines[k]; L[f]++; L["TOTAL"]++
			if (hit["s", k]) { LS[f]++; LS["TOTAL"]++ }
			if (hit["c", k]) { LC[f]++; LC["TOTAL"]++ }
			if (hit["s", k] || hit["c", k]) { LE[f]++; LE["TOTAL"]++ }
			if (hit["s", k] && !hit["c", k]) { LO[f]++; LO["TOTAL"]++ }
		}
		for (k in branches) if (bseen["s", k] && bseen["c", k]) {
			f = branches[k]; B[f]++; B["TOTAL"]++
			if (bhit["s", k]) { BS[f]++; BS["TOTAL"]++ }
			if (bhit["c", k]) { BC[f]++; BC["TOTAL"]++ }
			if (bhit["s", k] || bhit["c", k]) { BE[f]++; BE["TOTAL"]++ }
			if (bhit["s", k] && !bhit["c", k]) { BO[f]++; BO["TOTAL"]++ }
		}
		files["TOTAL"] = 1
		for (f in files) if (L[f])
			printf "%-22s %6d %8s %8s %8s %6d | %6d %8s %8s %8s %6d\n", f,
				L[f], pct(LS[f], L[f]), pct(LC[f], L[f]), pct(LE[f], L[f]), LO[f],
				B[f], pct(BS[f], B[f]), pct(BC[f], B[f]), pct(BE[f], B[f]), BO[f]
	}' "$tmp/suite.lcov" "$tmp/corpus.lcov" | sort -k1,1 | awk '/^file/ { print; next } { a[NR] = $0 } END { for (i in a) if (a[i] !~ /^TOTAL/) print a[i]; for (i in a) if (a[i] ~ /^TOTAL/) print a[i] }'
}

kfiles=$(find "$build/kernels" -path '*pristine*' -name 'io-pgtable*.c' | sort)
kfiles="$kfiles $(find "$build/kernels" -name iommu_core.c | sort)"
echo
echo "io-pgtable and the core: the io-pgtable selftests against the corpus"
# shellcheck disable=SC2086
compare "$build/iotlbfuzz_kselftest_default" "$tmp/selftests.profdata" selftest $kfiles

if [ -n "$kunit" ]; then
	gfiles=$(find "$build/kernels" -path '*pristine*' -path '*/drivers/iommu/generic_pt/*' \
		\( -name '*.h' -o -name 'iommu_*.c' \) ! -name 'kunit_*' | sort)
	echo
	echo "generic_pt: the tree's KUnit suites against the corpus"
	# shellcheck disable=SC2086
	compare "$kunit" "$tmp/kunit.profdata" kunit $gfiles
fi

if [ -n "${KCOV_FUNCTIONS:-}" ]; then
	echo
	echo "corpus line coverage of the functions matching '$KCOV_FUNCTIONS':"
	# names of static functions come as "<file>:<name>"
	# shellcheck disable=SC2086
	llvm-cov report -show-functions "$build/iotlbfuzz" \
		-instr-profile="$tmp/corpus.profdata" $kfiles |
		awk -v re="$KCOV_FUNCTIONS" 'NF >= 7 && $5 ~ /^[0-9]+$/ {
			name = $1; file = ""
			if (name ~ /:/) { file = name; sub(/:.*/, "", file); sub(/^[^:]*:/, "", name) }
			if (name !~ re) next
			printf "  %-20s %-32s %4d lines %4d missed %8s\n", file, name, $5, $6, $7 }'
fi
