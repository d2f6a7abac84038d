// SPDX-License-Identifier: GPL-2.0-only
#include <stdio.h>
#include <stdlib.h>

#include "fuzz_env.h"
#include "kstack.h"

void fuzz_options_from_env(struct run_options *o)
{
	const char *driver = getenv("IOTLBFUZZ_DRIVER");

	run_options_default(o);
	o->fatal = true;
	o->warn_fatal = getenv("IOTLBFUZZ_WARN_FATAL") != NULL;
	o->no_suppress = getenv("IOTLBFUZZ_NO_SUPPRESS") != NULL;
	o->unsuppress = getenv("IOTLBFUZZ_UNSUPPRESS");
	o->no_over_invalidation =
		getenv("IOTLBFUZZ_NO_OVER_INVALIDATION") != NULL;
	o->allow_mutants = getenv("IOTLBFUZZ_ALLOW_MUTANTS") != NULL;
	if (driver) {
		o->driver_override = kstack_driver_by_name(driver);
		if (o->driver_override < 0) {
			fprintf(stderr,
				"IOTLBFUZZ_DRIVER=%s: no such driver model\n",
				driver);
			abort();
		}
		/* naming an experimental model is opting in to it */
		o->allow_experimental = true;
		/*
		 * the campaign is about this model: other models' runs would
		 * spend its time and report their own bugs
		 */
		o->single_driver = true;
	}
}
