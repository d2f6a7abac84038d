// SPDX-License-Identifier: GPL-2.0-only
#include <stdio.h>
#include <stdlib.h>

#include "fuzz_env.h"
#include "kstack.h"
#include "report_print.h"
#include "watchdog.h"

void fuzz_options_from_env(struct run_options *o)
{
	const char *driver = getenv("IOTLBFUZZ_DRIVER");

	static struct report_printer printer;

	run_options_default(o);
	o->fatal = true;
	/* the report before the crash: what ClusterFuzz and a reviewer read */
	o->observers = report_printer_init(&printer, stderr);
	o->warn_fatal = getenv("IOTLBFUZZ_WARN_FATAL") != NULL;
	o->no_suppress = getenv("IOTLBFUZZ_NO_SUPPRESS") != NULL;
	o->unsuppress = getenv("IOTLBFUZZ_UNSUPPRESS");
	o->no_over_invalidation =
		getenv("IOTLBFUZZ_NO_OVER_INVALIDATION") != NULL;
	o->no_excess_sync = getenv("IOTLBFUZZ_NO_EXCESS_SYNC") != NULL;
	o->allow_mutants = getenv("IOTLBFUZZ_ALLOW_MUTANTS") != NULL;
	/*
	 * Before libFuzzer's -timeout (OSS-Fuzz: 25 s) or AFL++'s hang
	 * limit: a classified no-progress crash, not a bare timeout.
	 */
	watchdog_setup(WATCHDOG_DEFAULT_SECONDS, true);
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

bool fuzz_mutator_pin(unsigned int *formats, uint64_t *pgsize_mask)
{
	const char *name = getenv("IOTLBFUZZ_DRIVER");
	struct kstack_driver_traits t;
	int id = name ? kstack_driver_by_name(name) : -1;

	if (id < 0 || !kstack_driver_traits(id, &t))
		return false;
	*formats = t.facts->formats;
	/* a model with fixed sizes gets them by coercion whatever is asked */
	*pgsize_mask = t.facts->fixed_pgsizes ? 0 : t.facts->pgsize_mask;
	return true;
}
