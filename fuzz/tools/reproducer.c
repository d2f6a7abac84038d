// SPDX-License-Identifier: GPL-2.0-only
/* The traced run every export form is written from (export.h). */
#include <string.h>

#include "export.h"
#include "kstack.h"
#include "run_observer.h"
#include "run_trace.h"

void reproducer_run(struct reproducer *r)
{
	struct run_options o = r->opt;
	struct run_outcome ref;
	struct run_observer watch;

	o.fatal = false;
	o.observers = NULL;
	/*
	 * A deliberately broken glue's program: is it the glue's doing
	 * (clean on the reference glue)? The corpus says so with
	 * "# clean-on: reference". Asked first: the trace holds the event
	 * log of the last run, which must be the traced one.
	 */
	r->clean_on_reference = false;
	if (kstack_driver_is_mutant(r->prog.cfg.driver) &&
	    !kstack_driver_is_experimental(r->prog.cfg.driver)) {
		struct run_options ro = o;

		ro.driver_override = 0; /* REFERENCE */
		run_program(&r->prog, &ro, &ref);
		r->clean_on_reference = ref.result == RUN_CLEAN;
	}
	memset(&r->trace, 0, sizeof(r->trace));
	run_trace_observer(&r->trace, &watch);
	o.observers = &watch;
	run_program(&r->prog, &o, &r->out);
}

void reproducer_where(const struct reproducer *r, char *buf, size_t len)
{
	if (r->out.op < r->prog.nr_ops)
		snprintf(buf, len, "op #%zu", r->out.op);
	else
		snprintf(buf, len, "teardown");
}
