# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=sh
#
# Sourced by the tests that read corpus headers: a header's value for the
# tree a CLI was built from. "# <key>-if [!]<trait>: <value>" lines (the
# first that matches the tree's traits) override "# <key>: <value>"
# (docs/program-format.md); keys: expect, default. A line naming a trait
# the CLI does not know gives "unknown-trait:<name>", which no outcome
# equals. A value that depends on a trait the tree's probes could not
# decide is "undecided:<name>": the program is run and its outcome shown,
# not judged.

tree_traits=
tree_traits_absent=
tree_traits_undecided=

# read_tree_traits CLI: the traits of the tree CLI was built from, into
# $tree_traits, $tree_traits_absent and $tree_traits_undecided
read_tree_traits() {
	traits_listing=$("$1" list)
	tree_traits=$(printf '%s\n' "$traits_listing" | sed -n 's/^kernel traits: *//p')
	tree_traits_absent=$(printf '%s\n' "$traits_listing" | sed -n 's/^kernel traits absent: *//p')
	tree_traits_undecided=$(printf '%s\n' "$traits_listing" | sed -n 's/^kernel traits undecided: *//p')
}

# resolve KEY: header lines on stdin, the value for this tree on stdout
resolve() {
	awk -v key="$1" -v have=" $tree_traits " -v absent=" $tree_traits_absent " \
		-v undecided=" $tree_traits_undecided " '
		index($0, "# " key "-if ") == 1 {
			rest = substr($0, length("# " key "-if ") + 1)
			c = index(rest, ":")
			name = c ? substr(rest, 1, c - 1) : rest
			val = substr(rest, c + 1)
			sub(/^ +/, "", val)
			neg = sub(/^!/, "", name)
			if (!c || (!index(have, " " name " ") && !index(absent, " " name " ") &&
				   !index(undecided, " " name " "))) {
				unknown = name
				next
			}
			# before the first match, a trait not decided leaves it open
			if (matched == "" && open == "" && index(undecided, " " name " ")) {
				open = name
				next
			}
			if (matched == "" && open == "" && (index(have, " " name " ") > 0) != neg) {
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
			else if (open != "") print "undecided:" open
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
