#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Replay a corpus directory and check every program's expectation:
#   # expect: <clean | rejected | suppressed | divergence class>
#   # expect-if [!]<trait>: <expectation>     (optional: on a tree with
#                                               (without) that trait,
#                                               docs/program-format.md)
#   # replay-flags: <extra replay flags>        (optional)
#   # clean-on: <driver>                        (optional: unless the tree
#                                               rejects it, the same program
#                                               must be clean on that driver)
#   # default: <expectation>                    (optional: what a replay
#                                               without the flags gives;
#                                               default-if as expect-if)
#   # reason: <text>                            (optional, rejected only:
#                                               the rejection names it)
#   # patches: <fixture> ...                    (optional: run on this
#                                               tree with these patch
#                                               fixtures applied)
#   # fixed-by: <fixture> ...                   (optional: with these
#                                               added, the program is clean)
# A program whose patched build is not part of this build is skipped.
# Binary files take their expectation from a line "<file> <expectation>" in
# the directory's EXPECTATIONS file, overridden by lines
# "<file> expect-if [!]<trait>: <expectation>".
#
# usage: replay-corpus.sh IOTLBFUZZ DIR [WRAPPER]
#   WRAPPER: a script run as "sh WRAPPER CLI replay --quiet ..." instead
#   of "CLI replay --quiet ...", to hold another front end to the same
#   expectations (tests/afl/afl-replay.sh: the AFL++ target)
set -u

bin=$1
dir=$2
wrapper=${3:-}
pass=0
fail=0
skip=0
release=$("$bin" list | sed -n 's/^kernel tree: //p')
# shellcheck source-path=SCRIPTDIR source=expectations.sh
. "$(dirname "$0")/expectations.sh"

# The CLI built from this tree plus patches, or nothing.
variant() { # patches...
	[ $# -eq 0 ] && { echo "$bin"; return; }
	v=$(dirname "$bin")/iotlbfuzz-$release
	for p in "$@"; do v="$v+$p"; done
	if [ -x "$v" ]; then echo "$v"; fi
}

check() { # file expected flags...
	file=$1
	want=$2
	shift 2
	if [ -n "$wrapper" ]; then
		out=$(sh "$wrapper" "$run" replay --quiet "$@" "$file" 2>/dev/null)
	else
		out=$("$run" replay --quiet "$@" "$file" 2>/dev/null)
	fi
	case "$out" in
	*": clean ("*) got=clean ;;
	*": rejected: "*) got=rejected ;;
	*": suppressed: "*) got=suppressed ;;
	*": "*" at op #"*) got=$(printf '%s\n' "$out" | sed -n 's/^.*: \([a-z-]*\) at op #.*$/\1/p' | head -n 1) ;;
	*) got="crash-or-no-output" ;;
	esac
	label="${wrapper:+$(basename "$wrapper") }$(basename "$run") $*"
	if [ "$got" = rejected ] && [ -n "$reason" ]; then
		case "$out" in
		*"$reason"*) ;;
		*) got="rejected for another reason than '$reason'" ;;
		esac
	fi
	case "$want" in
	undecided:*)
		skip=$((skip + 1))
		echo "NOTE $file ($label): got $got, not judged: its expectation depends on trait '${want#undecided:}', which this tree's probes could not decide"
		return
		;;
	esac
	if [ "$got" = "$want" ]; then
		pass=$((pass + 1))
		echo "PASS $file ($label): $got"
	else
		fail=$((fail + 1))
		echo "FAIL $file ($label): expected $want, got $got"
		printf '%s\n' "$out" | sed 's/^/    /'
	fi
}

found=0
for f in "$dir"/*.textproto; do
	[ -e "$f" ] || continue
	found=1
	flags=$(header "$f" replay-flags)
	patches=$(header "$f" patches)
	fixed_by=$(header "$f" fixed-by)
	reason=$(header "$f" reason)
	if ! grep -q '^# expect:' "$f"; then
		fail=$((fail + 1))
		echo "FAIL $f: no '# expect:' line"
		continue
	fi
	# shellcheck disable=SC2086
	run=$(variant $patches)
	if [ -z "$run" ]; then
		skip=$((skip + 1))
		echo "SKIP $f: no build of $release with: $patches"
		continue
	fi
	# the expectation for the tree it runs on
	read_tree_traits "$run"
	want=$(header "$f" expect)
	tree_want=$want
	# shellcheck disable=SC2086
	check "$f" "$want" $flags
	if [ -n "$fixed_by" ]; then
		# shellcheck disable=SC2086
		run=$(variant $patches $fixed_by)
		if [ -n "$run" ]; then
			check "$f" clean $flags
		else
			skip=$((skip + 1))
			echo "SKIP $f (fixed-by): no build of $release with: $patches $fixed_by"
		fi
		# shellcheck disable=SC2086
		run=$(variant $patches)
	fi
	clean_on=$(header "$f" clean-on)
	# a domain this tree refuses (a format it lacks) is refused for both
	if [ -n "$clean_on" ] && [ "$tree_want" != rejected ]; then
		check "$f" clean --driver "$clean_on"
	fi
	default=$(header "$f" default)
	[ -n "$default" ] && check "$f" "$default"
done

if [ -f "$dir/EXPECTATIONS" ]; then
	read_tree_traits "$bin"
	# shellcheck disable=SC2094 # listed only reads it
	while read -r name rest; do
		case "$name" in "" | "#"*) continue ;; esac
		case "$rest" in expect-if*) continue ;; esac
		found=1
		run=$bin
		reason=
		check "$dir/$name" "$(listed "$dir/EXPECTATIONS" "$name")"
	done <"$dir/EXPECTATIONS"
fi

[ "$found" = 1 ] || { echo "no programs in $dir"; exit 1; }
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
