/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * `iotlbfuzz check-patch ...`: the check builds and fuzzes two kernel trees
 * with this source tree's CMake, so it is a script (ci/check-patch.sh);
 * the CLI only hands over to it.
 */
#ifndef IOTLBFUZZ_CHECK_PATCH_EXEC_H
#define IOTLBFUZZ_CHECK_PATCH_EXEC_H

/* Runs the script with @argv; returns only on failure (exit status 2). */
int check_patch_exec(int argc, char **argv);

#endif
