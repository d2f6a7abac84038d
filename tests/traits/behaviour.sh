#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Tree traits come from what the code does, not how it is spelt
# (impl/kernel/tree_probes.c). On the default tree with patch fixtures:
#   90c5def10bea re-spelt without likely(), as a helper function (which
#   no text match knows: the source reading is "unrecognised"), and with
#   the guard moved into the caller all build and get exactly the traits
#   of 90c5def10bea itself;
#   a guard that means something else (a gather's pgsize) builds, and
#   the probes leave sync-skips-empty-gather undecided instead of guessing;
#   the unpatched tree's traits agree with its source reading.
#
# usage: behaviour.sh BUILD_DIR RELEASE
set -u
dir=$1
release=$2
pass=0
fail=0

ok() { pass=$((pass + 1)); echo "PASS $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; }

cli() { # fixtures...: the CLI of the default tree with them
	c=$dir/iotlbfuzz-$release
	for p in "$@"; do c="$c+$p"; done
	echo "$c"
}

# field LISTING KEY: "kernel traits<KEY>: ..." of a list output
field() {
	printf '%s\n' "$1" | sed -n "s/^kernel traits$2: *//p"
}

# decision LISTING TRAIT: "<state> <source reading>" of one trait
decision() {
	printf '%s\n' "$1" | awk -v t="$2" '
		$1 == t { state = $2; want = 1; next }
		want && /source reading:/ {
			sub(/.*source reading: /, ""); print state, $1; exit
		}'
}

reference=$(cli 90c5def10bea-empty-gather)
if [ ! -x "$reference" ]; then
	echo "FAIL: no build of $release+90c5def10bea-empty-gather in $dir"
	exit 1
fi
ref=$("$reference" list)
case " $(field "$ref" "") " in
*" sync-skips-empty-gather "*) ok "90c5def10bea: sync-skips-empty-gather" ;;
*) bad "90c5def10bea: no sync-skips-empty-gather: $(field "$ref" "")" ;;
esac

for fixture in 90c5def10bea-no-likely 90c5def10bea-helper 90c5def10bea-in-caller; do
	c=$(cli "$fixture")
	if [ ! -x "$c" ]; then
		bad "$fixture: not built ($c)"
		continue
	fi
	got=$("$c" list)
	for key in "" " absent" " undecided"; do
		if [ "$(field "$got" "$key")" = "$(field "$ref" "$key")" ]; then
			ok "$fixture: traits$key as 90c5def10bea's ($(field "$got" "$key"))"
		else
			bad "$fixture: traits$key '$(field "$got" "$key")', 90c5def10bea has '$(field "$ref" "$key")'"
		fi
	done
done

# the helper is beyond the text match: decided by behaviour all the same
d=$(decision "$("$(cli 90c5def10bea-helper)" list)" sync-skips-empty-gather)
if [ "$d" = "present unrecognised" ]; then
	ok "90c5def10bea-helper: present by behaviour, source unrecognised"
else
	bad "90c5def10bea-helper: decision '$d', want 'present unrecognised'"
fi

c=$(cli empty-gather-pgsize-guard)
if [ -x "$c" ]; then
	got=$("$c" list)
	case " $(field "$got" " undecided") " in
	*" sync-skips-empty-gather "*) ok "pgsize guard: sync-skips-empty-gather undecided" ;;
	*) bad "pgsize guard: sync-skips-empty-gather not undecided: $(printf '%s\n' "$got" | grep -A1 sync-skips)" ;;
	esac
	# a program whose expectation depends on it is run, not judged
	f=$(dirname "$0")/../../corpus/regressions/empty-gather-sync--6.12-mtk-unmap-nothing.textproto
	out=$("$c" replay --check-expect "$f")
	rc=$?
	case "$out" in
	"NOTE "*"not judged"*) [ $rc -eq 0 ] && ok "pgsize guard: expect-if on it is not judged" ||
		bad "pgsize guard: NOTE but exit $rc" ;;
	*) bad "pgsize guard: replay --check-expect said: $out" ;;
	esac
else
	bad "empty-gather-pgsize-guard: not built ($c)"
fi

# the unpatched tree: every trait decided, and the source agrees
plain=$("$dir/iotlbfuzz" list)
if [ -z "$(field "$plain" " undecided")" ] &&
	! printf '%s\n' "$plain" | grep -q DISAGREES; then
	ok "$release: every trait decided, the source reading agrees"
else
	bad "$release: $(printf '%s\n' "$plain" | sed -n '/^trait decisions/,/^$/p')"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
