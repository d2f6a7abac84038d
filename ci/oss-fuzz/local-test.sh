#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# ci/oss-fuzz/build.sh under the environment OSS-Fuzz gives it, without
# docker, then every fuzz target it built checked the way OSS-Fuzz's
# check_build (base-runner's bad_build_check) and a first fuzzing session
# would (docs/oss-fuzz.md). One configuration after another, each into its
# own $SRC, $WORK and $OUT under a temporary directory:
#
#   libfuzzer-address    libFuzzer + ASan
#   libfuzzer-undefined  libFuzzer + UBSan
#   libfuzzer-memory     libFuzzer + MSan (protobuf-c built from source)
#   afl-address          AFL++ + ASan (afl-clang-fast, libAFLDriver.a)
#
# The environment is OSS-Fuzz's (google/oss-fuzz, infra/base-images):
# base-clang's CFLAGS, base-builder's SANITIZER_FLAGS_<sanitizer> and
# COVERAGE_FLAGS, joined by `compile` as "$CFLAGS $SANITIZER_FLAGS
# $COVERAGE_FLAGS" (no coverage flags for AFL++); LIB_FUZZING_ENGINE is
# -fsanitize=fuzzer (compile_libfuzzer) or AFL++'s driver library
# (compile_afl, which also sets CC=afl-clang-fast, AFL_QUIET and the
# ASAN_OPTIONS below; its random choice of extra AFL++ instrumentation
# is left out). Nothing else of the caller's environment but PATH and
# HOME reaches build.sh.
#
# Checks per target: the four files in $OUT; an x86-64 binary that needs
# no library outside the C and C++ runtimes (the runner image has no
# others); the sanitizer's instrumentation and no other's (call counts
# as bad_build_check counts them); for libFuzzer, a start without a
# corpus (-runs=4, at least 100 edges), then a few hundred runs from the
# seed corpus with the .options file's flags and dictionary; for AFL++,
# the binary on one seed, then afl-fuzz from the seed corpus for a few
# thousand executions. Any crash, missing file or failed check fails.
#
# usage: local-test.sh [--kernel TARBALL|DIR] [--mainline TARBALL|DIR|none]
#                      [--protobuf-c DIR] [--cache DIR] [--keep DIR] [CONFIG...]
#   --kernel      the default tree (default /usr/src/linux-source-6.12.tar.xz)
#   --mainline    the mainline tree the image may add ($SRC/linux-mainline.tar.xz,
#                 ci/oss-fuzz/prepare-image.sh): every target is then built and
#                 checked as <target>-mainline too (default: none)
#   --protobuf-c  a protobuf-c source tree with a configure script (default:
#                 Debian's source package of the installed libprotobuf-c-dev,
#                 fetched once into the cache directory, cmake/deb-source.sh)
#   --cache       where that source is kept, and the kernel tarballs
#                 unpacked once for every configuration (default
#                 $TMPDIR/iotlbfuzz-ossfuzz-cache; IOTLBFUZZ_UNPACK_CACHE,
#                 when set, for the tarballs, as for any build)
#   --keep        build under DIR and keep it (default: a temporary directory,
#                 removed at the end)
# CMAKE_BUILD_PARALLEL_LEVEL bounds the build jobs (default 2).
set -eu

repo=$(cd "$(dirname "$0")/../.." && pwd)
kernel=/usr/src/linux-source-6.12.tar.xz
mainline=none
protobuf_c=""
cache=${TMPDIR:-/tmp}/iotlbfuzz-ossfuzz-cache
keep=""
configs=""
while [ $# -gt 0 ]; do
	case $1 in
	--kernel) kernel=$2; shift ;;
	--mainline) mainline=$2; shift ;;
	--protobuf-c) protobuf_c=$2; shift ;;
	--cache) cache=$2; shift ;;
	--keep) keep=$2; shift ;;
	libfuzzer-address | libfuzzer-undefined | libfuzzer-memory | afl-address)
		configs="$configs $1" ;;
	*) echo "local-test.sh: unknown argument $1" >&2; exit 2 ;;
	esac
	shift
done
[ -n "$configs" ] || configs="libfuzzer-address libfuzzer-undefined libfuzzer-memory afl-address"
jobs=${CMAKE_BUILD_PARALLEL_LEVEL:-2}

# --- OSS-Fuzz's values -------------------------------------------------
# base-clang (Ubuntu 24.04 image)
BASE_CFLAGS="-O1 -fno-omit-frame-pointer -gline-tables-only \
-Wno-error=enum-constexpr-conversion -Wno-error=incompatible-function-pointer-types \
-Wno-error=int-conversion -Wno-error=deprecated-declarations \
-Wno-error=implicit-function-declaration -Wno-error=implicit-int \
-Wno-error=vla-cxx-extension -DFUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION"
# base-builder
SANITIZER_FLAGS_address="-fsanitize=address -fsanitize-address-use-after-scope"
ubsan_checks="array-bounds,bool,builtin,enum,function,integer-divide-by-zero,null,object-size,return,returns-nonnull-attribute,shift,signed-integer-overflow"
ubsan_tail="unreachable,vla-bound,vptr"
SANITIZER_FLAGS_undefined="-fsanitize=$ubsan_checks,unsigned-integer-overflow,$ubsan_tail -fno-sanitize-recover=$ubsan_checks,$ubsan_tail"
SANITIZER_FLAGS_memory="-fsanitize=memory -fsanitize-memory-track-origins"
COVERAGE_FLAGS="-fsanitize=fuzzer-no-link"
# base-builder and base-runner: unsigned overflow is a coverage signal there
UBSAN_OPTIONS_OSSFUZZ="silence_unsigned_overflow=1"
UBSAN_OPTIONS=$UBSAN_OPTIONS_OSSFUZZ
export UBSAN_OPTIONS
# compile_afl
AFL_ASAN_OPTIONS="detect_leaks=0:symbolize=0:detect_odr_violation=0:abort_on_error=1"
AFL_DRIVER=/usr/lib/afl/libAFLDriver.a
# -----------------------------------------------------------------------

fail() {
	echo "FAIL $*"
	failures=$((failures + 1))
}

need() {
	command -v "$1" >/dev/null 2>&1 || { echo "local-test.sh: $1 is missing (ci/setup.sh installs it)" >&2; exit 1; }
}
for tool in cmake ninja clang protoc protoc-c zip unzip objdump file ldd; do need "$tool"; done
case $configs in *afl-*) need afl-clang-fast; need afl-fuzz
	[ -f "$AFL_DRIVER" ] || { echo "local-test.sh: $AFL_DRIVER is missing (Debian's afl++)" >&2; exit 1; } ;;
esac
[ -e "$kernel" ] || { echo "local-test.sh: no kernel tree at $kernel" >&2; exit 1; }
[ "$mainline" = none ] || [ -e "$mainline" ] ||
	{ echo "local-test.sh: no mainline tree at $mainline" >&2; exit 1; }

case $configs in *-memory*)
	if [ -z "$protobuf_c" ]; then
		version=$(dpkg-query -W -f='${source:Version}' libprotobuf-c-dev)
		sh "$repo/cmake/deb-source.sh" protobuf-c "$version" "$cache" >/dev/null
		upstream=${version#*:}
		protobuf_c=$cache/protobuf-c-${upstream%-*}
	fi
	[ -x "$protobuf_c/configure" ] || { echo "local-test.sh: no protobuf-c source at $protobuf_c" >&2; exit 1; } ;;
esac

if [ -n "$keep" ]; then
	top=$keep
	mkdir -p "$top"
else
	top=$(mktemp -d)
	trap 'rm -rf "$top"' EXIT
fi

# The names OSS-Fuzz counts sanitizer calls by (bad_build_check).
calls() { # binary prefix
	objdump -dC "$1" | grep -Ec "call[q]?[[:space:]]+[0-9a-f]+[[:space:]]+<$2"
}

check_sanitizer() { # target sanitizer
	asan=$(calls "$1" __asan)
	msan=$(calls "$1" __msan)
	ubsan=$(calls "$1" __ubsan)
	echo "    sanitizer calls: asan $asan, msan $msan, ubsan $ubsan"
	case $2 in
	address) [ "$asan" -ge 1000 ] && [ "$msan" -le 3 ] && [ "$ubsan" -le 200 ] ;;
	memory) [ "$msan" -ge 1000 ] && [ "$asan" -eq 0 ] && [ "$ubsan" -le 200 ] ;;
	undefined) [ "$ubsan" -ge 169 ] && [ "$asan" -eq 0 ] && [ "$msan" -le 3 ] ;;
	esac
}

# Only the C and C++ runtimes: the runner image has no other library.
check_libraries() { # target
	extra=$(ldd "$1" | awk '{ print $1 }' |
		grep -Ev '^(linux-vdso\.so|/lib64/ld-linux-x86-64\.so|lib(c|m|dl|rt|pthread|util|stdc\+\+|gcc_s)\.so)' || true)
	[ -z "$extra" ] || { echo "    links: $extra"; return 1; }
}

# The .options file's [libfuzzer] section as flags, as ClusterFuzz passes
# them (the dictionary is named relative to $OUT).
options_flags() { # out options-file
	sed -n '/^\[libfuzzer\]/,/^\[/{ /^[a-z_]* *= */{ s/^\([a-z_]*\) *= *\(.*\)$/-\1=\2/; p; }; }' "$2" |
		sed "s|^-dict=|-dict=$1/|"
}

# Its [asan] section as ASAN_OPTIONS, as ClusterFuzz sets them.
asan_options() { # options-file
	sed -n '/^\[asan\]/,/^\[/{ /^[a-z_]* *= */{ s/^\([a-z_]*\) *= *\(.*\)$/\1=\2/; p; }; }' "$1" |
		paste -sd: -
}

check_libfuzzer() { # out target sanitizer log
	out=$1
	t=$2
	# crash files land in the scratch directory, not in $OUT
	run=$top/run-$t-$3
	mkdir -p "$run"
	(cd "$run" && "$out/$t" -seed=1337 -runs=4) >"$4.start" 2>&1 ||
		{ fail "$t: does not start (bad_build_check: startup crash)"; sed 's/^/    /' "$4.start" | tail -n 30; return; }
	grep -q "Done 4 runs" "$4.start" || { fail "$t: no 'Done 4 runs'"; return; }
	edges=$(sed -n 's/^INFO: Loaded [0-9]* module.*(\([0-9]*\) \(inline 8-bit counters\|guards\)).*/\1/p' "$4.start" | head -n 1)
	echo "    edges: ${edges:-none}"
	[ "${edges:-0}" -ge 100 ] || { fail "$t: only ${edges:-no} instrumented edges"; return; }
	seeds=$top/seeds-$t-$3
	rm -rf "$seeds" "$seeds.new"
	mkdir -p "$seeds" "$seeds.new"
	unzip -q "$out/${t}_seed_corpus.zip" -d "$seeds"
	n=$(find "$seeds" -type f | wc -l)
	# shellcheck disable=SC2046
	(cd "$run" && ASAN_OPTIONS=$(asan_options "$out/$t.options") \
		"$out/$t" $(options_flags "$out" "$out/$t.options") -seed=1 -runs=400 "$seeds.new" "$seeds") >"$4.seeds" 2>&1 ||
		{ fail "$t: crashed on or from the seed corpus"; sed 's/^/    /' "$4.seeds" | tail -n 40; return; }
	grep -q "seed corpus: files: $n " "$4.seeds" || { fail "$t: did not read the $n seeds"; return; }
	grep -Eq "Dictionary: [1-9][0-9]* entries" "$4.seeds" || { fail "$t: the .options file's dictionary was not loaded"; return; }
	grep -q "Done 400 runs" "$4.seeds" || { fail "$t: no 'Done 400 runs'"; return; }
	echo "    $n seeds, 400 runs: clean"
}

check_afl() { # out target log
	out=$1
	t=$2
	seeds=$top/seeds-$t-afl
	rm -rf "$seeds" "$seeds.out"
	mkdir -p "$seeds"
	unzip -q "$out/${t}_seed_corpus.zip" -d "$seeds"
	# the driver runs every file it is given: afl-fuzz would skip a
	# crashing seed with a warning, this does not
	# shellcheck disable=SC2046
	ASAN_OPTIONS=$AFL_ASAN_OPTIONS "$out/$t" $(find "$seeds" -type f | sort) >"$3.seeds" 2>&1 ||
		{ fail "$t: crashed on a seed"; sed 's/^/    /' "$3.seeds" | tail -n 30; return; }
	n=$(find "$seeds" -type f | wc -l)
	ran=$(grep -c "^Execution successful" "$3.seeds" || true)
	[ "$ran" -eq "$n" ] || { fail "$t: ran $ran of the $n seeds"; return; }
	echo "    $n seeds: clean"
	# a bound in executions, not time; timeout(1) only guards a hang
	AFL_SKIP_CPUFREQ=1 AFL_NO_UI=1 AFL_NO_AFFINITY=1 AFL_FORKSRV_INIT_TMOUT=30000 \
		AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 ASAN_OPTIONS=$AFL_ASAN_OPTIONS \
		timeout 300 afl-fuzz -i "$seeds" -o "$seeds.out" -m none -s 1 -E 3000 -- "$out/$t" >"$3.fuzz" 2>&1 ||
		{ fail "$t: afl-fuzz failed"; sed 's/^/    /' "$3.fuzz" | tail -n 30; return; }
	grep -q "All set and ready to roll" "$3.fuzz" || { fail "$t: afl-fuzz never started fuzzing"; return; }
	if grep -Eq "target binary (crashed|terminated)|results in a crash" "$3.fuzz"; then
		fail "$t: the target crashed under afl-fuzz"
		return
	fi
	stats=$seeds.out/default/fuzzer_stats
	execs=$(sed -n 's/^execs_done *: *//p' "$stats")
	crashes=$(sed -n 's/^saved_crashes *: *//p' "$stats")
	echo "    afl-fuzz: $execs executions, $crashes crashes"
	[ "${crashes:-1}" -eq 0 ] || fail "$t: afl-fuzz saved $crashes crashes in $seeds.out/default/crashes"
}

failures=0
for config in $configs; do
	engine=${config%%-*}
	sanitizer=${config#*-}
	dir=$top/$config
	rm -rf "$dir"
	mkdir -p "$dir/src" "$dir/work" "$dir/out"
	# $SRC as the Dockerfile leaves it
	ln -s "$repo" "$dir/src/iotlbfuzz"
	if [ -d "$kernel" ]; then
		ln -s "$(cd "$kernel" && pwd)" "$dir/src/linux"
	else
		ln -s "$(cd "$(dirname "$kernel")" && pwd)/$(basename "$kernel")" "$dir/src/linux.tar.xz"
	fi
	if [ -d "$mainline" ]; then
		ln -s "$(cd "$mainline" && pwd)" "$dir/src/linux-mainline"
	elif [ "$mainline" != none ]; then
		ln -s "$(cd "$(dirname "$mainline")" && pwd)/$(basename "$mainline")" "$dir/src/linux-mainline.tar.xz"
	fi
	[ "$sanitizer" = memory ] && ln -s "$(cd "$protobuf_c" && pwd)" "$dir/src/protobuf-c"

	case $sanitizer in
	address) sanitizer_flags=$SANITIZER_FLAGS_address ;;
	undefined) sanitizer_flags=$SANITIZER_FLAGS_undefined ;;
	memory) sanitizer_flags=$SANITIZER_FLAGS_memory ;;
	esac
	if [ "$engine" = afl ]; then
		cc=afl-clang-fast
		cxx=afl-clang-fast++
		lib=$AFL_DRIVER
		cflags="$BASE_CFLAGS $sanitizer_flags"
		extra="AFL_QUIET=1 AFL_IGNORE_UNKNOWN_ENVS=1 ASAN_OPTIONS=$AFL_ASAN_OPTIONS"
		targets="iotlbfuzz_fuzzer"
	else
		cc=clang
		cxx=clang++
		lib=-fsanitize=fuzzer
		cflags="$BASE_CFLAGS $sanitizer_flags $COVERAGE_FLAGS"
		extra=""
		targets="iotlbfuzz_fuzzer iotlbfuzz_fuzzer_structured"
	fi
	if [ "$mainline" != none ]; then
		for t in $targets; do
			targets="$targets $t-mainline"
		done
	fi

	echo "=== $config: build.sh"
	start=$(date +%s)
	# shellcheck disable=SC2086
	if ! env -i PATH="$PATH" HOME="${HOME:-/}" \
		SRC="$dir/src" WORK="$dir/work" OUT="$dir/out" \
		CC="$cc" CXX="$cxx" CFLAGS="$cflags" CXXFLAGS="$cflags" \
		LIB_FUZZING_ENGINE="$lib" SANITIZER="$sanitizer" FUZZING_ENGINE="$engine" \
		ARCHITECTURE=x86_64 FUZZING_LANGUAGE=c UBSAN_OPTIONS="$UBSAN_OPTIONS_OSSFUZZ" \
		CMAKE_BUILD_PARALLEL_LEVEL="$jobs" $extra \
		IOTLBFUZZ_UNPACK_CACHE="${IOTLBFUZZ_UNPACK_CACHE:-$cache/unpacked}" \
		bash -eu "$dir/src/iotlbfuzz/ci/oss-fuzz/build.sh" >"$dir/build.log" 2>&1; then
		fail "$config: build.sh failed"
		grep -v "unknown warning option\|warnings\? generated" "$dir/build.log" | tail -n 40 | sed 's/^/    /'
		continue
	fi
	echo "    built in $(($(date +%s) - start)) s"

	for t in $targets; do
		echo "--- $config: $t"
		missing=""
		for f in "$t" "$t.dict" "$t.options" "${t}_seed_corpus.zip"; do
			[ -s "$dir/out/$f" ] || missing="$missing $f"
		done
		[ -z "$missing" ] || { fail "$config: missing in \$OUT:$missing"; continue; }
		file "$dir/out/$t" | grep -q "x86-64" || { fail "$t: not an x86-64 binary"; continue; }
		check_libraries "$dir/out/$t" || { fail "$t: links a library the runner image lacks"; continue; }
		check_sanitizer "$dir/out/$t" "$sanitizer" ||
			{ fail "$t: not (only) built with $sanitizer"; continue; }
		if [ "$engine" = afl ]; then
			check_afl "$dir/out" "$t" "$dir/$t"
		else
			check_libfuzzer "$dir/out" "$t" "$sanitizer" "$dir/$t"
		fi
	done
	# anything else in $OUT is a target OSS-Fuzz would run unchecked here
	for f in "$dir/out"/*; do
		known=
		for t in $targets; do
			case ${f##*/} in
			"$t" | "$t.dict" | "$t.options" | "${t}_seed_corpus.zip") known=1 ;;
			esac
		done
		[ -n "$known" ] || fail "$config: unexpected file in \$OUT: ${f##*/}"
	done
done

echo
if [ "$failures" -eq 0 ]; then
	echo "local-test.sh: all configurations built and checked:$configs"
else
	echo "local-test.sh: $failures failures"
	exit 1
fi
