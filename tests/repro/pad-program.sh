#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Pad a text program with operations that have nothing to do with its
# divergence, for testing and benchmarking minimizers: before each of its
# operations (and after the last), BLOCKS blocks of four: a map of a 64K
# region far above the program's own addresses, an access to it, an
# iova_to_phys of it and a prefetch in it. Every format and granule
# takes these addresses (aligned to 64K, below 2^32).
#
# usage: pad-program.sh FILE [BLOCKS] > PADDED
set -eu
file=$1
blocks=${2:-1}
awk -v blocks="$blocks" '
function noise(   k, iova) {
	for (k = 0; k < blocks; k++) {
		iova = sprintf("0x%x", 2130706432 + region * 65536)
		region++
		printf "ops { map { iova: %s paddr: %s size: 0x10000 prot: 3 } }\n", iova, iova
		printf "ops { access { iova: %s access: READ } }\n", iova
		printf "ops { iova_to_phys { iova: %s } }\n", iova
		printf "ops { prefetch { iova: %s } }\n", iova
	}
}
BEGIN { region = 0 }
/^ops/ { noise(); print; next }
{ print }
END { noise() }
' "$file"
