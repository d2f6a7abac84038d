// SPDX-License-Identifier: GPL-2.0-only
/*
 * The cross-driver check: the same program on each driver of
 * config.also_run_on must leave the same mappings after every operation.
 */
#include <stdio.h>
#include <string.h>

#include "cross_driver.h"
#include "run_observer.h"
#include "runner_priv.h"

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

bool run_cross_partner(int base_driver, int driver)
{
	/*
	 * NC_MUTANT_PARTNER: the fuzz targets refuse a broken glue or an
	 * experimental model as a partner, so replay skips it too and
	 * reproduces what they saw (a partner whose sync never completes
	 * made replay hang where the target had run clean).
	 */
	return driver != base_driver && !kstack_driver_is_mutant(driver);
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
	/* large: not on a fuzzer's stack */
	static struct cross_run base, other;
	struct run_observer watchers[4];
	struct run_options o = *opt;
	int base_driver = opt->driver_override >= 0 ? opt->driver_override
						    : prog->cfg.driver;
	enum run_result res;

	cross_run_start(&base, prog->nr_ops);
	o.cross = &base;
	res = run_one(prog, &o, out);
	if (res != RUN_CLEAN)
		return res;
	for (size_t i = 0; i < prog->cfg.nr_also_run_on; i++) {
		int partner = prog->cfg.also_run_on[i];
		struct run_outcome out2;
		struct cross_difference d;

		if (!run_cross_partner(base_driver, partner))
			continue;
		o = *opt;
		/* run_one() takes its own copy of the program to adjust */
		o.driver_override = partner;
		o.partner = true;
		/*
		 * Likewise a partner is held to what its hardware can be, as
		 * the fuzz targets hold it: replay's licence to run the
		 * reference glue in a broken configuration is for the
		 * program's own driver, whose regression asks for it.
		 */
		o.allow_mutants = false;
		o.observers = partner_observers(opt->observers, watchers,
						sizeof(watchers) /
							sizeof(watchers[0]));
		cross_run_start(&other, prog->nr_ops);
		o.cross = &other;
		res = run_one(prog, &o, &out2);
		if (res == RUN_REJECTED && opt->work_budget &&
		    run_input_work() > opt->work_budget) {
			*out = out2; /* NC_WORK_BUDGET: the whole input */
			return res;
		}
		if (res == RUN_REJECTED)
			continue; /* NC_PARTNER_REJECTS */
		if (res != RUN_CLEAN) {
			*out = out2;
			return res;
		}
		if (!cross_driver_compare(&base, out->noted_finding, &other,
					  out2.noted_finding, &d))
			continue;
		if (d.exempt != NC_NR && !run_unsuppressed(opt, d.finding)) {
			out->result = RUN_SUPPRESSED;
			out->suppressed_by = d.finding;
			snprintf(out->msg, sizeof(out->msg),
				 "cross-driver difference after op "
				 "#%zu follows finding %s",
				 d.op, d.finding);
			return RUN_SUPPRESSED;
		}
		out->result = RUN_DIVERGENCE;
		out->cls = DIV_CROSS_DRIVER;
		out->op = d.op;
		out->driver = base_driver;
		out->other_driver = partner;
		snprintf(out->msg, sizeof(out->msg),
			 "after op #%zu, %s and %s map different things", d.op,
			 kstack_driver_name_by_id(base_driver),
			 kstack_driver_name_by_id(partner));
		cross_verdict(prog, opt, out);
		return RUN_DIVERGENCE;
	}
	return RUN_CLEAN;
}
