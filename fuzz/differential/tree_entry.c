// SPDX-License-Identifier: GPL-2.0-only
/*
 * The entry point of one tree's stack in the differential binary
 * (tree_api.h). Compiled once, linked into every tree's object.
 */
#include <stdio.h>
#include <string.h>

#include "bytecode.h"
#include "fuzz_env.h"
#include "tree_api.h"

static enum run_result run(const uint8_t *data, size_t len,
			   struct observer *obs, bool report,
			   struct run_outcome *out)
{
	static struct program p; /* too big for a fuzzer's stack */
	static struct run_options env;
	static bool ready;
	struct run_options o;
	char why[256];

	if (!ready) {
		fuzz_options_from_env(&env);
		ready = true;
	}
	memset(out, 0, sizeof(*out));
	if (program_from_input(data, len, &p, why, sizeof(why))) {
		out->result = RUN_REJECTED;
		snprintf(out->msg, sizeof(out->msg), "%s", why);
		return RUN_REJECTED;
	}
	p.cfg.nr_also_run_on = 0;
	o = env;
	o.fatal = false;
	o.quiet = !report;
	o.observer = obs;
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

static const char *driver_name(int id)
{
	int got;

	for (unsigned int i = 0; i < kstack_nr_drivers(); i++) {
		const char *name = kstack_driver_info(i, &got, NULL);

		if (got == id)
			return name;
	}
	return "?";
}

const struct diff_tree_api diff_tree_api = {
	.release = kstack_kernel_release,
	.run = run,
	.format_op = format_op,
	.driver_name = driver_name,
	.driver_traits = kstack_driver_traits,
};
