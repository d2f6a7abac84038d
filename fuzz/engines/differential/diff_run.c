// SPDX-License-Identifier: GPL-2.0-only
/* The before/after run of one input (diff_run.h). */
#include "diff_run.h"

#include <stdio.h>
#include <string.h>

struct side {
	const struct diff_tree_api *api;
	struct observer *obs;
	struct run_outcome out;
};

static struct observer obs_before, obs_after; /* large: not on the stack */
static struct side before = { &DIFF_BEFORE_API, &obs_before, { 0 } };
static struct side after = { &DIFF_AFTER_API, &obs_after, { 0 } };

static void run_both(const uint8_t *data, size_t size, long describe_op,
		     bool describe_tables)
{
	observer_reset(before.obs, describe_op, describe_tables);
	observer_reset(after.obs, describe_op, describe_tables);
	before.api->run(data, size, before.obs, NULL, &before.out);
	after.api->run(data, size, after.obs, NULL, &after.out);
}

void diff_run(const uint8_t *data, size_t size, struct diff_result *r)
{
	struct kstack_driver_traits traits = { 0 };
	int model;

	memset(r, 0, sizeof(*r));
	run_both(data, size, -1, false);
	r->rejected = before.out.result == RUN_REJECTED &&
		      after.out.result == RUN_REJECTED &&
		      obs_before.nr_ops == 0 && obs_after.nr_ops == 0;
	model = obs_before.driver >= 0 ? obs_before.driver : obs_after.driver;
	r->driver = model >= 0 ? before.api->driver_name(model) : "?";
	if (model >= 0)
		before.api->driver_traits(model, &traits);
	r->changed = behaviour_compare(
		&(struct tree_run){&obs_before, &before.out},
		&(struct tree_run){&obs_after, &after.out},
		traits.facts && traits.facts->gather_use == GATHER_RANGE,
		&r->c);
}

static void print_side(const char *label, const struct side *s)
{
	fprintf(stderr, "  %s (%s):\n%s", label, s->api->release(),
		s->obs->text_len ? s->obs->text : "    (nothing recorded)\n");
}

/*
 * A tree's own divergence report, indented: its "ASSERTION FAILURE" line
 * must not be taken for the differential's verdict.
 */
static void tree_report(struct side *s, const uint8_t *data, size_t size)
{
	FILE *tmp = tmpfile();
	char line[1024];

	if (!tmp)
		return;
	observer_reset(s->obs, -1, false);
	s->api->run(data, size, s->obs, tmp, &s->out);
	rewind(tmp);
	while (fgets(line, sizeof(line), tmp))
		fprintf(stderr, "    %s", line);
	fclose(tmp);
}

void diff_report(const uint8_t *data, size_t size, const struct diff_result *r)
{
	const struct behaviour_change *c = &r->c;
	char op[160];

	before.api->format_op(data, size, c->op, op, sizeof(op));
	fprintf(stderr,
		"\n==== iotlbfuzz: behaviour change, driver %s, %s at op #%zu ====\n"
		"  op #%zu: %s\n",
		r->driver, change_name(c->kind), c->op, c->op,
		op[0] ? op : "teardown");
	/* again, describing that op: both runs are deterministic */
	run_both(data, size, (long)c->op,
		 (c->kinds & (1u << CHANGE_TABLES)) != 0);
	print_side("before the patches", &before);
	print_side("after the patches", &after);
	if (after.out.result == RUN_DIVERGENCE) {
		fprintf(stderr, "  the tree after the patches, on its own:\n");
		tree_report(&after, data, size);
	}
	fprintf(stderr, "====\n");
}
