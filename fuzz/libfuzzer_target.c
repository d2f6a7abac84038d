// SPDX-License-Identifier: GPL-2.0-only
/*
 * The libFuzzer entry point: the same runner as `iotlbfuzz replay`, with
 * every divergence aborting through its class function. Rejected inputs
 * are kept out of the corpus.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <stdio.h>

#include "kstack.h"
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
		opt.no_over_invalidation =
			getenv("IOTLBFUZZ_NO_OVER_INVALIDATION") != NULL;
		/* one driver model for the whole campaign (by name) */
		if (getenv("IOTLBFUZZ_DRIVER")) {
			opt.driver_override =
				kstack_driver_by_name(getenv("IOTLBFUZZ_DRIVER"));
			if (opt.driver_override < 0) {
				fprintf(stderr, "IOTLBFUZZ_DRIVER=%s: no such driver model\n",
					getenv("IOTLBFUZZ_DRIVER"));
				abort();
			}
		}
		ready = true;
	}
	switch (run_input(data, size, &opt, &out)) {
	case RUN_REJECTED:
		return -1; /* keep it out of the corpus */
	case RUN_SUPPRESSED:
		/* a known finding: worth nothing more once it is known */
		return out.msg[0] && !strncmp(out.msg, "configuration not run", 21) ?
			       -1 :
			       0;
	default:
		return 0;
	}
}
