#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# An AFL++ campaign over the default kernel tree (docs/afl.md): the afl
# preset's persistent-mode target, seeded with corpus/seeds, one main
# instance and secondaries, then a summary: executions, corpus, and every
# crash replayed through the target and sorted by divergence class.
#
# usage: ci/afl.sh [--seconds N] [--jobs N] [--out DIR] [--patches "P..."]
#                  [--custom-mutator]
#   defaults: 600 seconds, one instance per core, out-afl/ in the repository
#   --patches: fuzz the default tree with these patch fixtures (patches/,
#   one of the preset's variants), e.g. the fixed configuration:
#   --patches "90c5def10bea-empty-gather 7e0548525abd-core-fill"
#   --custom-mutator: every instance also loads the structure-aware
#   mutator (docs/mutator.md); AFL++'s own stages keep running, for the
#   byte-form inputs the mutator leaves to them
# The environment reaches the target: IOTLBFUZZ_DRIVER=<model> etc.
# (fuzz/engines/fuzz_env.h). A second run with the same --out resumes.
set -eu
cd "$(dirname "$0")/.."

seconds=600
jobs=$(nproc 2>/dev/null || echo 1)
out="out-afl"
patches=
custom=
while [ $# -gt 0 ]; do
	case "$1" in
	--seconds) seconds=$2; shift 2 ;;
	--jobs) jobs=$2; shift 2 ;;
	--out) out=$2; shift 2 ;;
	--patches) patches=$2; shift 2 ;;
	--custom-mutator) custom=1; shift ;;
	*) echo "usage: ci/afl.sh [--seconds N] [--jobs N] [--out DIR] [--patches \"P...\"] [--custom-mutator]" >&2; exit 2 ;;
	esac
done

sh ci/setup.sh
cmake --preset afl >/dev/null
cmake --build --preset afl -j "$jobs"

build=build/afl
suffix=
if [ -n "$patches" ]; then
	suffix=-$("$build/iotlbfuzz" list | sed -n 's/^kernel tree: //p')
	for p in $patches; do suffix="$suffix+$p"; done
	if [ ! -x "$build/iotlbfuzz_afl$suffix" ]; then
		echo "no build of the default tree$suffix (see IOTLBFUZZ_EXTRA_KERNELS)" >&2
		exit 2
	fi
fi
target=$PWD/$build/iotlbfuzz_afl$suffix

# A machine without root tuning (CPU governor, core_pattern), no terminal,
# and other work on the cores: AFL++ must not refuse to start or pin.
export AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 \
	AFL_NO_UI=1 AFL_NO_AFFINITY=1 AFL_AUTORESUME=1
if [ -n "$custom" ]; then
	AFL_CUSTOM_MUTATOR_LIBRARY=$PWD/$build/iotlbfuzz-afl-mutator.so
	export AFL_CUSTOM_MUTATOR_LIBRARY
	# the library cannot ask the kernel stack what a pinned model drives
	if [ -n "${IOTLBFUZZ_DRIVER:-}" ]; then
		eval "$("$build/iotlbfuzz" list --mutator-env)"
		export IOTLBFUZZ_MUTATOR_FORMATS IOTLBFUZZ_MUTATOR_PGSIZES
	fi
fi

mkdir -p "$out"
echo "=== fuzzing for ${seconds}s with $jobs instance(s); logs in $out/*.log"
pids=
i=1
while [ "$i" -lt "$jobs" ]; do
	afl-fuzz -S "secondary$i" -i "$build/corpus/seeds" -o "$out" -V "$seconds" \
		-t 5000 -- "$target" >"$out/secondary$i.log" 2>&1 &
	pids="$pids $!"
	i=$((i + 1))
done
afl-fuzz -M main -i "$build/corpus/seeds" -o "$out" -V "$seconds" -t 5000 \
	-- "$target" >"$out/main.log" 2>&1 || echo "afl-fuzz (main) failed; see $out/main.log" >&2
for p in $pids; do wait "$p" || true; done

stat() { # key: summed over the instances
	cat "$out"/*/fuzzer_stats 2>/dev/null |
		awk -v k="$1" '$1 == k { s += $3 } END { print s + 0 }'
}

echo
echo "=== summary ($("$build/iotlbfuzz$suffix" list | head -n 1))"
echo "executions: $(stat execs_done) in $(stat run_time) instance-seconds"
echo "corpus: $(stat corpus_count) programs over the instances in $out/*/queue"
echo "hangs: $(find "$out" -path '*/hangs*/id:*' | wc -l) (in $out/*/hangs*)"
crashes=$(mktemp)
# a resumed run moved the earlier crashes to crashes.<date>/
for c in "$out"/*/crashes*/id:*; do
	[ -e "$c" ] || continue
	# the shell's "Aborted" note goes to /dev/null with its stderr
	line=$(sh -c '"$@" 2>&1; :' sh "$target" "$c" 2>/dev/null |
		grep -m 1 '^ASSERTION FAILURE: ' || echo "ASSERTION FAILURE: no-replay: the crash did not reproduce")
	printf '%s\t%s\n' "$line" "$c" >>"$crashes"
done
if [ ! -s "$crashes" ]; then
	echo "crashes: none"
else
	echo "crashes: $(wc -l <"$crashes") (replay one with: $target FILE)"
	# per class: how many, and the first of them
	sort "$crashes" | awk -F '\t' '{
		cls = $1; sub(/^ASSERTION FAILURE: /, "", cls); sub(/:.*/, "", cls)
		if (!(cls in n)) { order[++k] = cls; first[cls] = $1; file[cls] = $2 }
		n[cls]++
	} END {
		for (i = 1; i <= k; i++)
			printf "  %s: %d\n    %s\n    %s\n", order[i], n[order[i]], first[order[i]], file[order[i]]
	}'
fi
rm -f "$crashes"
