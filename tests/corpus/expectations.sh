# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=sh
#
# Sourced by the tests that read corpus headers: a header's value for the
# tree a CLI was built from. "# <key>-if [!]<trait>: <value>" lines (the
# first that matches the tree's traits) override "# <key>: <value>"
# (docs/program-format.md); keys: expect, default. A line naming a trait
# the CLI does not know gives "unknown-trait:<name>", which no outcome
# equals.

tree_traits=
tree_traits_absent=

# read_tree_traits CLI: the traits of the tree CLI was built from, into
# $tree_traits and $tree_traits_absent
read_tree_traits() {
	tree_traits=$("$1" list | sed -n 's/^kernel traits: *//p')
	tree_traits_absent=$("$1" list | sed -n 's/^kernel traits absent: *//p')
}

# resolve KEY: header lines on stdin, the value for this tree on stdout
resolve() {
	awk -v key="$1" -v have=" $tree_traits " -v absent=" $tree_traits_absent " '
		index($0, "# " key "-if ") == 1 {
			rest = substr($0, length("# " key "-if ") + 1)
			c = index(rest, ":")
			name = c ? substr(rest, 1, c - 1) : rest
			val = substr(rest, c + 1)
			sub(/^ +/, "", val)
			neg = sub(/^!/, "", name)
			if (!c || (!index(have, " " name " ") && !index(absent, " " name " "))) {
				unknown = name
				next
			}
			if (!matched && (index(have, " " name " ") > 0) != neg) {
				matched = val
			}
			next
		}
		index($0, "# " key ":") == 1 && !seen {
			plain = substr($0, length("# " key ":") + 1)
			sub(/^ +/, "", plain)
			seen = 1
		}
		END {
			if (unknown != "") print "unknown-trait:" unknown
			else if (matched != "") print matched
			else print plain
		}'
}

# header FILE KEY
header() {
	resolve "$2" <"$1"
}

# listed EXPECTATIONS NAME: the expectation of a binary program, from
# "<name> <outcome>" and "<name> expect-if [!]<trait>: <outcome>" lines
listed() {
	awk -v n="$2" '$1 == n {
		sub(/^[^ \t]+[ \t]+/, "")
		print (index($0, "expect-if ") == 1 ? "# " : "# expect: ") $0
	}' "$1" | resolve expect
}
