// SPDX-License-Identifier: GPL-2.0-only
/*
 * The libFuzzer entry point: the same runner as `iotlbfuzz replay`, with
 * every divergence aborting through its class function. Rejected inputs
 * are kept out of the corpus.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "runner.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct run_options opt;
	static bool ready;
	struct run_outcome out;

	if (!ready) {
		run_options_default(&opt);
		opt.fatal = true;
		opt.warn_fatal = getenv("IOTLBFUZZ_WARN_FATAL") != NULL;
		opt.no_suppress = getenv("IOTLBFUZZ_NO_SUPPRESS") != NULL;
		ready = true;
	}
	return run_input(data, size, &opt, &out) == RUN_REJECTED ? -1 : 0;
}
