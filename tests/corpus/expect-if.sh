#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# "# expect-if" lines (docs/program-format.md) read the same way by
# `replay --check-expect` (fuzz/program/expectation.c) and by replay-corpus.sh
# (expectations.sh), on whatever tree this build has: a matching line
# overrides "# expect:", a line that does not match does not, the first
# matching line wins, EXPECTATIONS lines work like headers, and a line
# naming an unknown trait fails both.
#
# usage: expect-if.sh IOTLBFUZZ SOURCE_DIR
set -u
bin=$1
src=$2
here=$(dirname "$0")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pass=0
fail=0
# shellcheck source-path=SCRIPTDIR source=expectations.sh
. "$here/expectations.sh"
read_tree_traits "$bin"

# a condition this tree meets, and one it does not
# shellcheck disable=SC2086 # one trait per word
set -- $tree_traits
if [ $# -gt 0 ]; then
	yes=$1 no=!$1
else
	# shellcheck disable=SC2086
	set -- $tree_traits_absent
	yes=!$1 no=$1
fi
# clean on every tree
body=$src/corpus/seeds/lpae64-s1-4k-pages.textproto

program() { # name header-lines...
	f=$work/$1.textproto
	shift
	printf '%s\n' "$@" >"$f"
	grep -v '^#' "$body" >>"$f"
}

# agree NAME WANT_RC: --check-expect and replay-corpus.sh both pass (0) or
# both fail (1) on the program NAME alone
agree() {
	mkdir -p "$work/dir-$1"
	cp "$work/$1.textproto" "$work/dir-$1/"
	"$bin" replay --check-expect "$work/$1.textproto" >"$work/log" 2>&1
	c=$?
	sh "$here/replay-corpus.sh" "$bin" "$work/dir-$1" >>"$work/log" 2>&1
	s=$?
	[ "$c" -ne 0 ] && c=1
	[ "$s" -ne 0 ] && s=1
	if [ "$c" = "$2" ] && [ "$s" = "$2" ]; then
		pass=$((pass + 1))
		echo "PASS $1: both exit $2"
	else
		fail=$((fail + 1))
		echo "FAIL $1: --check-expect exit $c, replay-corpus.sh exit $s, want $2"
		sed 's/^/    /' "$work/log"
	fi
}

program matching-overrides "# expect: rejected" "# expect-if $yes: clean"
agree matching-overrides 0
program other-does-not "# expect: clean" "# expect-if $no: rejected"
agree other-does-not 0
program other-wrongly "# expect: rejected" "# expect-if $no: clean"
agree other-wrongly 1
program first-wins "# expect: rejected" "# expect-if $yes: clean" "# expect-if $yes: rejected"
agree first-wins 0
program first-wins-wrongly "# expect: clean" "# expect-if $yes: rejected" "# expect-if $yes: clean"
agree first-wins-wrongly 1
program unknown-trait "# expect: clean" "# expect-if no-such-trait: clean"
agree unknown-trait 1
program only-expect-if "# expect-if $yes: clean"
agree only-expect-if 1

# EXPECTATIONS: a binary program and its per-tree line
d=$work/listed
mkdir -p "$d"
printf 'garbage' >"$d/junk.bin"
for case in "rejected:0" "clean:1"; do
	want=${case%%:*} rc=${case#*:}
	printf 'junk.bin clean\njunk.bin expect-if %s: %s\n' "$yes" "$want" >"$d/EXPECTATIONS"
	sh "$here/replay-corpus.sh" "$bin" "$d" >"$work/log" 2>&1
	got=$?
	[ "$got" -ne 0 ] && got=1
	if [ "$got" = "$rc" ]; then
		pass=$((pass + 1))
		echo "PASS EXPECTATIONS expect-if $yes: $want: exit $rc"
	else
		fail=$((fail + 1))
		echo "FAIL EXPECTATIONS expect-if $yes: $want: exit $got, want $rc"
		sed 's/^/    /' "$work/log"
	fi
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
