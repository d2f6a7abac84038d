#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The CLI's conventions: every subcommand's --help prints its usage to
# stdout and exits 0 ("iotlbfuzz help SUBCOMMAND" and "iotlbfuzz --help"
# too); a usage error prints it to stderr and exits 2.
#
# usage: help.sh IOTLBFUZZ
set -u
bin=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pass=0
fail=0

# expect NAME RC WHERE ARGS...: exit RC, "usage:" on WHERE (out or err)
# and nothing on the other stream
expect() {
	name=$1 rc=$2 where=$3
	shift 3
	"$bin" "$@" >"$work/out" 2>"$work/err"
	got=$?
	other=err
	[ "$where" = err ] && other=out
	if [ "$got" -eq "$rc" ] && grep -q '^usage: ' "$work/$where" &&
		[ ! -s "$work/$other" ]; then
		pass=$((pass + 1))
		echo "PASS $name"
	else
		fail=$((fail + 1))
		echo "FAIL $name: exit $got (want $rc), usage wanted on std$where"
		sed 's/^/    out: /' "$work/out"
		sed 's/^/    err: /' "$work/err"
	fi
}

for c in replay report print list minimize export check-patch; do
	expect "$c --help" 0 out "$c" --help
	expect "$c -h" 0 out "$c" -h
	expect "help $c" 0 out help "$c"
done
expect "--help" 0 out --help
expect "help" 0 out help
expect "no subcommand" 2 err
expect "unknown subcommand" 2 err no-such-subcommand
expect "replay: no file" 2 err replay
expect "replay: unknown flag" 2 err replay --no-such-flag x
expect "minimize: no file" 2 err minimize
expect "export: no format" 2 err export x
expect "report: no file" 2 err report
expect "print: no file" 2 err print
expect "list: extra argument" 2 err list extra
expect "check-patch: no kernel" 2 err check-patch

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
