// SPDX-License-Identifier: GPL-2.0-only
/*
 * iotlbfuzz_differential-<release>: the before/after differential of
 * `iotlbfuzz check-patch` as a libFuzzer target. Every input runs on the
 * tree without the patches (the build's default tree) and on the tree with
 * them, both linked into this binary under per-tree symbol prefixes, on
 * the same driver model; a difference in any observable (compare.h) aborts
 * with "ASSERTION FAILURE: behaviour-change: <driver>: <kind> ...".
 *
 * Environment, besides the fuzz targets' own (fuzz_env.h: IOTLBFUZZ_DRIVER
 * pins the model on both trees):
 *   IOTLBFUZZ_DIFF_ONLY=<kind>  abort only for this kind of change (keeps
 *                               a minimization on the change it started
 *                               from)
 *   IOTLBFUZZ_DIFF_VERBOSE      one line per input that shows no change
 *                               (what was compared, or why not)
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "compare.h"
#include "tree_api.h"

/* the two trees' entry tables, named by cmake/Differential.cmake */
extern const struct diff_tree_api DIFF_BEFORE_API;
extern const struct diff_tree_api DIFF_AFTER_API;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct observer obs_before, obs_after; /* large: not on the stack */

struct side {
	const struct diff_tree_api *api;
	struct observer *obs;
	struct run_outcome out;
};

static void run_both(struct side *b, struct side *a, const uint8_t *data,
		     size_t size, long describe_op, bool describe_tables)
{
	observer_reset(b->obs, describe_op, describe_tables);
	observer_reset(a->obs, describe_op, describe_tables);
	b->api->run(data, size, b->obs, false, &b->out);
	a->api->run(data, size, a->obs, false, &a->out);
}

static void print_side(const char *label, const struct side *s)
{
	fprintf(stderr, "  %s (%s):\n%s", label, s->api->release(),
		s->obs->text_len ? s->obs->text : "    (nothing recorded)\n");
}

/*
 * A tree's own divergence report, indented: its "ASSERTION FAILURE" line
 * must not be taken for this target's verdict.
 */
static void tree_report(struct side *s, const uint8_t *data, size_t size)
{
	FILE *tmp = tmpfile();
	char line[1024];
	int saved;

	if (!tmp)
		return;
	fflush(stderr);
	saved = dup(STDERR_FILENO);
	if (saved < 0 || dup2(fileno(tmp), STDERR_FILENO) < 0) {
		fclose(tmp);
		return;
	}
	observer_reset(s->obs, -1, false);
	s->api->run(data, size, s->obs, true, &s->out);
	fflush(stderr);
	dup2(saved, STDERR_FILENO);
	close(saved);
	rewind(tmp);
	while (fgets(line, sizeof(line), tmp))
		fprintf(stderr, "    %s", line);
	fclose(tmp);
}

/* What both trees did at the op that changed, then the verdict. */
static void report(struct side *b, struct side *a, const uint8_t *data,
		   size_t size, const char *driver,
		   const struct behaviour_change *c)
{
	char op[160];

	b->api->format_op(data, size, c->op, op, sizeof(op));
	fprintf(stderr,
		"\n==== iotlbfuzz: behaviour change, driver %s, %s at op #%zu ====\n"
		"  op #%zu: %s\n",
		driver, change_name(c->kind), c->op, c->op,
		op[0] ? op : "teardown");
	/* again, describing that op: both runs are deterministic */
	run_both(b, a, data, size, (long)c->op,
		 (c->kinds & (1u << CHANGE_TABLES)) != 0);
	print_side("before the patches", b);
	print_side("after the patches", a);
	if (a->out.result == RUN_DIVERGENCE) {
		fprintf(stderr, "  the tree after the patches, on its own:\n");
		tree_report(a, data, size);
	}
	fprintf(stderr, "====\n");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *only;
	static bool verbose, ready;
	struct side b = { &DIFF_BEFORE_API, &obs_before, { 0 } };
	struct side a = { &DIFF_AFTER_API, &obs_after, { 0 } };
	struct kstack_driver_traits traits = { 0 };
	struct behaviour_change c;
	const char *driver;

	if (!ready) {
		only = getenv("IOTLBFUZZ_DIFF_ONLY");
		verbose = getenv("IOTLBFUZZ_DIFF_VERBOSE") != NULL;
		if (only && change_by_name(only) == CHANGE_NR) {
			fprintf(stderr,
				"IOTLBFUZZ_DIFF_ONLY=%s: no such kind of change\n",
				only);
			abort();
		}
		ready = true;
	}
	run_both(&b, &a, data, size, -1, false);
	if (b.out.result == RUN_REJECTED && a.out.result == RUN_REJECTED &&
	    obs_before.nr_ops == 0 && obs_after.nr_ops == 0)
		return -1; /* keep it out of the corpus */

	int model =
		obs_before.driver >= 0 ? obs_before.driver : obs_after.driver;

	driver = model >= 0 ? b.api->driver_name(model) : "?";
	if (model >= 0)
		b.api->driver_traits(model, &traits);
	if (!behaviour_compare(&(struct tree_run){ &obs_before, &b.out },
			       &(struct tree_run){ &obs_after, &a.out },
			       traits.gather_range, &c)) {
		if (verbose)
			fprintf(stderr,
				"iotlbfuzz_differential: %s: no behaviour change (%zu ops compared)%s%s\n",
				driver, c.ops_compared, c.note[0] ? ": " : "",
				c.note);
		return 0;
	}
	if (only && strcmp(only, change_name(c.kind))) {
		if (verbose)
			fprintf(stderr,
				"iotlbfuzz_differential: %s: %s at op #%zu, not %s\n",
				driver, change_name(c.kind), c.op, only);
		return 0;
	}
	report(&b, &a, data, size, driver, &c);
	behaviour_change_raise(driver, &c);
	return 0;
}
