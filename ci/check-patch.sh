#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# check-patch: the pre-submission check for a patch to the IOMMU map/unmap
# path (docs/check-patch.md). From a kernel tree without the patches:
#   1. build the kernel-extracted stack from the tree without and with the
#      patches (clang -O2 + libFuzzer, only the targets the check runs);
#   2. replay the regression and findings corpora on both trees and list
#      every program whose outcome changes;
#   3. fuzz the patched tree over all driver models (as ci/fuzz.sh does);
#   4. the before/after differential: both trees in one binary, per driver
#      model, every input through both, every observable compared;
# then a verdict line and an exit status: 0 pass, 1 a behaviour change or
# a divergence, 2 a usage or build error. `iotlbfuzz check-patch ...` runs
# this script.
#
# usage: ci/check-patch.sh --kernel DIR [--patch FILE]... [--seconds N]
#                          [--jobs J] [--out DIR] [--drivers LIST]
#                          [--corpus-only]
#   --kernel   a kernel tree or a Debian linux-source tarball, WITHOUT the
#              patches (e.g. /usr/src/linux-source-6.12.tar.xz)
#   --patch    a patch (-p1, as git format-patch writes them) or the name of
#              a fixture in patches/; repeat it for a series, in order
#   --seconds  fuzzing time of step 3 and of step 4, each (default 150)
#   --jobs     parallel fuzzing jobs (default: the number of cores)
#   --out      the build, the campaigns and the reproducers
#              (default: out/check-patch)
#   --drivers  the driver models of the differential, comma-separated
#              (default: every model; `iotlbfuzz list` names them)
#   --corpus-only  steps 1 and 2 only: the build and the corpora on both
#              trees, no fuzzing (a quick first look; needs --patch)
set -u

src=$(cd "$(dirname "$0")/.." && pwd)
started=$(date +%s)
kernel=
patches=()
seconds=150
jobs=$(nproc 2>/dev/null || echo 1)
out=out/check-patch
only_drivers=
corpus_only=

synopsis="usage: iotlbfuzz check-patch --kernel DIR [--patch FILE]... [--seconds N] [--jobs J] [--out DIR] [--drivers LIST] [--corpus-only]"

usage() {
	echo "$synopsis" >&2
	[ $# -gt 0 ] && echo "check-patch: $*" >&2
	echo "check-patch: ERROR: usage" >&2
	exit 2
}

help() {
	echo "$synopsis"
	echo "Builds DIR (a kernel tree or Debian linux-source tarball) without and with the"
	echo "patches, replays the corpus on both, fuzzes the patched tree and runs the"
	echo "before/after differential of every driver model (--drivers narrows it); ends"
	echo "in a verdict. --corpus-only stops after the corpus replay, without fuzzing."
	echo "Exit 0 PASS, 1 FAIL, 2 usage or build error (docs/check-patch.md)."
	exit 0
}

while [ $# -gt 0 ]; do
	case "$1" in
	--kernel) [ $# -ge 2 ] || usage "--kernel needs a value"; kernel=$2; shift 2 ;;
	--patch) [ $# -ge 2 ] || usage "--patch needs a value"; patches+=("$2"); shift 2 ;;
	--seconds) [ $# -ge 2 ] || usage "--seconds needs a value"; seconds=$2; shift 2 ;;
	--jobs) [ $# -ge 2 ] || usage "--jobs needs a value"; jobs=$2; shift 2 ;;
	--out) [ $# -ge 2 ] || usage "--out needs a value"; out=$2; shift 2 ;;
	--drivers) [ $# -ge 2 ] || usage "--drivers needs a value"; only_drivers=$2; shift 2 ;;
	--corpus-only) corpus_only=1; shift ;;
	-h | --help) help ;;
	*) usage "unknown argument '$1'" ;;
	esac
done
[ -n "$kernel" ] || usage "--kernel is required"
[ -e "$kernel" ] || usage "$kernel: no such kernel tree or tarball"
case "$seconds" in '' | *[!0-9]*) usage "--seconds takes a number" ;; esac
case "$jobs" in '' | *[!0-9]* | 0) usage "--jobs takes a number above 0" ;; esac
[ "$seconds" -ge 10 ] || usage "--seconds: at least 10"
[ -z "$corpus_only" ] || [ ${#patches[@]} -gt 0 ] ||
	usage "--corpus-only compares the tree with and without patches: name at least one --patch"
kernel=$(realpath "$kernel")

# A tree spec joins the tree and its patches with '+' (cmake/KernelTree.cmake).
spec=$kernel
patch_names=()
for p in "${patches[@]}"; do
	if [ -f "$p" ]; then
		p=$(realpath "$p")
	elif [ -f "$src/patches/$p.diff" ]; then
		:
	elif [ -f "$src/patches/$p" ]; then
		p=${p%.diff}
	else
		usage "patch $p: no such file, and no fixture patches/$p.diff"
	fi
	case "$p" in *+* | *\;*) usage "patch $p: a path with '+' or ';' cannot be named in a tree spec; copy it elsewhere" ;; esac
	spec="$spec+$p"
	patch_names+=("$(basename "${p%.diff}")")
done
case "$kernel" in *+* | *\;*) usage "kernel $kernel: a path with '+' or ';' cannot be named in a tree spec" ;; esac

mkdir -p "$out" || usage "cannot create $out"
out=$(realpath "$out")
build=$out/build
repro=$out/reproducers
logs=$out/logs
rm -rf "$repro" "$logs" "$out/fuzz" "$out/differential"
mkdir -p "$repro" "$logs"

elapsed() { echo "$(($(date +%s) - $1)) s"; }
step() { echo; echo "[$1] $2"; }

failures=() # one line per reason to fail
corpus_changed=()
new_classes=()
changed_drivers=()
notes=()    # worth knowing, not the patches' doing

echo "check-patch: tree $kernel"
if [ ${#patches[@]} -gt 0 ]; then
	echo "check-patch: patches ${patch_names[*]}"
else
	echo "check-patch: no patches: the tree alone is built and fuzzed"
fi
if [ -n "$corpus_only" ]; then
	echo "check-patch: corpora only, no fuzzing; $jobs job(s); everything in $out"
else
	echo "check-patch: $seconds s of fuzzing per campaign, $jobs job(s); everything in $out"
fi

# ------------------------------------------------------------- verdict
# the last lines, the exit status with them (after step 4, or step 2 with
# --corpus-only)
verdict() {
	echo
	echo "check-patch: done in $(elapsed "$started")"
	for n in "${notes[@]}"; do
		echo "  note: $n"
	done
	if [ ${#failures[@]} -eq 0 ]; then
		echo "check-patch: PASS${notes[*]:+ (${#notes[@]} note(s) above)}"
		exit 0
	fi
	for f in "${failures[@]}"; do
		echo "  - $f"
	done
	join() { printf '%s, ' "$@" | sed 's/, $//'; }
	summary=
	[ ${#changed_drivers[@]} -eq 0 ] ||
		summary="behaviour change for $(join "${changed_drivers[@]}")"
	[ ${#new_classes[@]} -eq 0 ] ||
		summary="${summary:+$summary; }divergence $(join "${new_classes[@]}")"
	[ ${#corpus_changed[@]} -eq 0 ] ||
		summary="${summary:+$summary; }${#corpus_changed[@]} corpus program(s) changed"
	if [ -n "$(ls -A "$repro")" ]; then
		echo "check-patch: FAIL: $summary; reproducers in $repro"
	else
		echo "check-patch: FAIL: $summary; the programs and their replay commands are above"
	fi
	exit 1
}

# ---------------------------------------------------------------- 1. build
step 1/4 "build: clang -O2 + libFuzzer in $build"
t=$(date +%s)
# what the build needs, on Debian (nothing is downloaded when it is there)
if command -v apt-get >/dev/null 2>&1 && ! sh "$src/ci/setup.sh" >"$logs/setup.log" 2>&1; then
	echo "      ci/setup.sh could not install the build's dependencies (see $logs/setup.log); trying anyway"
fi
extra=
[ ${#patches[@]} -gt 0 ] && extra=$spec
# an --out kept from a check run from another iotlbfuzz checkout: CMake
# refuses a build directory of another source tree
if [ -f "$build/CMakeCache.txt" ] &&
	! grep -qxF "CMAKE_HOME_DIRECTORY:INTERNAL=$src" "$build/CMakeCache.txt"; then
	echo "      $build was built from another iotlbfuzz source tree: building it afresh"
	rm -rf "$build"
fi
if ! cmake -S "$src" -B "$build" -G Ninja -DCMAKE_C_COMPILER=clang \
	-DCMAKE_BUILD_TYPE=Release -DIOTLBFUZZ_LIBFUZZER=ON \
	-DIOTLBFUZZ_SANITIZERS= -DIOTLBFUZZ_PATCHES= \
	"-DIOTLBFUZZ_KERNEL_SRC=$kernel" "-DIOTLBFUZZ_EXTRA_KERNELS=$extra" \
	>"$logs/configure.log" 2>&1; then
	sed -n '/CMake Error/,$p' "$logs/configure.log" | head -n 20 | sed 's/^/      /'
	echo "check-patch: ERROR: configuring the build failed (the reason is above: a patch that does not apply is named there); log: $logs/configure.log"
	exit 2
fi
# what of the patches the build compiles: files outside the kernel stack
# (a driver's own source) are left out, and said so
while read -r line; do
	echo "      ${line#-- iotlbfuzz: }"
	notes+=("${line#-- iotlbfuzz: } (their behaviour here is the driver model's, docs/drivers.md)")
done < <(grep '^-- iotlbfuzz: .*: left out, not compiled here: ' "$logs/configure.log" | sort -u)
release_of() { # configure-log label: the release in the last parentheses
	sed -n "s/^-- iotlbfuzz: $1 kernel tree .*(\([^()]*\))\$/\1/p" "$logs/configure.log" | tail -n 1
}
before=$(release_of default)
after=$before
targets=(iotlbfuzz iotlbfuzz_fuzzer iotlbfuzz_corpus)
if [ ${#patches[@]} -gt 0 ]; then
	after=$(release_of extra)
	targets=(iotlbfuzz "iotlbfuzz-$after" "iotlbfuzz_fuzzer-$after"
		"iotlbfuzz_differential-$after" "iotlbfuzz_differential_minimize-$after" iotlbfuzz_corpus)
	# the corpora need only the two CLIs
	[ -z "$corpus_only" ] || targets=(iotlbfuzz "iotlbfuzz-$after")
fi
if [ -z "$before" ] || [ -z "$after" ]; then
	echo "check-patch: ERROR: no kernel release in $logs/configure.log"
	exit 2
fi
if ! nice -n 10 cmake --build "$build" -j "$jobs" --target "${targets[@]}" \
	>"$logs/build.log" 2>&1; then
	# compiler diagnostics, named by the kernel file (the build copies
	# tarball and patched files under build/kernels/<id>/)
	grep -E ':[0-9]+:[0-9]+: (fatal )?error: ' "$logs/build.log" |
		sed -E 's|^.*/kernels/[^/]+/||' | head -n 5 >"$logs/build.errors"
	sed 's/^/      /' "$logs/build.errors"
	first=$(head -n 1 "$logs/build.errors")
	echo "check-patch: the shim covers the io-pgtable, generic_pt and iommu.c map/unmap code of 6.1 to"
	echo "check-patch: 7.3; a newer tree may use a kernel header or helper it does not provide yet (docs/shim.md)"
	echo "check-patch: ERROR: the kernel-extracted stack does not build from $kernel${patch_names:+ with ${patch_names[*]}}: ${first:-see the log}; log: $logs/build.log"
	exit 2
fi
cli_before=$build/iotlbfuzz
cli_after=$build/iotlbfuzz
fuzzer=$build/iotlbfuzz_fuzzer
if [ ${#patches[@]} -gt 0 ]; then
	cli_after=$build/iotlbfuzz-$after
	fuzzer=$build/iotlbfuzz_fuzzer-$after
	differential=$build/iotlbfuzz_differential-$after
	diff_minimizer=$build/iotlbfuzz_differential_minimize-$after
	echo "      before the patches: $before; after: $after ($(elapsed "$t"))"
else
	echo "      tree: $before ($(elapsed "$t"))"
fi
# the tree traits (docs/shim.md), decided by running each tree's code: a
# patch that changes one changes what the corpus expects, and one no probe
# could decide leaves those programs' outcomes shown but not judged
traits_of() { # cli
	"$1" list | awk '
		/^kernel traits: / { sub(/^kernel traits: */, ""); have = $0 }
		/^kernel traits undecided: / { sub(/^kernel traits undecided: */, ""); open = $0 }
		END { printf "%s", (have == "" ? "none" : have); if (open != "") printf "; undecided: %s", open }'
}
traits_before=$(traits_of "$cli_before")
traits_after=$(traits_of "$cli_after")
if [ "$traits_before" = "$traits_after" ]; then
	echo "      tree traits: $traits_before"
else
	echo "      tree traits before the patches: $traits_before"
	echo "      tree traits after the patches:  $traits_after"
fi
case "$traits_after" in
*"undecided: "*)
	notes+=("the patched tree's traits ${traits_after#*undecided: } could not be decided ('$cli_after list' says what the probes saw): programs expecting by them are replayed, not judged")
	;;
esac
protoc=$(sed -n 's/^IOTLBFUZZ_PROTOC:INTERNAL=//p' "$build/CMakeCache.txt")
# the driver models of the differential (step 4), checked before any of it
mapfile -t drivers < <("$cli_before" list |
	awk '/^drivers:/ { d = 1; next } /^$/ { d = 0 } d && $2 !~ /^broken-/ { print $2 }')
if [ -n "$only_drivers" ]; then
	wanted=()
	for w in ${only_drivers//,/ }; do
		printf '%s\n' "${drivers[@]}" | grep -qx -- "$w" ||
			usage "--drivers: no driver model '$w' (iotlbfuzz list names them: ${drivers[*]})"
		wanted+=("$w")
	done
	drivers=("${wanted[@]}")
fi

# The minimizers: structure-aware (minimize.h) wherever there is a class to
# keep. A divergence of the fuzzing step is minimized by `iotlbfuzz
# minimize` of the tree it was found on; a behaviour change, which is no
# divergence of either tree, by the differential's own minimizer, which
# asks both trees at each step. Only a crash without a class (the process
# died some other way) falls back to libFuzzer's -minimize_crash, which
# keeps the crash's top frames.
# minimize_divergence CRASH DEST: DEST.textproto and DEST.bin, or 1
minimize_divergence() {
	local crash=$1 dest=$2
	"$cli_after" minimize --patches "${patch_names[*]}" -o "$dest.textproto" "$crash" \
		>"$logs/minimize-$(basename "$dest").log" 2>&1 &&
		"$protoc" --encode=iotlbfuzz.Program -I"$src/proto" program.proto \
			<"$dest.textproto" >"$dest.bin" 2>>"$logs/minimize-$(basename "$dest").log"
}
# minimize_change DRIVER CRASH DEST.bin: the differential's minimizer, or 1
minimize_change() {
	local driver=$1 crash=$2 dest=$3
	IOTLBFUZZ_DRIVER=$driver "$diff_minimizer" -o "$dest" "$crash" \
		>"$logs/minimize-$(basename "$dest").log" 2>&1 && [ -s "$dest" ]
}
# minimize_crash TARGET CRASH OUT: libFuzzer's, OUT or the crash itself
minimize_crash() {
	local target=$1 crash=$2 dest=$3
	if env UBSAN_OPTIONS=dedup_token_length=10 "$target" -minimize_crash=1 -max_total_time=15 -runs=20000 \
		-timeout=10 -exact_artifact_path="$dest" "$crash" \
		>"$logs/minimize-$(basename "$dest").log" 2>&1 && [ -s "$dest" ]; then
		return 0
	fi
	cp "$crash" "$dest"
}

# to_text BIN TEXT [DRIVER]: the program as text, its config naming DRIVER
# (a reproducer found with IOTLBFUZZ_DRIVER then stands on its own)
to_text() {
	local bin=$1 text=$2 driver=${3:-} id enum
	"$cli_after" print "$bin" >"$text.tmp" 2>/dev/null || { rm -f "$text.tmp"; return 1; }
	if [ -n "$driver" ]; then
		id=$("$cli_after" list | awk -v d="$driver" '$2 == d { print $1; exit }')
		enum=$(sed -n "/^enum Driver {/,/^}/s/^  \([A-Z0-9_]*\) = $id;.*/\1/p" "$src/proto/program.proto" | head -n 1)
	fi
	if [ -n "${enum:-}" ] && grep -q '^config {' "$text.tmp"; then
		awk -v e="$enum" '
			/^config \{/ { print; print "  driver: " e; cfg = 1; next }
			cfg && /^  driver: / { next }
			cfg && /^\}/ { cfg = 0 }
			{ print }' "$text.tmp" >"$text"
		rm -f "$text.tmp"
	elif [ -n "${enum:-}" ]; then
		{ printf 'config {\n  driver: %s\n}\n' "$enum"; cat "$text.tmp"; } >"$text"
		rm -f "$text.tmp"
	else
		mv "$text.tmp" "$text"
	fi
}

nr_ops() { grep -c '^ops {' "$1"; }

# --------------------------------------------- 2. the corpus, before/after
if [ ${#patches[@]} -eq 0 ]; then
	step 2/4 "corpora before/after: skipped, no patches"
else
	step 2/4 "regression and findings corpora on both trees"
	t=$(date +%s)
	outcome() { # CLI FILE FLAGS...: one word or two, e.g. "completion at op #2"
		local cli=$1 file=$2
		shift 2
		"$cli" replay --quiet "$@" "$file" 2>/dev/null | head -n 1 |
			sed -e "s|^$file: ||" \
			    -e 's/^clean (.*/clean/' \
			    -e 's/^rejected: .*/rejected/' \
			    -e 's/^suppressed: known finding \(F[0-9]*\).*/known finding \1/' \
			    -e 's/^\([a-z-]*\) at op #\([0-9]*\): .*/\1 at op #\2/'
	}
	changed=0
	fixed=0
	total=0
	for f in "$src"/corpus/regressions/*.textproto "$src"/corpus/findings/*.textproto; do
		[ -e "$f" ] || continue
		total=$((total + 1))
		flags=$(sed -n 's/^# replay-flags: *//p' "$f" | head -n 1)
		# shellcheck disable=SC2086
		b=$(outcome "$cli_before" "$f" $flags)
		# shellcheck disable=SC2086
		a=$(outcome "$cli_after" "$f" $flags)
		[ "$a" = "$b" ] && continue
		name=$(basename "$(dirname "$f")")/$(basename "$f")
		if [ "$a" = clean ]; then
			fixed=$((fixed + 1))
			echo "      better: $name: $b before the patches, clean after"
			continue
		fi
		changed=$((changed + 1))
		echo "      CHANGED: $name: $b before the patches, $a after"
		failures+=("regression corpus: $name: $b before the patches, $a after; replay: $cli_after replay ${flags:+$flags }$f")
		corpus_changed+=("$name")
	done
	echo "      $total programs: $changed changed for the worse, $fixed better ($(elapsed "$t"))"
fi

if [ -n "$corpus_only" ]; then
	step 3/4 "fuzzing: skipped, --corpus-only"
	step 4/4 "before/after differential: skipped, --corpus-only"
	verdict
fi

# ------------------------------------------- 3. fuzzing the patched tree
step 3/4 "fuzzing the tree$([ ${#patches[@]} -gt 0 ] && echo " with the patches") for $seconds s on $jobs job(s), every driver model"
t=$(date +%s)
fz=$out/fuzz
mkdir -p "$fz/corpus" "$fz/crashes"
"$fuzzer" -fork="$jobs" -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
	-dict="$build/iotlbfuzz_fuzzer.dict" -max_len=8192 \
	-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
	-artifact_prefix="$fz/crashes/" -print_final_stats=1 \
	"$fz/corpus" "$build/corpus/seeds" >"$fz/fuzz.log" 2>&1 &
fuzz_pid=$!
# progress every 30 s, but the campaign's end noticed within a second: a
# 10 s campaign used to cost 30
ticks=0
while kill -0 "$fuzz_pid" 2>/dev/null; do
	sleep 1
	ticks=$((ticks + 1))
	[ $((ticks % 30)) -eq 0 ] || continue
	kill -0 "$fuzz_pid" 2>/dev/null || break
	st=$(grep -E '^#[0-9]+: cov: ' "$fz/fuzz.log" | tail -n 1 | sed 's/ job:.*//;s/ dft_time.*//')
	n=$(find "$fz/crashes" -name 'crash-*' | wc -l)
	echo "      $(elapsed "$t"): ${st:-starting}; crashes so far: $n"
done
wait "$fuzz_pid"
declare -A seen_class=()
classes=0
# one replay for all crashes ("<file>: <class> at op #k: ..."), then one
# reproducer per class, from its smallest crash
find "$fz/crashes" -name 'crash-*' -printf '%s %p\n' | sort -n | cut -d' ' -f2- >"$fz/crashes.list"
if [ -s "$fz/crashes.list" ]; then
	xargs -d '\n' "$cli_after" replay --quiet <"$fz/crashes.list" 2>/dev/null >"$fz/crashes.replayed"
fi
while read -r c <&3; do
	line=$(grep -m 1 -F "$c: " "$fz/crashes.replayed")
	cls=$(printf '%s\n' "$line" | sed -n 's/^[^ ]*: \([a-z-]*\) at op #[0-9]*: .*$/\1/p')
	[ -n "$cls" ] || cls=crash
	[ -n "${seen_class[$cls]:-}" ] && continue
	seen_class[$cls]=1
	classes=$((classes + 1))
	dest=$repro/divergence-$cls
	if [ "$cls" = crash ] || ! minimize_divergence "$c" "$dest"; then
		minimize_crash "$fuzzer" "$c" "$dest.bin"
		to_text "$dest.bin" "$dest.textproto" || cp "$dest.bin" "$dest.textproto"
	fi
	again=$("$cli_after" replay --quiet "$dest.bin" 2>/dev/null | head -n 1 | sed "s|^$dest.bin: ||")
	case "$again" in
	"$cls at op #"*) ;;
	*) # the minimizer drifted to another class: keep the original
		cp "$c" "$dest.bin"
		to_text "$dest.bin" "$dest.textproto" || cp "$dest.bin" "$dest.textproto"
		again=$("$cli_after" replay --quiet "$dest.bin" 2>/dev/null | head -n 1 | sed "s|^$dest.bin: ||") ;;
	esac
	# the patches are what is checked: a divergence the tree has without
	# them is reported, but is not theirs
	if [ ${#patches[@]} -gt 0 ] &&
		"$cli_before" replay --quiet "$dest.bin" 2>/dev/null | grep -q ": $cls at op #"; then
		echo "      divergence $cls, the tree WITHOUT the patches too: $again"
		echo "        reproducer ($(nr_ops "$dest.textproto") ops): $dest.textproto"
		notes+=("the tree without the patches diverges too ($cls): $dest.textproto")
		continue
	fi
	echo "      DIVERGENCE $cls$([ ${#patches[@]} -gt 0 ] && echo ", new with the patches"): $again"
	echo "        reproducer ($(nr_ops "$dest.textproto") ops): $dest.textproto"
	failures+=("divergence $cls, reproducer: $dest.textproto")
	new_classes+=("$cls")
done 3<"$fz/crashes.list"
slow=$(find "$fz/crashes" -name 'timeout-*' -o -name 'oom-*' | wc -l)
if [ "$slow" -gt 0 ]; then
	echo "      $slow input(s) over the time or memory limit: harness speed, not a divergence ($fz/crashes)"
	notes+=("$slow fuzz input(s) over libFuzzer's time or memory limit: $fz/crashes")
fi
stats=$(grep -E '^#[0-9]+: cov: ' "$fz/fuzz.log" | tail -n 1 | sed 's/ job:.*//;s/ dft_time.*//')
echo "      done: ${stats:-no status line (see $fz/fuzz.log)}; $classes divergence class(es) ($(elapsed "$t"))"

# ------------------------------------------------ 4. the differential
if [ ${#patches[@]} -eq 0 ]; then
	step 4/4 "before/after differential: skipped, no patches"
else
	step 4/4 "before/after differential: ${#drivers[@]} driver models, $seconds s on $jobs job(s)"
	t=$(date +%s)
	dd=$out/differential
	# one model: fuzz until the first behaviour change or the time is up
	diff_driver() { # DRIVER SECONDS
		local d=$1 secs=$2 dir=$dd/$1 c line kind dest pin n=0 runs left end
		mkdir -p "$dir/corpus" "$dir/crashes" "$dir/slow"
		end=$(($(date +%s) + secs))
		# an input over the time limit (harness speed, not a change) ends
		# a libFuzzer run: set it aside and go on with the time left
		while left=$((end - $(date +%s))) && [ "$left" -ge 2 ]; do
			IOTLBFUZZ_DRIVER=$d "$differential" -max_total_time="$left" \
				-timeout=10 -max_len=8192 -rss_limit_mb=2048 \
				-artifact_prefix="$dir/crashes/" -print_final_stats=1 \
				"$dir/corpus" "$build/corpus/seeds" "$build/corpus/regressions" \
				>"$dir/fuzz.log" 2>&1
			runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/fuzz.log")
			n=$((n + ${runs:-0}))
			[ -z "$(find "$dir/crashes" -name 'crash-*')" ] || break
			[ -n "$(find "$dir/crashes" -name 'timeout-*' -o -name 'oom-*')" ] || break
			mv "$dir"/crashes/timeout-* "$dir"/crashes/oom-* "$dir/slow/" 2>/dev/null
		done
		c=$(find "$dir/crashes" -name 'crash-*' | head -n 1)
		if [ -z "$c" ]; then
			printf '      %-22s no behaviour change (%s inputs in %s s%s)\n' "$d" "$n" "$secs" \
				"$([ -n "$(ls -A "$dir/slow")" ] && echo "; some over the time limit: $dir/slow")"
			echo ok >"$dir/result"
			return
		fi
		line=$(grep -m 1 '^ASSERTION FAILURE: behaviour-change: ' "$dir/fuzz.log")
		kind=$(printf '%s\n' "$line" | sed -n "s/^ASSERTION FAILURE: behaviour-change: [^:]*: \([a-z-]*\) at op .*/\1/p")
		[ -n "$kind" ] || kind=crash
		dest=$repro/behaviour-change-$d
		if [ "$kind" = crash ] || ! minimize_change "$d" "$c" "$dest.bin"; then
			cp "$c" "$dest.bin"
		fi
		# the text names the model, and the binary is made from it, so
		# neither needs IOTLBFUZZ_DRIVER any more
		if to_text "$dest.bin" "$dest.textproto" "$d" &&
			"$protoc" --encode=iotlbfuzz.Program -I"$src/proto" program.proto \
				<"$dest.textproto" >"$dest.bin.tmp" 2>/dev/null &&
			! "$differential" "$dest.bin.tmp" >"$dest.report" 2>&1 &&
			grep -q "behaviour-change: $d: " "$dest.report"; then
			mv "$dest.bin.tmp" "$dest.bin"
			pin=
		else
			# (an experimental model runs only when named)
			rm -f "$dest.bin.tmp"
			IOTLBFUZZ_DRIVER=$d "$differential" "$dest.bin" >"$dest.report" 2>&1
			pin="IOTLBFUZZ_DRIVER=$d "
		fi
		line=$(grep -m 1 '^ASSERTION FAILURE: behaviour-change: ' "$dest.report" || echo "$line")
		# the text says what it shows and how to replay it
		{
			echo "# behaviour change on $d: ${line#ASSERTION FAILURE: behaviour-change: "$d": }"
			echo "# patches: ${patch_names[*]} (kernel $before)"
			echo "# replay: $pin$(basename "$differential") $(basename "$dest.bin")"
			cat "$dest.textproto"
		} >"$dest.textproto.tmp" && mv "$dest.textproto.tmp" "$dest.textproto"
		printf '      %-22s BEHAVIOUR CHANGE (%s): %s\n' "$d" "$kind" "${line#ASSERTION FAILURE: behaviour-change: "$d": }"
		printf '      %-22s   reproducer (%s ops): %s\n' "" "$(nr_ops "$dest.textproto")" "$dest.textproto"
		printf '      %-22s   replay: %s%s %s\n' "" "$pin" "$differential" "$dest.bin"
		echo "change $kind $dest.textproto" >"$dir/result"
	}
	left_drivers=${#drivers[@]}
	deadline=$((t + seconds))
	running=0
	for d in "${drivers[@]}"; do
		while [ "$running" -ge "$jobs" ]; do
			wait -n
			running=$((running - 1))
		done
		now=$(date +%s)
		slice=$(((deadline - now) * jobs / left_drivers))
		[ "$slice" -ge 5 ] || slice=5
		diff_driver "$d" "$slice" &
		running=$((running + 1))
		left_drivers=$((left_drivers - 1))
	done
	wait
	for d in "${drivers[@]}"; do
		r=$(cat "$dd/$d/result" 2>/dev/null || echo "ok")
		case "$r" in
		change*)
			# shellcheck disable=SC2086 # "change KIND PATH": split it
			set -- $r
			changed_drivers+=("$d ($2)")
			failures+=("behaviour change for $d ($2), reproducer: $3")
			;;
		esac
	done
	echo "      ${#changed_drivers[@]} of ${#drivers[@]} driver models changed behaviour ($(elapsed "$t"))"
fi

verdict
