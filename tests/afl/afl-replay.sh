#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# "iotlbfuzz replay --quiet" through the AFL++ target of the same tree, for
# tests/corpus/replay-corpus.sh: the replay flags become the environment
# the fuzz targets read (fuzz/engines/fuzz_env.h), and an abort through a class
# function becomes the line the CLI prints for a divergence. The CLI runs
# the deliberately broken glues the regressions demonstrate, so the target
# is told to as well.
#
# usage: afl-replay.sh CLI replay --quiet [FLAGS] FILE
set -u
cli=$1
shift 3
name=$(basename "$cli")
target=$(dirname "$cli")/iotlbfuzz_afl${name#iotlbfuzz}

IOTLBFUZZ_ALLOW_MUTANTS=1
export IOTLBFUZZ_ALLOW_MUTANTS
while [ $# -gt 1 ]; do
	case $1 in
	--driver) IOTLBFUZZ_DRIVER=$2; export IOTLBFUZZ_DRIVER; shift ;;
	--no-suppress) IOTLBFUZZ_NO_SUPPRESS=1; export IOTLBFUZZ_NO_SUPPRESS ;;
	--unsuppress) IOTLBFUZZ_UNSUPPRESS=$2; export IOTLBFUZZ_UNSUPPRESS; shift ;;
	--warn-fatal) IOTLBFUZZ_WARN_FATAL=1; export IOTLBFUZZ_WARN_FATAL ;;
	--no-over-invalidation)
		IOTLBFUZZ_NO_OVER_INVALIDATION=1
		export IOTLBFUZZ_NO_OVER_INVALIDATION ;;
	--no-excess-sync)
		IOTLBFUZZ_NO_EXCESS_SYNC=1
		export IOTLBFUZZ_NO_EXCESS_SYNC ;;
	*) echo "afl-replay.sh: no environment for $1" >&2; exit 2 ;;
	esac
	shift
done
file=$1

err=$(mktemp)
"$target" "$file" 2>"$err"
rc=$?
line=$(sed -n 's/^ASSERTION FAILURE: \([a-z-]*\): \(.*\)$/\1 \2/p' "$err" | head -n 1)
rm -f "$err"
if [ -n "$line" ]; then
	# a divergence must end the process as a crash, or AFL++ misses it
	if [ "$rc" -le 128 ]; then
		echo "$file: divergence without a crash (exit $rc): $line"
		exit 1
	fi
	echo "$file: ${line%% *} at op #?: ${line#* }"
	exit 1
fi
exit "$rc"
