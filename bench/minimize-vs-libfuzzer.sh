#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# `iotlbfuzz minimize` against libFuzzer's -minimize_crash=1 on the same
# crashes: every divergent program of corpus/regressions and (with
# --no-suppress) corpus/findings, as it is and padded with irrelevant
# operations (tests/repro/pad-program.sh), converted to a binary program.
# Both run on the build of the tree the program's "# patches:" line names,
# with its "# replay-flags:" (as IOTLBFUZZ_* variables for the fuzz
# target, fuzz/engines/fuzz_env.h; IOTLBFUZZ_ALLOW_MUTANTS for the regressions'
# broken glues). Prints a markdown table: operations before, after (ours /
# libFuzzer's, counted with `iotlbfuzz print`), wall-clock seconds of each
# whole command, and the class of libFuzzer's result when it is not the
# original's (without a sanitizer there is no dedup token, so nothing
# keeps libFuzzer to the class).
#
# usage: minimize-vs-libfuzzer.sh BUILD_DIR [RUNS] [PAD_BLOCKS]
#   BUILD_DIR   a build with libFuzzer (the release preset)
#   RUNS        libFuzzer's -runs per minimization step (default 10000)
#   PAD_BLOCKS  noise blocks (4 ops each) before every op (default 2)
#   ONLY=<grep -E pattern> in the environment: only those file names
set -u
build=$(cd "$1" && pwd)
runs=${2:-10000}
blocks=${3:-2}
src=$(cd "$(dirname "$0")/.." && pwd)
cli=$build/iotlbfuzz
release=$("$cli" list | sed -n 's/^kernel tree: //p')
protoc=${IOTLBFUZZ_PROTOC:-protoc}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

header() { # file key
	sed -n "s/^# $2: *//p" "$1" | head -n 1
}

now() { date +%s.%N; }

elapsed() { # start end
	echo "$1 $2" | awk '{ printf "%.2f", $2 - $1 }'
}

# Top-level operations of a binary program, as `iotlbfuzz print` shows it.
ops_of() { # cli file
	"$1" print "$2" 2>/dev/null | grep -c '^ops {'
}

# The label a replay gives: a class, clean, suppressed or rejected.
class_of() { # cli flags file
	c=$1
	fl=$2
	# shellcheck disable=SC2086
	"$c" replay --quiet $fl "$3" 2>/dev/null | sed -n \
		-e 's/^.*: clean (.*$/clean/p' \
		-e 's/^.*: rejected: .*$/rejected/p' \
		-e 's/^.*: suppressed: .*$/suppressed/p' \
		-e 's/^.*: \([a-z-]*\) at op #.*$/\1/p' | head -n 1
}

# Run libFuzzer's minimizer with the replay flags as the fuzz target's
# environment; prints the path of its smallest crashing input.
libfuzzer_minimize() { # fuzzer flags input dir
	fuzzer=$1
	fl=$2
	in=$3
	dir=$4
	mkdir -p "$dir"
	set -- env IOTLBFUZZ_ALLOW_MUTANTS=1
	prev=
	for w in $fl; do
		case "$prev" in
		--driver) set -- "$@" IOTLBFUZZ_DRIVER="$w" ;;
		--unsuppress) set -- "$@" IOTLBFUZZ_UNSUPPRESS="$w" ;;
		esac
		case "$w" in
		--warn-fatal) set -- "$@" IOTLBFUZZ_WARN_FATAL=1 ;;
		--no-suppress) set -- "$@" IOTLBFUZZ_NO_SUPPRESS=1 ;;
		--no-over-invalidation) set -- "$@" IOTLBFUZZ_NO_OVER_INVALIDATION=1 ;;
		esac
		prev=$w
	done
	(cd "$dir" && "$@" "$fuzzer" -minimize_crash=1 -runs="$runs" -seed=1 \
		-artifact_prefix="$dir/" "$in" >"$dir/log" 2>&1)
	# the last input it confirmed as crashing
	sed -n "s/^CRASH_MIN: '\(.*\)' ([0-9]* bytes) caused a crash.*/\1/p" \
		"$dir/log" | tail -n 1
}

echo "libFuzzer: -minimize_crash=1 -runs=$runs; padding: $blocks blocks of 4 ops before each op"
echo
echo "| program | input | ops | ours: ops | ours: s | libFuzzer: ops | libFuzzer: s | libFuzzer's class if another |"
echo "|---|---|---:|---:|---:|---:|---:|---|"

total_ours=0
total_lf=0
n=0
for f in "$src"/corpus/regressions/*.textproto "$src"/corpus/findings/*.textproto \
	"$src"/corpus/findings/*.bin; do
	[ -e "$f" ] || continue
	name=$(basename "$f")
	if [ -n "${ONLY:-}" ] && ! echo "$name" | grep -Eq "$ONLY"; then
		continue
	fi
	case "$f" in
	*.bin)
		flags=--no-suppress
		patches=
		;;
	*)
		flags=$(header "$f" replay-flags)
		patches=$(header "$f" patches)
		case "$f" in
		*/findings/*) case " $flags " in *" --no-suppress "*) ;; *) flags="$flags --no-suppress" ;; esac ;;
		esac
		;;
	esac
	tree=$release
	for p in $patches; do tree="$tree+$p"; done
	c=$cli
	fz=$build/iotlbfuzz_fuzzer
	if [ -n "$patches" ]; then
		c=$build/iotlbfuzz-$tree
		fz=$build/iotlbfuzz_fuzzer-$tree
	fi
	if [ ! -x "$c" ] || [ ! -x "$fz" ]; then
		echo "| $name | | | skipped: no build of $tree | | | | |"
		continue
	fi
	for form in as-is padded; do
		in=$work/$name.$form.bin
		case "$f:$form" in
		*.bin:as-is) cp "$f" "$in" ;;
		*.bin:padded) continue ;; # the byte form has no text to pad
		*:as-is) "$protoc" --encode=iotlbfuzz.Program -I"$src/proto" program.proto <"$f" >"$in" ;;
		*:padded)
			sh "$src/tests/repro/pad-program.sh" "$f" "$blocks" |
				"$protoc" --encode=iotlbfuzz.Program -I"$src/proto" program.proto >"$in"
			;;
		esac
		want=$(class_of "$c" "$flags" "$in")
		case "$want" in
		clean | suppressed | rejected | "")
			echo "| $name | $form | | not divergent (${want:-no output}) | | | | |"
			continue
			;;
		esac
		# padding that changes the class (a glue that breaks every
		# access) is another crash, not this one padded
		if [ "$form" = padded ] && [ "$want" != "$(class_of "$c" "$flags" "$work/$name.as-is.bin")" ]; then
			echo "| $name | $form | | padding changes the class | | | | |"
			continue
		fi
		before=$(ops_of "$c" "$in")
		t0=$(now)
		# shellcheck disable=SC2086
		"$c" minimize $flags -o "$work/ours.textproto" "$in" 2>"$work/ours.log"
		t1=$(now)
		ours=$(grep -c '^ops' "$work/ours.textproto")
		rm -rf "$work/lf"
		t2=$(now)
		lf_file=$(libfuzzer_minimize "$fz" "$flags" "$in" "$work/lf")
		t3=$(now)
		if [ -n "$lf_file" ] && [ -f "$lf_file" ]; then
			lf=$(ops_of "$c" "$lf_file")
			lf_class=$(class_of "$c" "$flags" "$lf_file")
		else
			lf="?"
			lf_class="(no result: $(tail -n 1 "$work/lf/log"))"
		fi
		[ "$lf_class" = "$want" ] && lf_class=
		s_ours=$(elapsed "$t0" "$t1")
		s_lf=$(elapsed "$t2" "$t3")
		echo "| $name | $form | $before | $ours | $s_ours | $lf | $s_lf | $lf_class |"
		total_ours=$(echo "$total_ours $s_ours" | awk '{ print $1 + $2 }')
		total_lf=$(echo "$total_lf $s_lf" | awk '{ print $1 + $2 }')
		n=$((n + 1))
	done
done
echo
echo "$n minimizations: ours $total_ours s in all, libFuzzer's $total_lf s"
