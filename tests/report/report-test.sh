#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# `iotlbfuzz report` on corpus programs of different divergence classes:
# the HTML and markdown files are written, the HTML is a well-formed,
# self-contained page, and both name the class, the first divergent op, a
# kernel function that must have run in it (from the function trace) and a
# line of its sync log (from the event log). A clean, a suppressed and a
# rejected program get a message and their exit status, and no report.
#
# usage: report-test.sh IOTLBFUZZ SOURCE_DIR
set -u

cli=$1
src=$2
corpus=$src/corpus
checker=$src/tests/report/check-html.py
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pass=0
fail=0
release=$("$cli" list | sed -n 's/^kernel tree: //p')
# shellcheck source-path=SCRIPTDIR source=../corpus/expectations.sh
. "$src/tests/corpus/expectations.sh"
read_tree_traits "$cli"
# has_trait NAME: this tree has it (docs/shim.md, "Tree traits")
has_trait() {
	case " $tree_traits " in *" $1 "*) return 0 ;; esac
	case " $tree_traits_absent " in *" $1 "*) return 1 ;; esac
	echo "report-test.sh: $1 is not a trait of this build" >&2
	exit 1
}

ok() { pass=$((pass + 1)); echo "PASS $*"; }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }

# has FILE TEXT: the file holds TEXT (fixed string)
has() { grep -qF -- "$2" "$1"; }

# report FILE "FLAGS" CLASS OP FUNCTION FN_OP LOGLINE
# FUNCTION must have run in op FN_OP (the divergent op or one before it);
# it is one io-pgtable reaches through a function pointer, so no compiler
# inlines it away. LOGLINE is a line of the event log of those ops.
report() {
	file=$1 flags=$2 class=$3 op=$4 fn=$5 fn_op=$6 logline=$7
	name=$(basename "$file")
	html=$work/$name.html
	md=$work/$name.md
	# shellcheck disable=SC2086
	out=$("$cli" report $flags -o "$html" --markdown "$md" "$file" 2>&1)
	rc=$?
	if [ $rc -ne 0 ] || [ ! -s "$html" ] || [ ! -s "$md" ]; then
		bad "$name: exit $rc, files missing: $out"
		return
	fi
	case "$out" in
	*"$class at op #$op: report written"*) ;;
	*) bad "$name: says '$out', not $class at op #$op"; return ;;
	esac
	if ! python3 "$checker" "$html"; then
		bad "$name: the HTML is not well-formed or not self-contained"
		return
	fi
	if command -v xmllint >/dev/null 2>&1 &&
		! xmllint --html --noout "$html" 2>"$work/xmllint"; then
		bad "$name: xmllint: $(head -n 3 "$work/xmllint")"
		return
	fi
	for f in "$html" "$md"; do
		for want in "ASSERTION FAILURE: $class: " \
			"iotlbfuzz: $class at op #$op" "$fn" "$logline" \
			"$release"; do
			if ! has "$f" "$want"; then
				bad "$name: $(basename "$f") lacks '$want'"
				return
			fi
		done
	done
	# the function trace put it in that op
	if ! grep -q "^In op #$fn_op: .*\\b$fn\\b" "$md"; then
		bad "$name: $fn is not among op #$fn_op's kernel functions"
		return
	fi
	ok "$name: $class at op #$op, $fn, '$logline'"
}

# none FILE "FLAGS" STATUS MESSAGE: no report, a message, an exit status
none() {
	file=$1 flags=$2 want_rc=$3 message=$4
	name=$(basename "$file")
	html=$work/none-$name.html
	# shellcheck disable=SC2086
	out=$("$cli" report $flags -o "$html" "$file" 2>&1)
	rc=$?
	if [ $rc -ne "$want_rc" ]; then
		bad "$name: exit $rc, expected $want_rc: $out"
	elif [ -e "$html" ]; then
		bad "$name: wrote a report"
	else
		case "$out" in
		*"$message"*) ok "$name: exit $rc, '$message'" ;;
		*) bad "$name: says '$out', expected '$message'" ;;
		esac
	fi
}

report "$corpus/regressions/stale-translation--no-walk-flush-block-over-table.textproto" "" \
	stale-translation 2 arm_lpae_map_pages 2 \
	"tlb_flush_walk iova 0x200000 size 0x200000 granule 0x1000"
report "$corpus/regressions/kernel-bug--unmap-byte-short.textproto" "" \
	kernel-bug 1 arm_lpae_unmap_pages 1 \
	"tlb_add_page iova 0x10000 granule 0x1000"
# the driver's tlb_add_page adds nothing: a core that fills a gather the
# driver left empty passes iotlb_sync the unmapped range instead of an
# empty gather, and the class stays
if has_trait core-fills-empty-gather; then
	report "$corpus/regressions/completion--no-add-page.textproto" "" \
		completion 2 iommu_iotlb_gather_add_range 2 \
		"iotlb_sync gather [0x1000, 0x1fff] pgsize 0x0"
else
	report "$corpus/regressions/completion--no-add-page.textproto" "" \
		completion 2 arm_lpae_unmap_pages 2 \
		"iotlb_sync gather [0xffffffffffffffff, 0x0] pgsize 0x0 (empty)"
fi
report "$corpus/regressions/cross-driver--amd-whole-page-vs-split.textproto" --no-suppress \
	cross-driver 1 arm_lpae_unmap_pages 1 \
	"iotlb_sync gather [0x200000, 0x3fffff] pgsize 0x0"
report "$corpus/findings/F9-amd-unmap-inside-page.textproto" --no-suppress \
	unmap-result 1 arm_lpae_unmap_pages 1 \
	"iotlb_sync gather [0x201000, 0x400fff] pgsize 0x0"
# F2 needs a v7s that splits a section on a partial unmap
if has_trait v7s-splits-partial-unmap; then
	report "$corpus/findings/F2-v7s-section-split-byte-form.bin" --no-suppress \
		pgtable-state 1 arm_v7s_unmap_pages 1 \
		"tlb_add_page iova 0x100000 granule 0x1000"
else
	none "$corpus/findings/F2-v7s-section-split-byte-form.bin" --no-suppress 1 \
		": clean (1 WARNs)"
fi
# at teardown: the window holds the map before it
report "$corpus/regressions/pgtable-leak--leak-table.textproto" "" \
	pgtable-leak 1 arm_lpae_map_pages 0 \
	"trace map iova 0x1000 pa 0x42000 size 0x1000"

none "$corpus/seeds/lpae64-s1-4k-pages.textproto" "" 1 ": clean ("
none "$corpus/findings/F9-amd-unmap-inside-page.textproto" "" 1 \
	": suppressed: known finding F9"
none "$corpus/bad/unaligned-iova.textproto" "" 2 ": rejected: "
none "$corpus/bad/random-bytes.bin" "" 2 ": rejected: "
none "$work/no-such-file.textproto" "" 2 ": rejected: cannot open"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
