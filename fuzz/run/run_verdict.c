// SPDX-License-Identifier: GPL-2.0-only
/*
 * How a run ends: a divergence, explained by a known finding or not, a
 * rejection, or clean; and the names of those outcomes.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "runner_priv.h"
#include "suppressions.h"

const char *run_outcome_label(const struct run_outcome *o)
{
	switch (o->result) {
	case RUN_CLEAN:
		return "clean";
	case RUN_REJECTED:
		return "rejected";
	case RUN_SUPPRESSED:
		return "suppressed";
	default:
		return divergence_name(o->cls);
	}
}

const char *run_result_name(enum run_result r)
{
	switch (r) {
	case RUN_CLEAN:
		return "clean";
	case RUN_DIVERGENCE:
		return "divergence";
	case RUN_SUPPRESSED:
		return "suppressed";
	default:
		return "rejected";
	}
}

/*
 * A known finding explains the divergence. Findings that leave the API
 * state as the oracle now has it (a report-only class, or a driver path
 * noted for this op whose return value the oracle adopted) let the run go
 * on checking the rest; the others end it.
 */
bool run_unsuppressed(const struct run_options *opt, const char *id)
{
	const char *l = opt->unsuppress;
	size_t n = strlen(id);

	if (opt->no_suppress)
		return true;
	while (l && *l) {
		if (!strncmp(l, id, n) && (l[n] == ',' || !l[n]))
			return true;
		l = strchr(l, ',');
		l = l ? l + 1 : NULL;
	}
	return false;
}

static const char *run_explained_by(struct runner *r, enum divergence_class cls,
				    bool *go_on)
{
	const struct suppression *known;
	const char *id;

	*go_on = false;
	if (r->dev.known_finding) {
		id = r->dev.known_finding;
	} else if (r->dev.op_finding) {
		*go_on = true;
		id = r->dev.op_finding;
	} else {
		known = suppression_match(r->prog, r->op, cls,
					  kstack_tree_traits());
		if (!known)
			return NULL;
		*go_on = known->continue_past;
		id = known->id;
	}
	return run_unsuppressed(r->opt, id) ? NULL : id;
}

/* Nothing more to judge: the run ends here, rejected, with @fmt as why. */
__attribute__((format(printf, 2, 3))) void run_reject(struct runner *r,
						      const char *fmt, ...)
{
	va_list ap;

	r->diverged = true;
	r->out->result = RUN_REJECTED;
	r->out->op = r->op;
	va_start(ap, fmt);
	vsnprintf(r->out->msg, sizeof(r->out->msg), fmt, ap);
	va_end(ap);
}

/*
 * Too expensive to judge: a verdict, not a divergence. True (and the run
 * rejected at this op) once the input's work passed its budget.
 */
bool run_reject_over_budget(struct runner *r)
{
	if (!hw_work_exceeded())
		return false;
	run_reject(r,
		   "op #%zu: over the work budget (%" PRIu64
		   " units, limit %" PRIu64 ")",
		   r->op, run_input_work(), r->opt->work_budget);
	return true;
}

__attribute__((format(printf, 4, 5))) void
run_diverge(struct runner *r, enum divergence_class cls, uint64_t iova,
	    const char *fmt, ...)
{
	va_list ap;
	const char *known;
	bool go_on;

	if (r->diverged)
		return;
	/*
	 * Past the work budget the glue cuts the kernel's loops short (an
	 * unmap, or a failed map's clean-up): nothing after that is judged.
	 * A loop that does not end is judged all the same: being cut short
	 * did not stop it.
	 */
	if (cls != DIV_NO_PROGRESS && run_reject_over_budget(r))
		return;
	known = run_explained_by(r, cls, &go_on);
	if (known && go_on) {
		if (r->out->result == RUN_SUPPRESSED)
			return; /* the first one is reported */
	} else {
		r->diverged = true;
	}
	r->focus_iova = iova;
	r->out->cls = cls;
	r->out->op = r->op;
	va_start(ap, fmt);
	vsnprintf(r->out->msg, sizeof(r->out->msg), fmt, ap);
	va_end(ap);
	if (known) {
		RUN_NOTIFY_ARGS(r, finding, known);
		r->out->result = RUN_SUPPRESSED;
		r->out->suppressed_by = known;
		return;
	}
	r->out->result = RUN_DIVERGENCE;
	RUN_NOTIFY(r, verdict);
	if (r->opt->fatal)
		divergence_raise(cls, r->out->msg, true);
}

enum divergence_class verdict_class(enum oracle_verdict v)
{
	switch (v) {
	case ORACLE_STALE:
		return DIV_STALE_TRANSLATION;
	case ORACLE_MISSING:
		return DIV_MISSING_TRANSLATION;
	case ORACLE_WRONG:
		return DIV_WRONG_TRANSLATION;
	case ORACLE_PERMISSION:
		return DIV_PERMISSION;
	default:
		return DIV_NONE;
	}
}

static const enum divergence_class rule_class[] = {
	[RULE_COMPLETION] = DIV_COMPLETION,
	[RULE_EMPTY_GATHER_SYNC] = DIV_EMPTY_GATHER_SYNC,
	[RULE_OVER_INVALIDATION] = DIV_OVER_INVALIDATION,
	[RULE_GATHER_COVERAGE] = DIV_GATHER_COVERAGE,
	[RULE_GATHER_PGSIZE] = DIV_GATHER_PGSIZE,
	[RULE_EXCESS_SYNC] = DIV_EXCESS_SYNC,
	[RULE_QUEUED_INVALIDATION] = DIV_QUEUED_INVALIDATION,
};

/* A broken gather rule: true if the run stops here. */
bool contract_broken(void *arg, enum contract_rule rule, uint64_t iova,
		     const char *msg)
{
	struct runner *r = arg;

	/*
	 * F19: the gather helpers' overlap test wraps at 2^64 - 1, so a
	 * range there is never merged: one flush more (in a flush-queue
	 * unmap too, where AMD gathers regardless), this op only.
	 */
	if ((rule == RULE_EXCESS_SYNC || rule == RULE_QUEUED_INVALIDATION) &&
	    r->contract.sync_at_top)
		r->dev.op_finding = "F19";
	/*
	 * F20: io-pgtable's block split (before 6.13) hands the driver the
	 * pages it removes whether or not the gather is queued.
	 */
	if (rule == RULE_QUEUED_INVALIDATION && r->queued_cuts_leaf)
		r->dev.op_finding = "F20";
	/*
	 * F22: generic_pt hands the gather even an unmap that removed
	 * nothing: with no-gaps flushing, a range elsewhere forces a sync
	 * of what the gather held, and an empty range at IOVA 0 makes the
	 * gather [0, 2^64 - 1], whose sync invalidates everything.
	 */
	if ((rule == RULE_EXCESS_SYNC || rule == RULE_OVER_INVALIDATION) &&
	    r->engine_unmapped_nothing)
		r->dev.op_finding = "F22";
	run_diverge(r, rule_class[rule], iova, "%s", msg);
	return r->diverged;
}

void run_reject_outcome(struct run_outcome *out, const char *why)
{
	out->result = RUN_REJECTED;
	snprintf(out->msg, sizeof(out->msg), "%s", why);
}
