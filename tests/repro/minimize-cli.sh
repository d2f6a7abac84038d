#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# `iotlbfuzz minimize` from the command line: every regression program of
# the default tree (and, with --no-suppress, every finding), padded with
# irrelevant operations (pad-program.sh), comes back at most as long as
# the original, with a summary line, and its output is a corpus file that
# replays to the same class; --driver is written into the program; a
# program that does not diverge, or names patches this tree lacks, is
# refused with the reason.
#
# usage: minimize-cli.sh IOTLBFUZZ SRCDIR
set -u
bin=$1
src=$2
here=$(dirname "$0")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pass=0
fail=0

# shellcheck source-path=SCRIPTDIR source=../corpus/expectations.sh
. "$here/../corpus/expectations.sh"
read_tree_traits "$bin"

ok() { pass=$((pass + 1)); echo "PASS $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; [ -f "$work/log" ] && sed 's/^/    /' "$work/log"; }

ops() { grep -c '^ops' "$1"; }

for f in "$src"/corpus/regressions/*.textproto "$src"/corpus/findings/*.textproto; do
	want=$(header "$f" expect)
	flags=$(header "$f" replay-flags)
	[ -n "$(header "$f" patches)" ] && continue # another tree
	[ "$want" = rejected ] && continue
	case "$want" in undecided:*) continue ;; esac # not judged on this tree
	sh "$here/pad-program.sh" "$f" 2 >"$work/padded.textproto"
	# shellcheck disable=SC2086
	got=$("$bin" replay --quiet $flags "$work/padded.textproto" |
		sed -n 's/^.*: \([a-z-]*\) at op #.*$/\1/p')
	# padding that reaches into the divergence (a glue that breaks every
	# access) proves nothing about the minimizer
	[ "$got" = "$want" ] || continue
	# shellcheck disable=SC2086
	if ! "$bin" minimize $flags -o "$work/min.textproto" \
		"$work/padded.textproto" 2>"$work/log"; then
		bad "$f: minimize failed"
		continue
	fi
	if ! grep -q "^minimize: .*: $(ops "$work/padded.textproto") -> $(ops "$work/min.textproto") ops, .* class $want\$" "$work/log"; then
		bad "$f: no summary line with the op counts and class"
		continue
	fi
	if [ "$(ops "$work/min.textproto")" -gt "$(ops "$f")" ]; then
		bad "$f: $(ops "$work/min.textproto") ops, the original has $(ops "$f")"
		continue
	fi
	# shellcheck disable=SC2086
	if [ "$(header "$work/min.textproto" expect)" != "$want" ] ||
		! "$bin" replay --check-expect $flags "$work/min.textproto" >"$work/log" 2>&1; then
		bad "$f: the minimized program does not replay as $want"
		continue
	fi
	ok "$f: $(ops "$work/padded.textproto") -> $(ops "$work/min.textproto") ops, $want"
done

# --driver: the program then names that driver itself
seed=$src/corpus/seeds/lpae64-s1-4k-pages.textproto
if "$bin" minimize --driver broken-no-add-page -o "$work/min.textproto" "$seed" 2>"$work/log" &&
	grep -q 'driver: BROKEN_NO_ADD_PAGE' "$work/min.textproto" &&
	"$bin" replay --check-expect "$work/min.textproto" >"$work/log" 2>&1; then
	ok "--driver broken-no-add-page $seed"
else
	bad "--driver broken-no-add-page $seed"
fi

# a clean program is refused, with the reason, and nothing is written
rm -f "$work/min.textproto"
"$bin" minimize -o "$work/min.textproto" "$seed" 2>"$work/log"
rc=$?
if [ "$rc" -eq 2 ] && grep -q "does not diverge (clean)" "$work/log" &&
	[ ! -e "$work/min.textproto" ]; then
	ok "clean $seed refused"
else
	bad "clean $seed: exit $rc"
fi

# a program whose "# patches:" this binary's tree lacks is refused: its
# output would claim patches the run did not have
"$bin" minimize "$src/corpus/regressions/completion--90c5def-arm-smmu.textproto" \
	>/dev/null 2>"$work/log"
rc=$?
case "$("$bin" list | sed -n 's/^kernel tree: //p')" in
*+90c5def10bea-empty-gather) ;; # it has them
*)
	if [ "$rc" -eq 2 ] && grep -q "names patches '90c5def10bea-empty-gather'" "$work/log"; then
		ok "patches the tree lacks refused"
	else
		bad "patches the tree lacks: exit $rc"
	fi
	;;
esac

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 10 ]
