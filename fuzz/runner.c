// SPDX-License-Identifier: GPL-2.0-only
/*
 * The differential runner. It owns nothing between inputs: every run starts
 * from a reset arena, shim and event log, so a corpus run in one process
 * gives the same results as one process per input.
 */
#include "runner.h"

#include <errno.h>
#include <inttypes.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "bytecode.h"
#include "fnv.h"
#include "kshim_runtime.h"
#include "ktrace.h"
#include "observe.h"
#include "report_model.h"
#include "run_trace.h"
#include "runner_priv.h"
#include "suppressions.h"
#include "watchdog.h"

/* Pages probed per map/unmap for the table and iova_to_phys checks. */
#define PROBES_PER_RANGE 48

_Static_assert(PROG_DEFAULT_TABLE_BASE == ARENA_DEFAULT_PHYS_BASE &&
		       PROG_TABLE_BYTES == ARENA_BYTES &&
		       PROG_TABLE_ALIGN == ARENA_PLACE_ALIGN &&
		       PROG_TABLE_LIMIT == ARENA_PHYS_LIMIT,
	       "config.table_base's limits are the arena's");

static struct event_log event_log; /* large: kept out of the stack */

/* Tell the before/after differential's observer, if there is one. */
#define OBSERVE(r, hook, ...)                                                 \
	do {                                                                  \
		if ((r)->opt->observer)                                       \
			observe_##hook((r)->opt->observer, (r), __VA_ARGS__); \
	} while (0)

static jmp_buf *bug_escape;

void run_options_default(struct run_options *o)
{
	memset(o, 0, sizeof(*o));
	o->driver_override = -1;
	o->dump_state_after_op = -1;
	o->work_budget = RUN_WORK_BUDGET;
	o->max_kernel_steps = RUN_MAX_KERNEL_STEPS;
}

/* hw_work() when the current input started, for the work budget */
static uint64_t input_work_start;

static uint64_t input_work(void)
{
	return hw_work() - input_work_start;
}

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
static bool unsuppressed(const struct run_options *opt, const char *id)
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

static const char *explained_by(struct runner *r, enum divergence_class cls,
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
	return unsuppressed(r->opt, id) ? NULL : id;
}

/* Nothing more to judge: the run ends here, rejected, with @fmt as why. */
static __attribute__((format(printf, 2, 3))) void
reject(struct runner *r, const char *fmt, ...)
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
static bool reject_over_budget(struct runner *r)
{
	if (!hw_work_exceeded())
		return false;
	reject(r,
	       "op #%zu: over the work budget (%" PRIu64 " units, limit %" PRIu64
	       ")",
	       r->op, input_work(), r->opt->work_budget);
	return true;
}

static __attribute__((format(printf, 4, 5))) void
diverge(struct runner *r, enum divergence_class cls, uint64_t iova,
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
	if (cls != DIV_NO_PROGRESS && reject_over_budget(r))
		return;
	known = explained_by(r, cls, &go_on);
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
		OBSERVE(r, finding, known);
		r->out->result = RUN_SUPPRESSED;
		r->out->suppressed_by = known;
		return;
	}
	r->out->result = RUN_DIVERGENCE;
	if (r->opt->capture)
		report_capture_divergence(r);
	if (!r->opt->quiet)
		report_divergence(r->opt->report ? r->opt->report : stderr, r);
	if (!r->opt->quiet || r->opt->fatal)
		divergence_raise(cls, r->out->msg, r->opt->fatal);
}

static void on_warn(void *arg, const char *file, int line, const char *what)
{
	struct runner *r = arg;

	event_log_add_text(r->log, EV_WARN, file, line);
	if (r->opt->warn_fatal)
		diverge(r, DIV_KERNEL_WARN, 0, "WARN at %s:%d: %s", file, line,
			what);
}

static void on_bug(void *arg, const char *file, int line, const char *what)
{
	struct runner *r = arg;

	diverge(r, DIV_KERNEL_BUG, 0, "BUG at %s:%d: %s", file, line, what);
	/* not fatal (replay): leave the kernel code, its state is discarded */
	if (bug_escape)
		longjmp(*bug_escape, 1);
}

/* A kernel or core loop that would never end: leave it, as after a BUG. */
static void on_stuck(void *arg, uint64_t iova, const char *what)
{
	struct runner *r = arg;

	diverge(r, DIV_NO_PROGRESS, iova, "%s", what);
	if (bug_escape)
		longjmp(*bug_escape, 1);
}

static void on_trace_map(void *arg, uint64_t iova, uint64_t pa, uint64_t size)
{
	struct runner *r = arg;

	event_log_add(r->log, EV_TRACE_MAP, iova, pa, size);
}

static void on_trace_unmap(void *arg, uint64_t iova, uint64_t size,
			   uint64_t unmapped)
{
	struct runner *r = arg;

	event_log_add(r->log, EV_TRACE_UNMAP, iova, size, unmapped);
	OBSERVE(r, unmapped, unmapped);
	gather_contract_unmapped(&r->contract, iova, unmapped);
}

static void on_sync(void *arg, uint64_t start, uint64_t end, uint64_t pgsize,
		    int gather)
{
	struct runner *r = arg;

	OBSERVE(r, sync, start, end, pgsize, gather);
	gather_contract_synced(&r->contract, start, end, pgsize, gather);
}

/* Last byte of [iova, iova + size), @size > 0, saturated at 2^64 - 1. */
static uint64_t last_byte(uint64_t iova, uint64_t size)
{
	return size - 1 > UINT64_MAX - iova ? UINT64_MAX : iova + size - 1;
}

static void on_complete(void *arg, enum sim_inv_kind kind, uint64_t iova,
			uint64_t size)
{
	struct runner *r = arg;

	gather_contract_completed(&r->contract, kind == SIM_INV_ALL, iova,
				  size);
}

static enum divergence_class verdict_class(enum oracle_verdict v)
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

/* iommu_iova_to_phys() against the API state; false on a divergence. */
static bool check_iova_to_phys(struct runner *r, uint64_t iova)
{
	struct oracle_view view;
	uint64_t got = kstack_iova_to_phys(r->ks, iova);
	uint64_t want;

	OBSERVE(r, lookup, iova, got);
	oracle_view(r->orc, iova, &view);
	want = view.mapped ? view.current.pa + (iova & (r->min_page - 1)) : 0;
	if (got == want)
		return true;
	diverge(r, DIV_IOVA_TO_PHYS, iova,
		"iova 0x%" PRIx64 ": iova_to_phys returned 0x%" PRIx64
		", the API state says 0x%" PRIx64 "%s", iova, got, want,
		view.mapped ? "" : " (unmapped)");
	return false;
}

/* The tables as hardware reads them, and iova_to_phys, against the API. */
static uint64_t probe_page(struct runner *r, uint64_t iova)
{
	struct walk_result w = hw_walk(&r->hw_tables, &r->mem, NULL, iova);
	char why[256];

	OBSERVE(r, walk, iova, &w);
	if (w.status == XLATE_WALK_FREED || w.status == XLATE_WALK_UNBACKED) {
		diverge(r, DIV_PGTABLE_STATE, iova,
			"iova 0x%" PRIx64 ": the tables lead to %s memory (level %d descriptor 0x%" PRIx64 ")",
			iova, w.status == XLATE_WALK_FREED ? "freed" : "non-table",
			w.level, w.pte);
		return r->min_page;
	}

	bool mapped = w.status == XLATE_OK;

	if (oracle_check_state(r->orc, iova, mapped, w.pa, why, sizeof(why)) !=
	    ORACLE_OK) {
		diverge(r, DIV_PGTABLE_STATE, iova, "tables: %s", why);
		return r->min_page;
	}

	if (!check_iova_to_phys(r, iova))
		return r->min_page;

	/* skip the rest of the leaf or hole the walk saw */
	if (w.block_size >= r->min_page && iova >= w.block_iova &&
	    iova - w.block_iova < w.block_size)
		return w.block_size - (iova - w.block_iova);
	return r->min_page;
}

struct extent_probe {
	struct runner *r;
	uint64_t start, last; /* inclusive: a range may end at 2^64 */
	unsigned int budget;
};

static void probe_extent_edges(void *arg, uint64_t iova, uint64_t size,
			       uint64_t pa, unsigned int prot)
{
	struct extent_probe *ep = arg;
	uint64_t last = iova + size - ep->r->min_page;

	(void)pa;
	(void)prot;
	if (ep->r->diverged || !ep->budget || last < ep->start ||
	    iova > ep->last)
		return;
	ep->budget--;
	if (iova >= ep->start)
		probe_page(ep->r, iova);
	if (last <= ep->last && last != iova)
		probe_page(ep->r, last);
}

static void check_range_state(struct runner *r, uint64_t iova, uint64_t size)
{
	/* last bytes, not ends: a range may end at 2^64 */
	uint64_t limit_last = r->iova_limit ? r->iova_limit - 1 : UINT64_MAX;
	uint64_t last = size && size - 1 <= limit_last - iova ?
				iova + size - 1 :
				limit_last;
	unsigned int probes = 0;
	/* our probes are not the op: keep them out of a report's trace */
	bool tracing = ktrace_pause();

	if (iova >= r->min_page)
		probe_page(r, iova - r->min_page);
	for (uint64_t p = iova; size && !r->diverged &&
				probes < PROBES_PER_RANGE;
	     probes++) {
		uint64_t step = probe_page(r, p);

		if (step > last - p)
			break;
		p += step;
	}
	if (!r->diverged && size)
		probe_page(r, last & ~(r->min_page - 1));
	if (!r->diverged && (!size || last < limit_last))
		probe_page(r, size ? last + 1 : iova);

	struct extent_probe ep = { r, iova, last, PROBES_PER_RANGE / 2 };

	if (!r->diverged && size)
		oracle_for_each_extent_in(r->orc, iova, last,
					  probe_extent_edges, &ep);
	ktrace_resume(tracing);
}

/* The current op must leave nothing in flight that it completes. */
static bool completing(const struct runner *r)
{
	return r->contract.op.completes != COMPLETES_NOTHING;
}

static void check_entry(void *arg, const struct iotlb_entry *e)
{
	struct runner *r = arg;
	char why[256];
	enum oracle_verdict v;

	if (r->diverged)
		return;
	v = oracle_check_entry(r->orc, e->iova, e->size, e->pa, e->perm,
			       e->negative, why, sizeof(why));
	if (v != ORACLE_OK)
		diverge(r,
			v == ORACLE_STALE && completing(r) ? DIV_COMPLETION :
							     verdict_class(v),
			e->iova,
			"IOTLB entry [0x%" PRIx64 " +0x%" PRIx64 "]%s: %s",
			e->iova, e->size, e->negative ? " (cached fault)" : "",
			why);
}

/* Everything the device has cached must still be legal. */
static void check_iotlb(struct runner *r)
{
	iotlb_for_each(r->tlb, check_entry, r);
}

static const enum divergence_class rule_class[] = {
	[RULE_COMPLETION] = DIV_COMPLETION,
	[RULE_EMPTY_GATHER_SYNC] = DIV_EMPTY_GATHER_SYNC,
	[RULE_OVER_INVALIDATION] = DIV_OVER_INVALIDATION,
	[RULE_GATHER_COVERAGE] = DIV_GATHER_COVERAGE,
};

/* A broken gather rule: true if the run stops here. */
static bool contract_broken(void *arg, enum contract_rule rule, uint64_t iova,
			    const char *msg)
{
	struct runner *r = arg;

	diverge(r, rule_class[rule], iova, "%s", msg);
	return r->diverged;
}

/* What is still posted, in the contract's terms. */
static bool check_posted(struct runner *r)
{
	struct contract_posted posted[SIM_MAX_POSTED];
	size_t n = r->dev.nr_posted;

	if (r->contract.op.completes == COMPLETES_NOTHING || !n)
		return false;
	for (size_t i = 0; i < n; i++)
		posted[i] = (struct contract_posted){
			r->dev.posted[i].kind == SIM_INV_ALL,
			r->dev.posted[i].iova,
			r->dev.posted[i].size,
		};
	return gather_contract_check_posted(&r->contract, posted, n,
					    contract_broken, r);
}

/* The op as the gather contract sees it. */
static void begin_contract_op(struct runner *r, const struct prog_op *op)
{
	bool deferred = r->prog->cfg.deferred;
	struct contract_op c = {
		.name = op_kind_name(op->kind),
		.unmaps_into = op->kind == OP_UNMAP_FAST ? (int)op->gather :
							   RUNNER_LOCAL_GATHER,
		.queued = op->kind == OP_UNMAP && deferred,
		.finishes = op->kind == OP_SYNC ? (int)op->gather :
			    op->kind == OP_MAP || op->kind == OP_UNMAP ?
							  RUNNER_LOCAL_GATHER :
							  -1,
		.completes = COMPLETES_NOTHING,
	};

	if (op->kind == OP_SYNC)
		c.completes = COMPLETES_GATHER;
	else if (op->kind == OP_FLUSH_ALL && r->traits.has_flush_all)
		c.completes = COMPLETES_ALL;
	else if (op->kind == OP_UNMAP && !deferred)
		c.completes = COMPLETES_ITS_UNMAPS;
	gather_contract_op_begin(&r->contract, &c);
}

struct overlap_query {
	uint64_t start, last; /* inclusive: a range may end at 2^64 */
	bool found;
};

static void note_overlap(void *arg, uint64_t iova, uint64_t size, uint64_t pa,
			 unsigned int prot)
{
	struct overlap_query *q = arg;

	(void)pa;
	(void)prot;
	if (iova <= q->last && last_byte(iova, size) >= q->start)
		q->found = true;
}

static bool range_has_mapping(struct runner *r, uint64_t iova, uint64_t size)
{
	struct overlap_query q = { iova, size ? last_byte(iova, size) : 0,
				   false };

	if (!size)
		return false;

	oracle_for_each_extent_in(r->orc, q.start, q.last, note_overlap, &q);
	return q.found;
}

/* The flush queue's flush: completes every queued unmap. */
static void flush_queue(struct runner *r)
{
	event_log_add(r->log, EV_FQ_FLUSH, 0, 0, 0);
	kstack_flush_all(r->ks);
	oracle_flush_all(r->orc);
	r->nr_fq = 0;
}

/* dma-iommu hands out a queued IOVA again only after the flush. */
static void flush_queue_before_reuse(struct runner *r, uint64_t iova,
				     uint64_t size)
{
	uint64_t last = iova + size - 1;

	for (size_t i = 0; i < r->nr_fq; i++) {
		if (r->fq[i].start <= last && iova <= r->fq[i].end) {
			flush_queue(r);
			return;
		}
	}
}

static void note_queued(struct runner *r, uint64_t iova, uint64_t unmapped)
{
	if (!unmapped || r->nr_fq >= RUNNER_MAX_FQ_RANGES)
		return;
	r->fq[r->nr_fq].start = iova;
	r->fq[r->nr_fq].end = last_byte(iova, unmapped);
	r->nr_fq++;
}

static void probe_for_oracle(void *arg, uint64_t iova, bool *mapped,
			     uint64_t *pa, uint64_t *span)
{
	struct runner *r = arg;
	struct walk_result w = hw_walk(&r->hw_tables, &r->mem, NULL, iova);

	*mapped = w.status == XLATE_OK;
	*pa = *mapped ? w.pa : 0;
	*span = r->min_page;
	if (w.block_size >= r->min_page && iova >= w.block_iova &&
	    iova - w.block_iova < w.block_size)
		*span = w.block_size - (iova - w.block_iova);
}

/*
 * A table io-pgtable keeps where the format cannot hold its address (or
 * the hardware cannot reach it): the device would walk a truncated or
 * unreachable one. It must have refused that memory.
 */
static void check_table_placement(struct runner *r, uint64_t iova)
{
	struct arena_usage u = arena_usage();

	if (u.live_unfit)
		diverge(r, DIV_PGTABLE_STATE, iova,
			"io-pgtable keeps %zu page table%s at or above PA 0x%" PRIx64 " (the last allocated at 0x%" PRIx64 "), which it must refuse: %s",
			u.live_unfit, u.live_unfit > 1 ? "s" : "",
			r->placement.fit, u.unfit_pa, r->placement.fit_why);
}

/*
 * F18: io-pgtable-arm offers a block as large as the whole input range (1G
 * at ias 30 with 4K pages) that no level of its tables can hold, so the
 * core's map of the whole space fails with -EINVAL.
 */
static bool whole_space_block(const struct runner *r, const struct prog_op *op)
{
	unsigned int ias = r->prog->cfg.ias;

	switch (r->prog->cfg.fmt) {
	case PT_ARM_32_LPAE_S1:
	case PT_ARM_32_LPAE_S2:
	case PT_ARM_64_LPAE_S1:
	case PT_ARM_64_LPAE_S2:
		break;
	default:
		return false;
	}
	return ias < 64 && op->size == 1ULL << ias &&
	       (r->prog->cfg.pgsize_bitmap >> ias);
}

static void run_map(struct runner *r, const struct prog_op *op)
{
	char why[256];

	if (r->prog->cfg.deferred)
		flush_queue_before_reuse(r, op->iova, op->size);

	bool was_mapped = range_has_mapping(r, op->iova, op->size);
	size_t failed_allocs = arena_usage().failed_allocs;
	size_t unfit_allocs = arena_usage().unfit_allocs;
	unsigned int failed_syncs = kstack_sync_map_failures(r->ks);

	if (was_mapped && r->traits.map_over_live_undefined) {
		/* API misuse this driver does not refuse: nothing to judge */
		reject(r,
		       "op #%zu maps over a live mapping, which the %s driver does not refuse: what follows is undefined",
		       r->op, kstack_driver_name(r->ks));
		return;
	}
	/*
	 * io-pgtable refuses a live leaf but frees a live table under a new
	 * block: what a map over live mappings leaves depends on the page
	 * sizes, so drivers may differ from here on (F12)
	 */
	if (was_mapped && r->opt->first_ambiguous_op &&
	    *r->opt->first_ambiguous_op > r->op)
		*r->opt->first_ambiguous_op = r->op;
	int ret = kstack_map(r->ks, op->iova, op->paddr, op->size, op->prot);

	run_trace_result(r, ret);
	OBSERVE(r, result, (uint64_t)(int64_t)ret);
	/* first what it did with the table memory, then what it mapped */
	check_table_placement(r, op->iova);
	if (r->diverged)
		return;
	if (ret == 0) {
		oracle_map_ok(r->orc, op->iova, op->paddr, op->size, op->prot);
	} else {
		/*
		 * an injected failure (allocation, sync_map) may fail it, and
		 * so may table memory the format cannot hold
		 */
		if (!was_mapped && arena_usage().failed_allocs == failed_allocs &&
		    arena_usage().unfit_allocs == unfit_allocs &&
		    kstack_sync_map_failures(r->ks) == failed_syncs) {
			if (ret == -EINVAL && whole_space_block(r, op))
				r->dev.op_finding = "F18";
			diverge(r, DIV_MAP_RESULT, op->iova,
				"map of a free range failed with %d", ret);
			return;
		}

		bool tore_down;

		if (oracle_map_failed(r->orc, op->iova, op->size,
				      probe_for_oracle, r, &tore_down, why,
				      sizeof(why)) != ORACLE_OK) {
			diverge(r, DIV_MAP_RESULT, op->iova,
				"map failed with %d and left: %s", ret, why);
			return;
		}
		/*
		 * io-pgtable frees a live table under a new block before it
		 * meets the live leaf that fails the map. Nobody asked for
		 * those mappings to go, so nothing says they must be
		 * invalidated: drivers without flush callbacks (mtk) leave
		 * them in the IOTLB. The API forbids the map; stop here.
		 */
		if (was_mapped && tore_down) {
			reject(r,
			       "op #%zu maps over a live mapping and fails after io-pgtable tore live mappings down: what follows is undefined",
			       r->op);
			return;
		}
	}
	check_range_state(r, op->iova, op->size);
}

static void run_unmap(struct runner *r, const struct prog_op *op)
{
	char why[256];
	uint64_t unmapped;
	int tag;

	if (r->opt->first_ambiguous_op &&
	    *r->opt->first_ambiguous_op > r->op &&
	    oracle_unmap_is_ambiguous(r->orc, op->iova, op->size))
		*r->opt->first_ambiguous_op = r->op;
	if (op->kind == OP_UNMAP_FAST) {
		unmapped = kstack_unmap_fast(r->ks, op->iova, op->size,
					     op->gather);
		tag = (int)op->gather;
	} else if (r->prog->cfg.deferred) {
		unmapped = kstack_unmap_queued(r->ks, op->iova, op->size);
		note_queued(r, op->iova, unmapped);
		tag = ORACLE_TAG_FQ;
	} else {
		unmapped = kstack_unmap(r->ks, op->iova, op->size);
		tag = ORACLE_TAG_STRICT;
	}
	run_trace_result(r, (int64_t)unmapped);
	OBSERVE(r, result, unmapped);
	/* a block split takes a table */
	check_table_placement(r, op->iova);
	if (r->diverged)
		return;
	if (oracle_unmap(r->orc, op->iova, op->size, unmapped, tag, why,
			 sizeof(why)) != ORACLE_OK) {
		diverge(r, DIV_UNMAP_RESULT, op->iova,
			"unmap iova 0x%" PRIx64 " size 0x%" PRIx64
			" returned 0x%" PRIx64 ": %s", op->iova, op->size,
			unmapped, why);
		return;
	}
	check_range_state(r, op->iova,
			  unmapped > op->size ? unmapped : op->size);
}

static void run_access(struct runner *r, const struct prog_op *op,
		       bool checked)
{
	struct xlate_result x = iotlb_access(r->tlb, op->iova,
					     checked ? op->access :
						       HW_PERM_READ);
	char why[256];

	run_trace_access(r, &x);
	if (x.status == XLATE_WALK_FREED) {
		diverge(r, DIV_TABLE_USE_AFTER_FREE, op->iova,
			"device walk for iova 0x%" PRIx64
			" read a freed page table", op->iova);
		return;
	}
	if (x.status == XLATE_WALK_UNBACKED) {
		diverge(r, DIV_BAD_WALK, op->iova,
			"device walk for iova 0x%" PRIx64
			" read memory that is no page table", op->iova);
		return;
	}
	if (!checked)
		return; /* a prefetch may fill anything; the scan judges it */

	struct oracle_observation obs = {
		.ok = x.status == XLATE_OK,
		.perm_fault = x.status == XLATE_FAULT_PERMISSION,
		.pa = x.pa,
		.perm = x.perm,
	};
	enum oracle_verdict v = oracle_check_access(r->orc, op->iova,
						    op->access, &obs, why,
						    sizeof(why));

	if (v != ORACLE_OK)
		diverge(r, verdict_class(v), op->iova, "%s access: %s",
			op->access == HW_PERM_WRITE ? "write" : "read", why);
}

static void run_op(struct runner *r, const struct prog_op *op)
{
	begin_contract_op(r, op);
	switch (op->kind) {
	case OP_MAP:
		run_map(r, op);
		break;
	case OP_UNMAP:
	case OP_UNMAP_FAST:
		run_unmap(r, op);
		break;
	case OP_SYNC:
		kstack_sync(r->ks, op->gather);
		oracle_sync(r->orc, (int)op->gather);
		break;
	case OP_FLUSH_ALL:
		if (r->prog->cfg.deferred) {
			flush_queue(r);
		} else {
			kstack_flush_all(r->ks);
			/* without the op, iommu_flush_iotlb_all() promises nothing */
			if (r->traits.has_flush_all)
				oracle_flush_all(r->orc);
		}
		break;
	case OP_IOVA_TO_PHYS:
		check_iova_to_phys(r, op->iova);
		break;
	case OP_ACCESS:
		run_access(r, op, true);
		break;
	case OP_PREFETCH:
		run_access(r, op, false);
		break;
	}
	/* what the device can still see first, then how the gather got there */
	if (!r->diverged)
		check_posted(r);
	if (!r->diverged)
		check_iotlb(r);
	if (!r->diverged)
		gather_contract_op_end(&r->contract, contract_broken, r);
}

static void oracle_config_for(const struct program *p, uint64_t min_page,
			      uint64_t iova_limit, struct oracle_config *oc)
{
	bool no_perms = p->cfg.fmt == PT_ARM_V7S &&
			(p->cfg.quirks & HW_QUIRK_NO_PERMS);

	memset(oc, 0, sizeof(*oc));
	oc->min_page = min_page;
	oc->iova_limit = iova_limit;
	oc->can_deny_write = !no_perms;
	/* LPAE stage 1 and v7s have no "write-only"; stage 2, DART, AMD do */
	switch (p->cfg.fmt) {
	case PT_ARM_32_LPAE_S2:
	case PT_ARM_64_LPAE_S2:
	case PT_APPLE_DART:
	case PT_APPLE_DART2:
	case PT_AMD_V1:
		oc->can_deny_read = true;
		break;
	default:
		oc->can_deny_read = false;
		break;
	}
}

static void check_teardown(struct runner *r)
{
	struct arena_usage u = arena_usage();
	struct kshim_counters c = kshim_counters();

	r->op = r->prog->nr_ops;
	if (u.live_pages || u.live_objects || c.live_heap_objects ||
	    c.live_caches)
		diverge(r, DIV_PGTABLE_LEAK, 0,
			"after free_io_pgtable_ops: %zu table pages, %zu table objects, %ld kmalloc objects, %ld slab caches still allocated",
			u.live_pages, u.live_objects, c.live_heap_objects,
			c.live_caches);
}

static void reject_run(struct run_outcome *out, const char *why)
{
	out->result = RUN_REJECTED;
	snprintf(out->msg, sizeof(out->msg), "%s", why);
}

/* The page-table memory goes where the program puts it. */
static bool place_tables(const struct table_placement *pl)
{
	if (!arena_place(pl->base))
		return false;
	arena_set_fit_limit(pl->fit == UINT64_MAX ? 0 : pl->fit);
	arena_set_dma_limit(pl->dma);
	return true;
}

/*
 * io-pgtable refused the domain. Having met table memory the format
 * cannot hold, it had to: the input is rejected, with that as the reason.
 * Otherwise, where the same domain with its tables at the default place is
 * accepted, it refused table memory it can use: a divergence.
 */
static void judge_refused_domain(struct runner *r,
				 const struct kstack_params *params,
				 const char *why)
{
	struct arena_usage u = arena_usage();
	struct run_outcome *out = r->out;
	const struct table_placement *pl = &r->placement;
	struct table_placement there;
	struct kstack *ks;
	unsigned int ias, oas;
	char why2[256];

	if (u.unfit_allocs) {
		snprintf(out->msg, sizeof(out->msg),
			 "%s, as it must: its table at PA 0x%" PRIx64
			 " does not fit (%s)",
			 why, u.unfit_pa, pl->fit_why);
		out->result = RUN_REJECTED;
		return;
	}
	if (pl->base == PROG_DEFAULT_TABLE_BASE) {
		reject_run(out, why);
		return;
	}
	arena_reset();
	arena_set_dma_limit(pl->dma);
	ks = kstack_create(params, &r->dev, why2, sizeof(why2));
	if (!ks) {
		reject_run(out, why);
		return;
	}
	kstack_address_sizes(ks, &ias, &oas);
	kstack_destroy(ks);
	placement_of(&r->prog->cfg, oas, &there);
	if (placement_check(&r->prog->cfg, oas, &there, why2, sizeof(why2))) {
		reject_run(out, why2);
		return;
	}
	out->result = RUN_DIVERGENCE;
	out->cls = DIV_PGTABLE_STATE;
	out->op = 0;
	snprintf(out->msg, sizeof(out->msg),
		 "at setup, io-pgtable refused the domain with its tables at 0x%" PRIx64 ", which %s can hold (it accepts it with them at 0x%llx): %s",
		 pl->base, pt_format_name(r->prog->cfg.fmt),
		 PROG_DEFAULT_TABLE_BASE, why);
	if (!r->opt->quiet)
		fprintf(r->opt->report ? r->opt->report : stderr,
			"\n==== iotlbfuzz: %s at setup (kernel %s) ====\n  %s\n====\n",
			divergence_name(out->cls), kstack_kernel_release(),
			out->msg);
	if (!r->opt->quiet || r->opt->fatal)
		divergence_raise(out->cls, out->msg, r->opt->fatal);
}

/* FNV-1a over the mapping state, for the cross-driver comparison. */
struct state_hash {
	uint64_t h;
	FILE *dump;
};

static void hash_extent(void *arg, uint64_t iova, uint64_t size, uint64_t pa,
			unsigned int prot)
{
	struct state_hash *sh = arg;
	uint64_t words[4] = { iova, size, pa, prot };

	sh->h = fnv1a_words(sh->h, words, 4);
	if (sh->dump)
		fprintf(sh->dump,
			"    [0x%" PRIx64 ", 0x%" PRIx64 "] -> 0x%" PRIx64
			" prot 0x%x\n", iova, iova + size - 1, pa, prot);
}

static void record_state(struct runner *r)
{
	bool dump = r->opt->dump_state_after_op == (long)r->op;
	struct state_hash sh = { FNV_OFFSET, NULL };

	if (dump) {
		sh.dump = r->opt->report ? r->opt->report : stderr;
		fprintf(sh.dump, "  after op #%zu on %s, mapped:\n", r->op,
			kstack_driver_name(r->ks));
	}
	oracle_for_each_extent(r->orc, hash_extent, &sh);
	if (r->opt->state_digests)
		r->opt->state_digests[r->op] = sh.h;
}

static void note_op_for_watchdog(const struct runner *r)
{
	const struct prog_op *op = &r->prog->ops[r->op];

	watchdog_note_op(r->op, op_kind_name(op->kind), op->iova, op->size,
			 kstack_driver_name(r->ks));
}

static void run_ops(struct runner *r)
{
	for (r->op = 0; r->op < r->prog->nr_ops && !r->diverged; r->op++) {
		r->op_first_event[r->op] = r->log->n;
		event_log_add(r->log, EV_OP, r->op, 0, 0);
		r->dev.op_finding = NULL;
		note_op_for_watchdog(r);
		run_trace_before_op(r, &r->prog->ops[r->op]);
		if (r->opt->capture)
			report_capture_op_start(r);
		if (r->opt->observer)
			observe_op_start(r->opt->observer, r);
		run_op(r, &r->prog->ops[r->op]);
		if (r->opt->capture)
			report_capture_op_end(r);
		run_trace_after_op(r);
		if (!r->diverged &&
		    (r->opt->state_digests || r->opt->dump_state_after_op >= 0))
			record_state(r);
		if (!r->diverged)
			reject_over_budget(r);
		if (r->opt->observer)
			observe_op_end(r->opt->observer, r);
	}
}

enum run_result run_one(const struct program *prog,
			const struct run_options *opt, struct run_outcome *out)
{
	struct program p = *prog;
	struct runner r = { 0 };
	struct kstack_params params;
	char why[256];
	jmp_buf escape;

	memset(out, 0, sizeof(*out));
	if (opt->driver_override >= 0)
		p.cfg.driver = opt->driver_override;
	out->driver = p.cfg.driver;
	out->other_driver = -1;
	arena_reset();
	kshim_reset();
	event_log_reset(&event_log);
	r.prog = &p;
	r.opt = opt;
	r.out = out;
	r.log = &event_log;
	r.dev.log = &event_log;
	r.mem.read = arena_device_read;
	r.dev.on_sync = on_sync;
	r.dev.on_sync_arg = &r;
	r.dev.on_complete = on_complete;
	r.dev.on_complete_arg = &r;

	struct kshim_hooks hooks = {
		.warn = on_warn,
		.bug = on_bug,
		.map_traced = on_trace_map,
		.unmap_traced = on_trace_unmap,
		.stuck = on_stuck,
		.arg = &r,
	};
	kshim_set_hooks(&hooks);

	if (!opt->allow_mutants && kstack_driver_is_mutant(p.cfg.driver) &&
	    !(opt->allow_experimental &&
	      kstack_driver_is_experimental(p.cfg.driver))) {
		snprintf(why, sizeof(why),
			 "driver #%d is a deliberately broken test glue or an experimental model; fuzzing runs checked driver models only",
			 p.cfg.driver);
		reject_run(out, why);
		goto out_clean;
	}
	/* the driver's hardware: its quirks, the page sizes it offers */
	kstack_driver_traits(p.cfg.driver, &r.traits);
	gather_contract_init(&r.contract,
			     &(struct gather_rules){
				     .sync_needs_nonempty_gather =
					     r.traits.sync_needs_nonempty_gather,
				     .judge_overinvalidation =
					     r.traits.overinv_exact &&
					     !opt->no_over_invalidation,
				     .sync_covers_range = r.traits.gather_range,
			     },
			     PROG_MAX_GATHERS);
	if (r.traits.formats && !(r.traits.formats & (1u << p.cfg.fmt))) {
		snprintf(why, sizeof(why),
			 "driver #%d does not drive %s (its formats: mask 0x%x)",
			 p.cfg.driver, pt_format_name(p.cfg.fmt),
			 r.traits.formats);
		reject_run(out, why);
		goto out_clean;
	}
	if (p.cfg.cache_not_present && !r.traits.has_sync_map &&
	    !opt->allow_mutants) {
		snprintf(why, sizeof(why),
			 "driver #%d has no iotlb_sync_map, so hardware caching faults would be a broken configuration",
			 p.cfg.driver);
		reject_run(out, why);
		goto out_clean;
	}
	p.cfg.quirks |= r.traits.quirks;
	/* without IOMMU_CAP_DEFERRED_FLUSH, dma-iommu stays strict */
	p.cfg.deferred = p.cfg.deferred && r.traits.supports_fq;
	/*
	 * Fault injection is for the kernel's error paths; a model with
	 * tables of its own would only test its own
	 */
	if (r.traits.own_tables)
		p.cfg.fail_alloc = 0;
	if (!r.traits.sync_map_can_fail)
		p.cfg.fail_sync_map = 0;
	if (r.traits.fixed_pgsizes)
		p.cfg.pgsize_bitmap = r.traits.pgsize_mask;
	if (r.traits.pgsize_mask) {
		p.cfg.pgsize_bitmap &= r.traits.pgsize_mask;
		if (!p.cfg.pgsize_bitmap) {
			snprintf(why, sizeof(why),
				 "none of the requested page sizes is offered by driver #%d (0x%lx)",
				 p.cfg.driver, r.traits.pgsize_mask);
			reject_run(out, why);
			goto out_clean;
		}
	}

	const struct suppression *known =
		suppression_for_config(&p, kstack_tree_traits());

	if (known && !unsuppressed(opt, known->id)) {
		out->result = RUN_SUPPRESSED;
		out->suppressed_by = known->id;
		snprintf(out->msg, sizeof(out->msg),
			 "configuration not run: %s", known->title);
		goto out_clean;
	}
	/* where the tables sit, before anything allocates one */
	unsigned int requested_oas = p.cfg.oas;

	placement_of(&p.cfg, requested_oas, &r.placement);
	if (!place_tables(&r.placement)) {
		snprintf(why, sizeof(why),
			 "config.table_base 0x%" PRIx64 " cannot hold the page tables",
			 r.placement.base);
		reject_run(out, why);
		goto out_clean;
	}
	params = (struct kstack_params){
		.fmt = p.cfg.fmt,
		.pgsize_bitmap = p.cfg.pgsize_bitmap,
		.ias = p.cfg.ias,
		.oas = p.cfg.oas,
		.quirks = p.cfg.quirks,
		.coherent_walk = p.cfg.coherent_walk,
		.driver = p.cfg.driver,
	};
	r.ks = kstack_create(&params, &r.dev, why, sizeof(why));
	if (!r.ks) {
		judge_refused_domain(&r, &params, why);
		goto out_clean;
	}

	unsigned long bitmap = kstack_pgsize_bitmap(r.ks);

	/* judge the program by what io-pgtable settled on */
	p.cfg.pgsize_bitmap = bitmap;
	kstack_address_sizes(r.ks, &p.cfg.ias, &p.cfg.oas);
	kstack_hw_context(r.ks, true, &r.hw_device);
	kstack_hw_context(r.ks, false, &r.hw_tables);
	/* the tables must be reachable with the output size it settled on */
	struct prog_config asked = p.cfg;

	asked.oas = requested_oas;
	/* a model's own tables (AMD v1) are judged as what they are */
	asked.fmt = r.hw_tables.fmt;
	asked.coherent_walk = r.hw_tables.coherent;
	placement_of(&asked, p.cfg.oas, &r.placement);
	p.cfg.fmt = r.hw_tables.fmt;
	if (placement_check(&asked, p.cfg.oas, &r.placement, why,
			    sizeof(why)) ||
	    program_validate_ops(&p, bitmap, r.hw_tables.pgsize_bitmap, why,
				 sizeof(why))) {
		reject_run(out, why);
		kstack_destroy(r.ks);
		goto out_clean;
	}
	r.min_page = bitmap & -bitmap;
	r.iova_limit = p.cfg.ias >= 64 ? 0 : 1ULL << p.cfg.ias; /* 0: 2^64 */
	arena_set_coherent(r.hw_device.coherent);

	struct iotlb_config tc = {
		.walk_cache = p.cfg.walk_cache,
		.cache_not_present = p.cfg.cache_not_present,
	};
	struct oracle_config oc;

	oracle_config_for(&p, r.min_page, r.iova_limit, &oc);
	r.tlb = iotlb_create(&tc, &r.hw_device, &r.mem);
	r.orc = oracle_create(&oc);
	if (!r.tlb || !r.orc) {
		fprintf(stderr, "iotlbfuzz: out of memory\n");
		abort();
	}
	r.dev.tlb = r.tlb;

	run_trace_begin(&r);
	/*
	 * Fatal runs abort at a BUG or a stuck loop, unless a known finding
	 * explains it: then the kernel side is left all the same.
	 */
	bug_escape = &escape;
	kshim_set_step_limit(opt->max_kernel_steps);
	if (setjmp(escape) == 0) {
		/* counted from here: the domain's own setup always succeeds */
		arena_fail_after((long)p.cfg.fail_alloc);
		kstack_fail_sync_map(r.ks, p.cfg.fail_sync_map);
		/* the domain's own tables, before any op */
		check_table_placement(&r, 0);
		run_ops(&r);
		arena_fail_after(0);
		r.op_first_event[r.op] = r.log->n;
		if (opt->capture)
			report_capture_op_start(&r);
		watchdog_note_op(r.op, "teardown", 0, 0,
				 kstack_driver_name(r.ks));
		kstack_destroy(r.ks);
		r.ks = NULL;
		if (!r.diverged)
			check_teardown(&r);
		if (opt->capture)
			report_capture_op_end(&r);
	}
	bug_escape = NULL;
	kshim_set_step_limit(0);
	/* after a BUG the kernel side is abandoned; only its memory is reset */
	if (r.ks)
		kstack_abandon(r.ks);
	r.dev.tlb = NULL;
	iotlb_destroy(r.tlb);
	oracle_destroy(r.orc);
out_clean:
	gather_contract_release(&r.contract);
	out->noted_finding = r.dev.known_finding;
	out->warns = kshim_counters().warns;
	memcpy(out->events, event_log.count, sizeof(out->events));
	kshim_release_leaks();
	kshim_set_hooks(NULL);
	arena_reset();
	return out->result;
}

/*
 * The cross-driver check: the same program on every driver of
 * config.also_run_on (that drives its format) must leave the same mappings
 * after every operation. Each run is checked on its own as well.
 */
static enum run_result run_cross(const struct program *prog,
				 const struct run_options *opt,
				 struct run_outcome *out)
{
	uint64_t base[PROG_MAX_OPS], other[PROG_MAX_OPS];
	struct run_options o = *opt;
	int base_driver = opt->driver_override >= 0 ? opt->driver_override :
						      prog->cfg.driver;
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
		o.trace = NULL; /* the trace is of the program's own driver */
		o.state_digests = other;
		ambiguous_other = prog->nr_ops;
		o.first_ambiguous_op = &ambiguous_other;
		res = run_one(&q, &o, &out2);
		if (res == RUN_REJECTED && opt->work_budget &&
		    input_work() > opt->work_budget) {
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
			const char *noted = out->noted_finding ?
						    out->noted_finding :
						    out2.noted_finding;

			if (!noted && (ambiguous_base <= k || ambiguous_other <= k))
				noted = "F12";

			if (noted && !unsuppressed(opt, noted)) {
				out->result = RUN_SUPPRESSED;
				out->suppressed_by = noted;
				snprintf(out->msg, sizeof(out->msg),
					 "cross-driver difference after op #%zu follows finding %s",
					 k, noted);
				return RUN_SUPPRESSED;
			}

			const char *a = NULL, *b = NULL;

			for (unsigned int j = 0; j < kstack_nr_drivers(); j++) {
				int id;
				const char *name = kstack_driver_info(j, &id, NULL);

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
			snprintf(out->msg, sizeof(out->msg),
				 "after op #%zu, %s and %s map different things",
				 k, a ? a : "?", b ? b : "?");
			if (!opt->quiet)
				report_cross_driver(opt->report ? opt->report :
								  stderr,
						    prog, opt, out);
			if (!opt->quiet || opt->fatal)
				divergence_raise(DIV_CROSS_DRIVER, out->msg,
						 opt->fatal);
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
static bool refusals_differ_per_driver(const struct prog_config *c)
{
	return c->fail_alloc || c->fail_sync_map ||
	       (c->table_base && (c->fmt == PT_ARM_V7S || !c->coherent_walk));
}

enum run_result run_program(const struct program *prog,
			    const struct run_options *opt,
			    struct run_outcome *out)
{
	enum run_result res;

	input_work_start = hw_work();
	/* the glue cuts an operation short past it, so no op runs away */
	hw_work_set_limit(opt->work_budget ? input_work_start + opt->work_budget :
					     0);
	watchdog_arm();
	if (prog->cfg.nr_also_run_on && !opt->single_driver &&
	    !refusals_differ_per_driver(&prog->cfg))
		res = run_cross(prog, opt, out);
	else
		res = run_one(prog, opt, out);
	watchdog_disarm();
	hw_work_set_limit(0);
	out->work = input_work();
	return res;
}

enum run_result run_input(const uint8_t *data, size_t len,
			  const struct run_options *opt,
			  struct run_outcome *out)
{
	static struct program p; /* 256 ops: too big for a fuzzer's stack */
	char why[256];

	memset(out, 0, sizeof(*out));
	if (program_from_input(data, len, &p, why, sizeof(why))) {
		reject_run(out, why);
		out->undecoded = true;
		return RUN_REJECTED;
	}
	return run_program(&p, opt, out);
}
