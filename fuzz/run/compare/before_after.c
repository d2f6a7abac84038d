// SPDX-License-Identifier: GPL-2.0-only
#include "before_after.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crash_class.h"

CRASH_CLASS_FAMILY(enum change_kind, BEHAVIOUR_CHANGES, CHANGE_NR, "none",
		   "the same behaviour", change_name, change_description,
		   change_by_name, behaviour_change_abort)

/* The comparison stops under @rule: no change, and why in the note. */
__attribute__((format(printf, 3, 4))) static bool
exempt(struct behaviour_change *c, enum not_compared_rule rule, const char *fmt,
       ...)
{
	va_list ap;
	int n = snprintf(c->note, sizeof(c->note),
			 "%s: ", not_compared_name(rule));

	c->exempt = rule;
	va_start(ap, fmt);
	vsnprintf(c->note + n, sizeof(c->note) - (size_t)n, fmt, ap);
	va_end(ap);
	return false;
}

static bool over_budget(const struct run_outcome *o)
{
	return o->result == RUN_REJECTED &&
	       strstr(o->msg, "over the work budget") != NULL;
}

/* The program never started: rejected by decoding or configuration. */
static bool never_started(const struct tree_run *t)
{
	return t->out->result == RUN_REJECTED && t->obs->nr_ops == 0;
}

/* The run ended at op @k (a divergence, or a BUG that left the op). */
static bool stopped_at(const struct tree_run *t, size_t k)
{
	return !t->obs->ops[k].reached || t->obs->ops[k].stopped;
}

static const char *verdict_at(const struct tree_run *t, size_t k, char *buf,
			      size_t len)
{
	const struct run_outcome *o = t->out;

	if (k < t->obs->nr_ops && !stopped_at(t, k))
		return "clean";
	if (o->op != k)
		return "clean";
	switch (o->result) {
	case RUN_DIVERGENCE:
		snprintf(buf, len, "%s: %.200s", divergence_name(o->cls),
			 o->msg);
		return buf;
	case RUN_SUPPRESSED:
		snprintf(buf, len, "known finding %s",
			 o->suppressed_by ? o->suppressed_by : "?");
		return buf;
	case RUN_REJECTED:
		snprintf(buf, len, "rejected: %.200s", o->msg);
		return buf;
	default:
		return "clean";
	}
}

/* Did the run diverge (not a known finding) at @k? */
static bool diverged_at(const struct tree_run *t, size_t k)
{
	return t->out->result == RUN_DIVERGENCE && t->out->op == k &&
	       (k >= t->obs->nr_ops || stopped_at(t, k));
}

static void flag(struct behaviour_change *c, enum change_kind kind)
{
	c->kinds |= 1u << kind;
	if (c->kind == CHANGE_NONE || kind < c->kind)
		c->kind = kind;
}

static void compare_syncs(const struct obs_op *b, const struct obs_op *a,
			  bool gather_range, struct behaviour_change *c)
{
	if (a->nr_syncs < b->nr_syncs) {
		flag(c, CHANGE_SYNC_LOSS);
		return;
	}
	if (a->nr_syncs > b->nr_syncs) {
		flag(c, CHANGE_SYNC_GAIN);
		return;
	}
	if (!gather_range)
		return;
	for (unsigned int i = 0; i < b->nr_syncs && i < OBS_MAX_SYNCS; i++)
		if (b->syncs[i].start != a->syncs[i].start ||
		    b->syncs[i].end != a->syncs[i].end ||
		    b->syncs[i].pgsize != a->syncs[i].pgsize)
			flag(c, CHANGE_SYNC_RANGE);
}

static void describe(const struct tree_run *before,
		     const struct tree_run *after, size_t k,
		     struct behaviour_change *c)
{
	const struct obs_op *b = &before->obs->ops[k];
	const struct obs_op *a = &after->obs->ops[k];
	char vb[256], va[256];
	size_t n = 0;

	switch (c->kind) {
	case CHANGE_SYNC_LOSS:
	case CHANGE_SYNC_GAIN:
		n = (size_t)snprintf(c->what, sizeof(c->what),
				     "%u iotlb_sync with something to complete "
				     "before the patches, %u after",
				     b->nr_syncs, a->nr_syncs);
		break;
	case CHANGE_SYNC_RANGE:
		for (unsigned int i = 0; i < b->nr_syncs && i < OBS_MAX_SYNCS;
		     i++) {
			const struct obs_sync *x = &b->syncs[i],
					      *y = &a->syncs[i];

			if (x->start == y->start && x->end == y->end &&
			    x->pgsize == y->pgsize)
				continue;
			n = (size_t)snprintf(
				c->what, sizeof(c->what),
				"sync %u gets gather [0x%" PRIx64 ", 0x%" PRIx64
				"] pgsize 0x%" PRIx64
				" before the patches, [0x%" PRIx64
				", 0x%" PRIx64 "] pgsize 0x%" PRIx64 " after",
				i, x->start, x->end, x->pgsize, y->start,
				y->end, y->pgsize);
			break;
		}
		break;
	case CHANGE_RESULT:
		n = (size_t)snprintf(c->what, sizeof(c->what),
				     "returned 0x%" PRIx64
				     " before the patches, 0x%" PRIx64 " after",
				     b->result, a->result);
		break;
	case CHANGE_TABLES:
		n = (size_t)snprintf(c->what, sizeof(c->what),
				     "the page tables around the op differ");
		break;
	case CHANGE_DEVICE_STATE:
		n = (size_t)snprintf(
			c->what, sizeof(c->what),
			"the device can see %u translations the API state does "
			"not give before the patches, %u after (or other ones)",
			b->nr_device, a->nr_device);
		break;
	case CHANGE_VERDICT:
	default:
		n = (size_t)snprintf(c->what, sizeof(c->what),
				     "before the patches %s; after: %s",
				     verdict_at(before, k, vb, sizeof(vb)),
				     verdict_at(after, k, va, sizeof(va)));
		break;
	}
	if (n >= sizeof(c->what))
		return;
	/* the rest of what differs there */
	for (int kind = CHANGE_NONE + 1; kind < CHANGE_NR; kind++) {
		if (kind == (int)c->kind || !(c->kinds & (1u << kind)))
			continue;
		if (kind == CHANGE_VERDICT)
			n += (size_t)snprintf(
				c->what + n, sizeof(c->what) - n,
				"; and after the patches: %s",
				verdict_at(after, k, va, sizeof(va)));
		else
			n += (size_t)snprintf(c->what + n, sizeof(c->what) - n,
					      "; %s too", change_name(kind));
		if (n >= sizeof(c->what))
			return;
	}
}

static bool found(struct behaviour_change *c, const struct tree_run *before,
		  const struct tree_run *after, size_t k)
{
	c->op = k;
	describe(before, after, k, c);
	return true;
}

/* NC_TEARDOWN: only the verdict (page-table memory left behind). */
static bool compare_teardown(const struct tree_run *before,
			     const struct tree_run *after, size_t n,
			     struct behaviour_change *c)
{
	bool b = diverged_at(before, n), a = diverged_at(after, n);
	char v[256];

	if (b && !(a && before->out->cls == after->out->cls))
		return exempt(c, NC_BEFORE_DIVERGES,
			      "at teardown the tree before the patches has %s, "
			      "the tree after does not",
			      verdict_at(before, n, v, sizeof(v)));
	if (a && !b) {
		flag(c, CHANGE_VERDICT);
		return found(c, before, after, n);
	}
	return false;
}

bool behaviour_compare(const struct tree_run *before,
		       const struct tree_run *after, bool gather_range,
		       struct behaviour_change *c)
{
	size_t n = before->obs->nr_ops > after->obs->nr_ops
			   ? before->obs->nr_ops
			   : after->obs->nr_ops;
	char v[256];

	memset(c, 0, sizeof(*c));
	c->exempt = NC_NR;
	if (over_budget(before->out) || over_budget(after->out))
		return exempt(c, NC_WORK_BUDGET,
			      "the input is over it in either tree");
	if (never_started(before) && never_started(after))
		return false;
	if (never_started(before) || never_started(after)) {
		flag(c, CHANGE_REJECTION);
		c->op = 0;
		snprintf(c->what, sizeof(c->what),
			 "before the patches %s%.200s; after: %s%.200s",
			 never_started(before) ? "rejected: " : "it runs",
			 never_started(before) ? before->out->msg : "",
			 never_started(after) ? "rejected: " : "it runs",
			 never_started(after) ? after->out->msg : "");
		return true;
	}

	for (size_t k = 0; k < n; k++) {
		const struct obs_op *b = &before->obs->ops[k];
		const struct obs_op *a = &after->obs->ops[k];
		bool b_stop = stopped_at(before, k),
		     a_stop = stopped_at(after, k);

		/*
		 * A known finding's path before the patches and not after:
		 * the patches change a path known to be broken, and what
		 * follows may differ for that reason alone.
		 */
		if (b->finding &&
		    (!a->finding || strcmp(b->finding, a->finding)))
			return exempt(c, NC_FINDING_PATH,
				      "from op #%zu on, the tree before the "
				      "patches is on the path of known finding "
				      "%s and the tree after is not",
				      k, b->finding);
		/*
		 * The tree before breaks here: the patches may fix it, and
		 * nothing else at this op is held against them, unless the
		 * tree after breaks here too in another way.
		 */
		if (diverged_at(before, k)) {
			if (diverged_at(after, k) &&
			    before->out->cls != after->out->cls) {
				flag(c, CHANGE_VERDICT);
				return found(c, before, after, k);
			}
			if (!diverged_at(after, k))
				return exempt(
					c, NC_BEFORE_DIVERGES,
					"at op #%zu the tree before the "
					"patches has %s, the tree after does "
					"not",
					k, verdict_at(before, k, v, sizeof(v)));
			return false;
		}
		c->ops_compared = k + 1;
		if (b->reached && a->reached) {
			compare_syncs(b, a, gather_range, c);
			if (b->has_result != a->has_result ||
			    b->result != a->result)
				flag(c, CHANGE_RESULT);
		}
		/*
		 * NC_FINDING_PATH, both on the same known finding's path here:
		 * what the device and the tables hold is that bug's doing (F8:
		 * the device keeps an old mapping), and earlier legal
		 * differences in what was cached can surface through it.
		 */
		if (b->reached && a->reached && !b->finding) {
			if (b->device_hash != a->device_hash ||
			    b->nr_device != a->nr_device)
				flag(c, CHANGE_DEVICE_STATE);
			/* NC_STOPPED_PROBES */
			if (!b_stop && !a_stop &&
			    b->table_hash != a->table_hash)
				flag(c, CHANGE_TABLES);
		}
		if (a_stop != b_stop ||
		    (a_stop && (after->out->result != before->out->result ||
				after->out->cls != before->out->cls)))
			flag(c,
			     after->out->result == RUN_REJECTED &&
					     before->out->result != RUN_REJECTED
				     ? CHANGE_REJECTION
				     : CHANGE_VERDICT);
		if (c->kind != CHANGE_NONE)
			return found(c, before, after, k);
		if (a_stop || b_stop)
			return false;
	}
	return compare_teardown(before, after, n, c);
}

void behaviour_change_raise(const char *driver,
			    const struct behaviour_change *c)
{
	fprintf(stderr,
		"ASSERTION FAILURE: behaviour-change: %s: %s at op #%zu: %s\n",
		driver, change_name(c->kind), c->op, c->what);
	behaviour_change_abort(c->kind);
}
