// SPDX-License-Identifier: GPL-2.0-only
#define _POSIX_C_SOURCE 200809L
#include "check_patch_exec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef IOTLBFUZZ_SOURCE_DIR
#error "IOTLBFUZZ_SOURCE_DIR names the source tree holding ci/check-patch.sh"
#endif

int check_patch_exec(int argc, char **argv)
{
	static const char script[] = IOTLBFUZZ_SOURCE_DIR "/ci/check-patch.sh";
	char **args = calloc((size_t)argc + 3, sizeof(*args));

	if (!args) {
		perror("iotlbfuzz check-patch");
		return 2;
	}
	args[0] = "bash";
	args[1] = (char *)script;
	memcpy(args + 2, argv, (size_t)argc * sizeof(*args));
	execvp("bash", args);
	fprintf(stderr, "iotlbfuzz check-patch: cannot run bash %s: ", script);
	perror(NULL);
	free(args);
	return 2;
}
