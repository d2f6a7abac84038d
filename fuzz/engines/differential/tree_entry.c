// SPDX-License-Identifier: GPL-2.0-only
/*
 * The entry point of one tree's stack in the differential binary
 * (tree_api.h). Compiled once, linked into every tree's object.
 */
#include <stdio.h>
#include <string.h>

#include "bytecode.h"
#include "fuzz_env.h"
#include "report_print.h"
#include "run_observer.h"
#include "tree_api.h"

/* The fuzz targets' options, from the environment once. */
static const struct run_options *env_options(void)
{
	static struct run_options env;
	static bool ready;

	if (!ready) {
		fuzz_options_from_env(&env);
		ready = true;
	}
	return &env;
}

/*
 * The program as both trees run it: one model (NC_ONE_MODEL), and no fault
 * injection (NC_FAULT_INJECTION). The patched tree's error paths are still
 * fuzzed (check-patch's step 3), against the API contract.
 */
static void for_comparison(struct program *p)
{
	p->cfg.nr_also_run_on = 0;
	p->cfg.fail_alloc = 0;
	p->cfg.fail_sync_map = 0;
}

static enum run_result run(const uint8_t *data, size_t len,
			   struct observer *obs, FILE *report,
			   struct run_outcome *out)
{
	static struct program p; /* too big for a fuzzer's stack */
	static struct report_printer printer;
	struct run_options o;
	struct run_observer watch;
	char why[256];

	memset(out, 0, sizeof(*out));
	if (program_from_input(data, len, &p, why, sizeof(why))) {
		out->result = RUN_REJECTED;
		snprintf(out->msg, sizeof(out->msg), "%s", why);
		return RUN_REJECTED;
	}
	for_comparison(&p);
	o = *env_options();
	o.fatal = false;
	observer_watch(obs, &watch);
	if (report)
		watch.next = report_printer_init(&printer, report);
	o.observers = &watch;
	return run_program(&p, &o, out);
}

static void format_op(const uint8_t *data, size_t len, size_t k, char *buf,
		      size_t buflen)
{
	static struct program p;
	char why[256];

	buf[0] = 0;
	if (program_from_input(data, len, &p, why, sizeof(why)) == 0 &&
	    k < p.nr_ops)
		program_format_op(&p.ops[k], buf, buflen);
}

static int minimize(const uint8_t *data, size_t len,
		    const struct minimize_goal *goal, uint8_t **out,
		    size_t *outlen, struct minimize_stats *st, char *why,
		    size_t whylen)
{
	static struct program p;
	struct run_options o = *env_options();

	*out = NULL;
	if (program_from_input(data, len, &p, why, whylen))
		return -1;
	/* as run() sees it, the pinned model named in it */
	for_comparison(&p);
	if (o.driver_override >= 0)
		p.cfg.driver = o.driver_override;
	o.fatal = false;
	o.observers = NULL;
	if (program_minimize_goal(&p, &o, goal, st, why, whylen))
		return -1;
	*out = program_encode(&p, outlen);
	if (!*out) {
		snprintf(why, whylen, "cannot encode the result");
		return -1;
	}
	return 0;
}

const struct diff_tree_api diff_tree_api = {
	.release = kstack_kernel_release,
	.run = run,
	.format_op = format_op,
	.minimize = minimize,
	.driver_name = kstack_driver_name_by_id,
	.driver_traits = kstack_driver_traits,
};
