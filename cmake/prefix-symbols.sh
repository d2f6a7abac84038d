#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Give every symbol an object DEFINES a prefix, references to what it does
# not define (libc, libprotobuf-c, the sanitizer and libFuzzer runtimes) are
# left alone: the object then shares no state and no name with another
# tree's object linked into the same binary (cmake/Differential.cmake).
#
# usage: prefix-symbols.sh NM OBJCOPY PREFIX IN OUT
set -eu
nm=$1
objcopy=$2
prefix=$3
in=$4
out=$5
map=$out.map

# -P: "name type value size"; -g: globals (and weak ones) only
"$nm" -P -g --defined-only "$in" | awk -v p="$prefix" '
	NF >= 2 && $2 != "U" && $2 != "w" && $2 != "v" { print $1, p $1 }
' | sort -u >"$map"
if [ ! -s "$map" ]; then
	echo "prefix-symbols.sh: $in defines no global symbol" >&2
	exit 1
fi
"$objcopy" --redefine-syms="$map" "$in" "$out"
