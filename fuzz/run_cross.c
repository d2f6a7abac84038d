// SPDX-License-Identifier: GPL-2.0-only
/*
 * The cross-driver check: the same program on each driver of
 * config.also_run_on must leave the same mappings after every operation.
 */
#include <stdio.h>
#include <string.h>

#include "fnv.h"
#include "run_observer.h"
#include "runner_priv.h"

/* FNV-1a over the mapping state, for the cross-driver comparison. */
static void hash_extent(void *arg, uint64_t iova, uint64_t size, uint64_t pa,
			unsigned int prot)
{
	uint64_t *h = arg;
	uint64_t words[4] = {iova, size, pa, prot};

	*h = fnv1a_words(*h, words, 4);
}

void record_state(struct runner *r)
{
	uint64_t h = FNV_OFFSET;

	oracle_for_each_extent(r->orc, hash_extent, &h);
	r->opt->state_digests[r->op] = h;
}

/*
 * The observers that follow the partners' runs too (the report printer),
 * copied into @copies and linked anew.
 */
static struct run_observer *partner_observers(const struct run_observer *list,
					      struct run_observer *copies,
					      size_t max)
{
	struct run_observer *head = NULL, **tail = &head;
	size_t n = 0;

	for (; list && n < max; list = list->next) {
		if (!list->ops->every_driver)
			continue;
		copies[n] = *list;
		copies[n].next = NULL;
		*tail = &copies[n];
		tail = &copies[n++].next;
	}
	return head;
}

static void cross_verdict(const struct program *prog,
			  const struct run_options *opt,
			  const struct run_outcome *out)
{
	for (const struct run_observer *o = opt->observers; o; o = o->next)
		if (o->ops->cross_verdict)
			o->ops->cross_verdict(o->ctx, prog, opt, out);
	if (opt->fatal)
		divergence_raise(DIV_CROSS_DRIVER, out->msg, true);
}

/*
 * The cross-driver check: the same program on every driver of
 * config.also_run_on (that drives its format) must leave the same mappings
 * after every operation. Each run is checked on its own as well.
 */
enum run_result run_cross(const struct program *prog,
			  const struct run_options *opt,
			  struct run_outcome *out)
{
	uint64_t base[PROG_MAX_OPS], other[PROG_MAX_OPS];
	struct run_observer watchers[4];
	struct run_options o = *opt;
	int base_driver = opt->driver_override >= 0 ? opt->driver_override
						    : prog->cfg.driver;
	enum run_result res;

	size_t ambiguous_base = prog->nr_ops, ambiguous_other;

	o.state_digests = base;
	o.first_ambiguous_op = &ambiguous_base;
	res = run_one(prog, &o, out);
	if (res != RUN_CLEAN)
		return res;
	for (size_t i = 0; i < prog->cfg.nr_also_run_on; i++) {
		struct program q = *prog;
		struct run_outcome out2;

		if (prog->cfg.also_run_on[i] == base_driver)
			continue;
		/*
		 * A broken glue or an experimental model runs as a program's
		 * own driver only (its regression, a pinned campaign): the
		 * fuzz targets refuse it as a partner, so replay skips it
		 * too and reproduces what they saw (a partner whose sync never
		 * completes made replay hang where the target had run clean).
		 */
		if (kstack_driver_is_mutant(prog->cfg.also_run_on[i]))
			continue;
		q.cfg.driver = prog->cfg.also_run_on[i];
		o = *opt;
		o.driver_override = -1;
		o.observers = partner_observers(opt->observers, watchers,
						sizeof(watchers) /
							sizeof(watchers[0]));
		o.state_digests = other;
		ambiguous_other = prog->nr_ops;
		o.first_ambiguous_op = &ambiguous_other;
		res = run_one(&q, &o, &out2);
		if (res == RUN_REJECTED && opt->work_budget &&
		    run_input_work() > opt->work_budget) {
			*out = out2; /* the whole input is too expensive */
			return res;
		}
		if (res == RUN_REJECTED)
			continue; /* that driver does not drive this config */
		if (res != RUN_CLEAN) {
			*out = out2;
			return res;
		}
		for (size_t k = 0; k < prog->nr_ops; k++) {
			if (base[k] == other[k])
				continue;
			/*
			 * A documented kernel bug explains the difference, or
			 * an unmap the API leaves to the driver (F12).
			 */
			const char *noted = out->noted_finding
						    ? out->noted_finding
						    : out2.noted_finding;

			if (!noted &&
			    (ambiguous_base <= k || ambiguous_other <= k))
				noted = "F12";

			if (noted && !run_unsuppressed(opt, noted)) {
				out->result = RUN_SUPPRESSED;
				out->suppressed_by = noted;
				snprintf(out->msg, sizeof(out->msg),
					 "cross-driver difference after op "
					 "#%zu follows finding %s",
					 k, noted);
				return RUN_SUPPRESSED;
			}

			const char *a = NULL, *b = NULL;

			for (unsigned int j = 0; j < kstack_nr_drivers(); j++) {
				int id;
				const char *name =
					kstack_driver_info(j, &id, NULL);

				if (id == base_driver)
					a = name;
				if (id == q.cfg.driver)
					b = name;
			}
			out->result = RUN_DIVERGENCE;
			out->cls = DIV_CROSS_DRIVER;
			out->op = k;
			out->driver = base_driver;
			out->other_driver = q.cfg.driver;
			snprintf(
				out->msg, sizeof(out->msg),
				"after op #%zu, %s and %s map different things",
				k, a ? a : "?", b ? b : "?");
			cross_verdict(prog, opt, out);
			return RUN_DIVERGENCE;
		}
	}
	return RUN_CLEAN;
}

/*
 * Drivers allocate differently, so an injected failure, or a table that the
 * format must refuse where this program puts the tables (v7s above 4G, a
 * non-coherent walk past its DMA mask), hits each at another point: no
 * cross-driver comparison then. (LPAE and DART refuse nothing: tables they
 * cannot reach are rejected before anything runs.)
 */
bool refusals_differ_per_driver(const struct prog_config *c)
{
	return c->fail_alloc || c->fail_sync_map ||
	       (c->table_base && (c->fmt == PT_ARM_V7S || !c->coherent_walk));
}
