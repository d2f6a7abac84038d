// SPDX-License-Identifier: GPL-2.0-only
/*
 * The observer behind the before/after differential (observe.h). It only
 * reads the runner's state: a run with an observer judges every input as a
 * run without one does.
 */
#include "observe.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "fnv.h"
#include "oracle_observe.h"
#include "events.h"
#include "gather_contract.h"
#include "iotlb.h"
#include "kstack.h"
#include "op_record.h"
#include "oracle.h"
#include "sim_device.h"
#include "run_observer.h"
#include "run_view.h"
#include "runner.h"

static bool describing(const struct observer *o, const struct run_view *r)
{
	return o->describe_op == (long)run_view_op(r);
}

static __attribute__((format(printf, 2, 3))) void say(struct observer *o,
						      const char *fmt, ...)
{
	va_list ap;
	int n;

	if (o->text_len >= sizeof(o->text) - 1)
		return;
	va_start(ap, fmt);
	n = vsnprintf(o->text + o->text_len, sizeof(o->text) - o->text_len, fmt,
		      ap);
	va_end(ap);
	if (n > 0)
		o->text_len += (size_t)n;
	if (o->text_len >= sizeof(o->text))
		o->text_len = sizeof(o->text) - 1;
}

static struct obs_op *cur(struct observer *o, const struct run_view *r)
{
	return &o->ops[run_view_op(r) < PROG_MAX_OPS ? run_view_op(r)
						     : PROG_MAX_OPS];
}

static void obs_op_start(void *ctx, const struct run_view *r)
{
	struct observer *o = ctx;

	o->driver = run_view_program(r)->cfg.driver;
	o->nr_ops = run_view_program(r)->nr_ops;
	memset(cur(o, r), 0, sizeof(struct obs_op));
	cur(o, r)->table_hash = FNV_OFFSET;
}

static void record_result(struct observer *o, const struct run_view *r,
			  uint64_t value)
{
	struct obs_op *op = cur(o, r);

	if (op->has_result)
		return;
	op->has_result = true;
	op->result = value;
	if (describing(o, r))
		say(o, "  returned 0x%" PRIx64 "\n", value);
}

/* One iotlb_sync of the op, if it had something to complete. */
static void take_sync(struct observer *o, const struct run_view *r,
		      const struct contract_sync *s)
{
	struct obs_op *op = cur(o, r);
	uint64_t start = s->start, end = s->end, pgsize = s->pgsize;
	int g = s->gather < 0 || s->gather >= OBS_LOCAL_GATHER
			? OBS_LOCAL_GATHER
			: s->gather;
	bool nonempty = start <= end;
	bool dirty = s->had_unmapped;
	bool posted = s->had_posted;

	/* NC_EMPTY_SYNC: an empty gather with nothing behind it */
	if (!nonempty && !dirty && !posted)
		return;
	if (op->nr_syncs < OBS_MAX_SYNCS)
		op->syncs[op->nr_syncs] =
			(struct obs_sync){ start, end, pgsize, g };
	op->nr_syncs++;
	if (!describing(o, r))
		return;
	say(o, "  iotlb_sync of %s gather ",
	    g == OBS_LOCAL_GATHER ? "the core's" : "the caller's");
	if (nonempty)
		say(o, "[0x%" PRIx64 ", 0x%" PRIx64 "] pgsize 0x%" PRIx64,
		    start, end, pgsize);
	else
		say(o, "(empty)");
	say(o, ", to complete:%s%s%s\n", nonempty ? " its range;" : "",
	    dirty ? " pages unmapped since its last sync;" : "",
	    posted ? " invalidations this op posted;" : "");
}

static void take_walk(struct observer *o, const struct run_view *r,
		      uint64_t iova, const struct walk_result *w)
{
	struct obs_op *op = cur(o, r);
	bool ok = w->status == XLATE_OK;
	uint64_t words[7] = {
		iova,
		w->status,
		ok ? w->block_iova : 0,
		ok ? w->block_size : 0,
		ok ? w->block_pa : 0,
		ok ? w->perm : 0,
		/* the leaf as the device reads it: address and attributes */
		ok ? w->pte : 0,
	};

	op->table_hash = fnv1a_words(op->table_hash, words, 7);
	if (!o->describe_tables)
		return;
	if (describing(o, r) && ok)
		say(o,
		    "  tables: iova 0x%" PRIx64 " -> leaf [0x%" PRIx64
		    " +0x%" PRIx64 "] pa 0x%" PRIx64 " perm %u pte 0x%" PRIx64
		    "\n",
		    iova, w->block_iova, w->block_size, w->block_pa, w->perm,
		    w->pte);
	else if (describing(o, r))
		say(o, "  tables: iova 0x%" PRIx64 " -> %s\n", iova,
		    xlate_status_name(w->status));
}

static void take_lookup(struct observer *o, const struct run_view *r,
			uint64_t iova, uint64_t pa)
{
	struct obs_op *op = cur(o, r);
	uint64_t words[3] = { 0x1005, iova, pa };

	if (run_view_op(r) < run_view_program(r)->nr_ops &&
	    run_view_program(r)->ops[run_view_op(r)].kind == OP_IOVA_TO_PHYS &&
	    iova == run_view_program(r)->ops[run_view_op(r)].iova)
		record_result(o, r, pa);
	op->table_hash = fnv1a_words(op->table_hash, words, 3);
	if (describing(o, r) && o->describe_tables)
		say(o, "  iova_to_phys(0x%" PRIx64 ") = 0x%" PRIx64 "\n", iova,
		    pa);
}

/*
 * What the op did, in the order it happened: the core's syncs (inside the
 * kernel call), its result, then the run's probes.
 */
static void take_record(struct observer *o, const struct run_view *r)
{
	const struct gather_contract *c = run_view_contract(r);
	const struct op_record *rec = run_view_record(r);

	for (size_t i = 0; i < c->nr_syncs; i++)
		take_sync(o, r, &c->syncs[i]);
	if (rec->has_result)
		record_result(o, r, (uint64_t)rec->result);
	for (size_t i = 0; i < rec->nr_probes; i++) {
		const struct op_probe *p = &rec->probes[i];

		if (p->kind == PROBE_WALK)
			take_walk(o, r, p->iova, &p->walk);
		else
			take_lookup(o, r, p->iova, p->pa);
	}
}

static void obs_abandoned(void *ctx, const struct run_view *r)
{
	take_record(ctx, r);
}

static void obs_finding(void *ctx, const struct run_view *r, const char *id)
{
	struct observer *o = ctx;

	if (!cur(o, r)->finding)
		cur(o, r)->finding = id;
}

struct device_scan {
	struct observer *o;
	const struct run_view *r;
	struct obs_op *op;
	bool describe;
};

/* Will a posted invalidation remove this entry once someone waits? */
static bool posted_covers(const struct sim_device *dev, uint64_t first,
			  uint64_t last, bool walk_entry)
{
	for (size_t i = 0; i < dev->nr_posted; i++) {
		const struct sim_posted *p = &dev->posted[i];

		if (p->kind == SIM_INV_ALL)
			return true;
		if (walk_entry && p->kind == SIM_INV_LEAF)
			continue;
		if (p->size && p->iova <= last &&
		    first <= p->iova + (p->size - 1))
			return true;
	}
	return false;
}

/*
 * NC_IN_FLIGHT: pages a caller has unmapped and not yet completed. What the
 * device has cached there depends on every flush since they were mapped,
 * including ones that complete nothing: a sync of an empty gather on a driver
 * whose sync flushes the whole TLB (ipmmu-vmsa, apple-dart) drops entries that
 * a later unmap would have left stale until its own sync. Both are legal,
 * and the caller's sync settles them: they are compared from then on.
 */
static bool in_flight(const struct device_scan *s, uint64_t first,
		      uint64_t last)
{
	return oracle_pending_owners(run_view_oracle(s->r), first, last) != 0;
}

static void add_item(struct device_scan *s, const uint64_t *w, size_t n)
{
	/* a sum, so the order entries were filled in does not matter */
	s->op->device_hash += fnv1a_words(FNV_OFFSET, w, n);
	s->op->nr_device++;
}

static void scan_leaf(void *arg, const struct iotlb_entry *e)
{
	struct device_scan *s = arg;
	uint64_t last = range_last(e->iova, e->size);
	bool posted;

	/* NC_AGREEING_ENTRIES, NC_IN_FLIGHT */
	if (!e->size ||
	    oracle_entry_is_current(run_view_oracle(s->r), e->iova, e->size,
				    e->pa, e->perm, e->negative) ||
	    in_flight(s, e->iova, last))
		return;
	posted = posted_covers(run_view_device(s->r), e->iova, last, false);

	uint64_t w[6] = { e->negative ? 2 : 1,
			  e->iova,
			  e->size,
			  e->negative ? 0 : e->pa,
			  e->negative ? 0 : e->perm,
			  posted };

	add_item(s, w, 6);
	if (!s->describe)
		return;
	if (e->negative)
		say(s->o,
		    "  device: cached fault [0x%" PRIx64 " +0x%" PRIx64
		    "] where the API maps something%s\n",
		    e->iova, e->size, posted ? " (invalidation posted)" : "");
	else
		say(s->o,
		    "  device: IOTLB [0x%" PRIx64 " +0x%" PRIx64
		    "] -> 0x%" PRIx64 " perm %u, not the API state%s\n",
		    e->iova, e->size, e->pa, e->perm,
		    posted ? " (invalidation posted, not waited for)" : "");
}

static void scan_walk(void *arg, const struct walk_cache_entry *e)
{
	struct device_scan *s = arg;
	uint64_t last = range_last(e->iova, e->span);
	uint32_t word;
	enum phys_read_status st;
	bool posted;

	st = run_view_memory(s->r)->read(run_view_memory(s->r)->ctx,
					 e->next_table_pa, &word, sizeof(word));
	/*
	 * NC_AGREEING_ENTRIES: a table still allocated is the one the tables
	 * point to; NC_IN_FLIGHT
	 */
	if (st == PHYS_READ_OK || !e->span || in_flight(s, e->iova, last))
		return;
	posted = posted_covers(run_view_device(s->r), e->iova, last, true);

	uint64_t w[6] = { 3, e->iova, e->span, (uint64_t)e->level, st, posted };

	add_item(s, w, 6);
	if (s->describe)
		say(s->o,
		    "  device: walk cache level %d [0x%" PRIx64 " +0x%" PRIx64
		    "] -> %s%s\n",
		    e->level, e->iova, e->span,
		    st == PHYS_READ_FREED ? "a freed table" :
					    "memory that holds no table",
		    posted ? " (invalidation posted, not waited for)" : "");
}

static void obs_op_end(void *ctx, const struct run_view *r)
{
	struct observer *o = ctx;
	struct obs_op *op = cur(o, r);
	struct device_scan s = { o, r, op, describing(o, r) };

	take_record(o, r);
	op->reached = true;
	op->stopped = run_view_stopped(r);
	if (!run_view_iotlb(r) || !run_view_oracle(r))
		return;
	iotlb_for_each(run_view_iotlb(r), scan_leaf, &s);
	iotlb_for_each_walk(run_view_iotlb(r), scan_walk, &s);
	if (s.describe && !op->nr_device)
		say(o,
		    "  device: sees exactly the API state (pages in flight aside)\n");
}

static const struct run_observer_ops behaviour_ops = {
	.op_begin = obs_op_start,
	.finding = obs_finding,
	.op_end = obs_op_end,
	.op_abandoned = obs_abandoned,
};

void observer_watch(struct observer *obs, struct run_observer *o)
{
	*o = (struct run_observer){.ops = &behaviour_ops, .ctx = obs};
}
