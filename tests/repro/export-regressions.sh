#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Every program of a corpus directory exported as a C regression test and
# as a KUnit test case body (docs/reproducers.md): the KUnit body compiles
# against the tree's real include/linux/iommu.h (with tests/repro/kunit/),
# the C test compiles and links in one compiler invocation and reproduces
# the outcome the program's "# expect:" line names, and the text export
# replays to that outcome too. Programs run on the tree their
# "# patches:" line names, with their "# replay-flags:"; a program whose
# tree this build lacks is skipped.
#
# usage: export-regressions.sh IOTLBFUZZ DIR TOOLCHAIN_DIR
#   TOOLCHAIN_DIR: <release>.sh files setting CC, CFLAGS, LIBS and
#   KUNIT_CFLAGS (written by tests/repro/CMakeLists.txt)
set -u
bin=$1
dir=$2
toolchains=$3
release=$("$bin" list | sed -n 's/^kernel tree: //p')
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pass=0
fail=0
skip=0

header() { # file key
	sed -n "s/^# $2: *//p" "$1" | head -n 1
}

failed() { # file what [log]
	fail=$((fail + 1))
	echo "FAIL $1: $2"
	[ -n "${3:-}" ] && [ -f "$3" ] && sed 's/^/    /' "$3"
	return 0
}

for f in "$dir"/*.textproto; do
	[ -e "$f" ] || continue
	name=$(basename "$f" .textproto)
	want=$(header "$f" expect)
	flags=$(header "$f" replay-flags)
	patches=$(header "$f" patches)
	tree=$release
	for p in $patches; do tree="$tree+$p"; done
	cli=$bin
	[ -n "$patches" ] && cli=$(dirname "$bin")/iotlbfuzz-$tree
	if [ ! -x "$cli" ] || [ ! -f "$toolchains/$tree.sh" ]; then
		skip=$((skip + 1))
		echo "SKIP $f: no build of $tree"
		continue
	fi
	CC=''
	CFLAGS=''
	LIBS=''
	KUNIT_CFLAGS=''
	# shellcheck disable=SC1090 # written by the build, one per tree
	. "$toolchains/$tree.sh"
	out=$work/$name
	log=$work/$name.log
	# shellcheck disable=SC2086
	if ! "$cli" export --format c $flags -o "$out.c" "$f" 2>"$log" ||
		! "$cli" export --format kunit $flags -o "$out.kunit.c" "$f" 2>>"$log" ||
		! "$cli" export --format text $flags -o "$out.textproto" "$f" 2>>"$log"; then
		failed "$f" "export failed" "$log"
		continue
	fi
	if ! grep -qx " \* expect: $want" "$out.c"; then
		failed "$f" "the C export does not expect '$want'" "$out.c"
		continue
	fi
	# shellcheck disable=SC2086
	if ! $CC $KUNIT_CFLAGS -fsyntax-only -include kunit/test.h \
		-include iotlbfuzz_kunit.h "$out.kunit.c" >"$log" 2>&1; then
		failed "$f" "the KUnit body does not compile" "$log"
		continue
	fi
	# shellcheck disable=SC2086
	if ! $CC $CFLAGS "$out.c" $LIBS -o "$out" >"$log" 2>&1; then
		failed "$f" "the C test does not build" "$log"
		continue
	fi
	if ! "$out" >"$log" 2>&1; then
		failed "$f" "the C test fails" "$log"
		continue
	fi
	# shellcheck disable=SC2086
	if ! "$cli" replay --check-expect $flags "$out.textproto" >"$log" 2>&1 ||
		[ "$(header "$out.textproto" expect)" != "$want" ]; then
		failed "$f" "the text export does not replay as '$want'" "$log"
		continue
	fi
	pass=$((pass + 1))
	echo "PASS $f: $want (C test, KUnit body, text)"
done
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
