#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Every program of a corpus directory exported as a C regression test and
# as a KUnit test case body (docs/reproducers.md): the KUnit body compiles
# against the tree's real include/linux/iommu.h (with tests/repro/kunit/),
# the C test compiles (one compiler invocation each) and reproduces the
# outcome the program's "# expect:" line names, and the text export
# replays to that outcome too. Programs run on the tree their
# "# patches:" line names, with their "# replay-flags:"; a program whose
# tree this build lacks is skipped.
#
# The C tests of one tree are linked into one executable, each main()
# renamed and picked by its number on the command line, so that a build
# whose links are slow (LTO) pays for one link per tree; each still runs
# alone, in its own process.
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

# shellcheck source-path=SCRIPTDIR source=../corpus/expectations.sh
. "$(dirname "$0")/../corpus/expectations.sh"

failed() { # file what [log]
	fail=$((fail + 1))
	echo "FAIL $1: $2"
	[ -n "${3:-}" ] && [ -f "$3" ] && sed 's/^/    /' "$3"
	return 0
}

toolchain() { # tree
	CC=''
	CFLAGS=''
	LIBS=''
	KUNIT_CFLAGS=''
	# shellcheck disable=SC1090 # written by the build, one per tree
	. "$toolchains/$1.sh"
}

n=0
for f in "$dir"/*.textproto; do
	[ -e "$f" ] || continue
	n=$((n + 1))
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
	# what the tree it runs on gives (its expect-if lines)
	read_tree_traits "$cli"
	want=$(header "$f" expect)
	case "$want" in
	undecided:*)
		skip=$((skip + 1))
		echo "SKIP $f: its expectation depends on trait '${want#undecided:}', undecided on $tree"
		continue
		;;
	esac
	echo "$want" >"$work/$n.want"
	toolchain "$tree"
	out=$work/$n
	log=$work/$n.log
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
	if ! "$cli" replay --check-expect $flags "$out.textproto" >"$log" 2>&1 ||
		[ "$(header "$out.textproto" expect)" != "$want" ]; then
		failed "$f" "the text export does not replay as '$want'" "$log"
		continue
	fi
	# shellcheck disable=SC2086
	if ! $CC $KUNIT_CFLAGS -fsyntax-only -include kunit/test.h \
		-include iotlbfuzz_kunit.h "$out.kunit.c" >"$log" 2>&1; then
		failed "$f" "the KUnit body does not compile" "$log"
		continue
	fi
	# shellcheck disable=SC2086
	if ! $CC $CFLAGS -Dmain=export_test_$n -c "$out.c" -o "$out.o" >"$log" 2>&1; then
		failed "$f" "the C test does not compile" "$log"
		continue
	fi
	# run by the tree's executable below
	echo "$n $f" >>"$work/tree-$(echo "$tree" | tr '+' '_').list"
	echo "$tree" >"$work/tree-$(echo "$tree" | tr '+' '_').name"
done

for list in "$work"/tree-*.list; do
	[ -e "$list" ] || continue
	tree=$(cat "${list%.list}.name")
	toolchain "$tree"
	main=${list%.list}.main.c
	# one entry point per test, chosen by number
	{
		echo "#include <stdlib.h>"
		while read -r i f; do echo "int export_test_$i(void);"; done <"$list"
		echo "int main(int argc, char **argv)"
		echo "{"
		echo "	int n = argc > 1 ? atoi(argv[1]) : 0;"
		echo
		echo "	switch (n) {"
		while read -r i f; do echo "	case $i: return export_test_$i();"; done <"$list"
		echo "	}"
		echo "	return 2;"
		echo "}"
	} >"$main"
	objs=$(while read -r i f; do printf '%s ' "$work/$i.o"; done <"$list")
	exe=${list%.list}.exe
	# shellcheck disable=SC2086
	if ! $CC $CFLAGS "$main" $objs $LIBS -o "$exe" >"$work/link.log" 2>&1; then
		while read -r i f; do failed "$f" "the C test does not link" "$work/link.log"; done <"$list"
		continue
	fi
	while read -r i f; do
		if "$exe" "$i" >"$work/run.log" 2>&1; then
			pass=$((pass + 1))
			echo "PASS $f: $(cat "$work/$i.want") (C test, KUnit body, text)"
		else
			failed "$f" "the C test fails" "$work/run.log"
		fi
	done <"$list"
done
# The KUnit bodies are written for the tree a program ran on; iommu_map()'s
# signature changed in 6.3. Every program without patches is also exported
# by the CLI of each other plain tree of this build (6.1 in the default
# presets), and its body must compile against that tree's headers.
for other in "$(dirname "$bin")"/iotlbfuzz-*; do
	tree=${other##*/iotlbfuzz-}
	case "$tree" in *+*) continue ;; esac
	[ -x "$other" ] && [ -f "$toolchains/$tree.sh" ] || continue
	toolchain "$tree"
	for f in "$dir"/*.textproto; do
		[ -e "$f" ] && [ -z "$(header "$f" patches)" ] || continue
		n=$((n + 1))
		out=$work/$n.kunit.c
		log=$work/$n.log
		# shellcheck disable=SC2086
		if ! "$other" export --format kunit $(header "$f" replay-flags) -o "$out" "$f" >"$log" 2>&1; then
			skip=$((skip + 1))
			echo "SKIP $f on $tree: $(head -n 1 "$log")"
			continue
		fi
		# shellcheck disable=SC2086
		if $CC $KUNIT_CFLAGS -fsyntax-only -include kunit/test.h \
			-include iotlbfuzz_kunit.h "$out" >"$log" 2>&1; then
			pass=$((pass + 1))
			echo "PASS $f: KUnit body for $tree"
		else
			failed "$f" "the KUnit body for $tree does not compile" "$log"
		fi
	done
done
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
