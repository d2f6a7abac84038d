#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Compiler and linker launcher of the AFL++ custom mutator in an AFL++
# build: runs PLAIN_CC in place of the AFL++ compiler CMake passes next.
# The mutator runs inside afl-fuzz, which does not provide the runtime that
# instrumented code needs, and afl-clang-lto instruments at link time, past
# what a deny list can stop (__afl_final_loc stays undefined and the
# library does not load).
#
# usage: plain-cc.sh PLAIN_CC AFL_CC ARGS...
plain=$1
shift 2
exec "$plain" "$@"
