# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=bash
#
# Sourced by the check-patch tests: one PASS or FAIL line per check, the
# counts in $pass and $fail; has PATTERN greps the log in $log.
pass=0
fail=0

check() { # what condition...
	local what=$1
	shift
	if "$@"; then
		echo "PASS $what"
		pass=$((pass + 1))
	else
		echo "FAIL $what"
		fail=$((fail + 1))
	fi
}

# shellcheck disable=SC2154 # $log: the sourcing test sets it per check-patch run
has() { grep -q -- "$1" "$log"; }
