// SPDX-License-Identifier: GPL-2.0-only
/*
 * The differential runner. It owns nothing between inputs: every run starts
 * from a reset arena, shim and event log, so a corpus run in one process
 * gives the same results as one process per input.
 */
#include "runner.h"

#include <inttypes.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "bytecode.h"
#include "cross_driver.h"
#include "driver_id.h"
#include "kshim_runtime.h"
#include "ktrace.h"
#include "runner_priv.h"
#include "suppressions.h"
#include "watchdog.h"

_Static_assert(PROG_DEFAULT_TABLE_BASE == ARENA_DEFAULT_PHYS_BASE &&
		       PROG_TABLE_BYTES == ARENA_BYTES &&
		       PROG_TABLE_ALIGN == ARENA_PLACE_ALIGN &&
		       PROG_TABLE_LIMIT == ARENA_PHYS_LIMIT,
	       "config.table_base's limits are the arena's");

static struct event_log event_log; /* large: kept out of the stack */
/* the device's posted invalidations (sim_device.posted) */
static struct sim_posted posted[SIM_MAX_POSTED];

static jmp_buf *bug_escape;

void run_options_default(struct run_options *o)
{
	memset(o, 0, sizeof(*o));
	o->driver_override = -1;
	o->work_budget = RUN_WORK_BUDGET;
	o->max_kernel_steps = RUN_MAX_KERNEL_STEPS;
}

/* hw_work() when the current input started, for the work budget */
static uint64_t input_work_start;

uint64_t run_input_work(void)
{
	return hw_work() - input_work_start;
}

static void on_warn(void *arg, const char *file, int line, const char *what)
{
	struct runner *r = arg;

	event_log_add_text(r->log, EV_WARN, file, line);
	if (r->opt->warn_fatal)
		run_diverge(r, DIV_KERNEL_WARN, 0, "WARN at %s:%d: %s", file, line,
			what);
}

static void on_bug(void *arg, const char *file, int line, const char *what)
{
	struct runner *r = arg;

	run_diverge(r, DIV_KERNEL_BUG, 0, "BUG at %s:%d: %s", file, line, what);
	/* not fatal (replay): leave the kernel code, its state is discarded */
	if (bug_escape)
		longjmp(*bug_escape, 1);
}

/* A kernel or core loop that would never end: leave it, as after a BUG. */
static void on_stuck(void *arg, uint64_t iova, const char *what)
{
	struct runner *r = arg;

	run_diverge(r, DIV_NO_PROGRESS, iova, "%s", what);
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
	gather_contract_unmapped(&r->contract, iova, unmapped);
}

/* Has this op posted invalidations that nobody has waited for yet? */
static bool posted_this_op(const struct runner *r)
{
	size_t earlier = r->log->count[EV_HW_WAIT] == r->waits_at_op_start
				 ? r->posted_at_op_start
				 : 0;

	return r->dev.nr_posted > earlier;
}

static void on_sync(void *arg, uint64_t start, uint64_t end, uint64_t pgsize,
		    int gather)
{
	struct runner *r = arg;

	gather_contract_synced(&r->contract, start, end, pgsize, gather,
			       posted_this_op(r));
}


static void on_sync_frees_tables(void *arg)
{
	struct runner *r = arg;

	gather_contract_sync_frees_tables(&r->contract);
}

/* A generic_pt table grew: the device walks from its new top. */
static void on_reprogram(void *arg)
{
	struct runner *r = arg;

	kstack_hw_context(r->ks, true, &r->hw_device);
	kstack_hw_context(r->ks, false, &r->hw_tables);
	if (r->tlb)
		iotlb_set_context(r->tlb, &r->hw_device);
}

static void on_add_page(void *arg, uint64_t iova, uint64_t size, int gather)
{
	struct runner *r = arg;

	gather_contract_page_added(&r->contract, gather, iova, size);
}

static void on_issue(void *arg, enum sim_inv_kind kind, uint64_t iova,
		     uint64_t size)
{
	struct runner *r = arg;

	if (kind == SIM_INV_LEAF)
		gather_contract_leaf_issued(&r->contract, iova, size);
}

static void on_complete(void *arg, enum sim_inv_kind kind, uint64_t iova,
			uint64_t size)
{
	struct runner *r = arg;

	gather_contract_completed(&r->contract, kind == SIM_INV_ALL, iova,
				  size);
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

/* The flush queue's flush: completes every queued unmap. */
static void flush_queue(struct runner *r)
{
	event_log_add(r->log, EV_FQ_FLUSH, 0, 0, 0);
	kstack_flush_all(r->ks);
	gather_contract_queue_flushed(&r->contract);
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
	r->fq[r->nr_fq].end = range_last(iova, unmapped);
	r->nr_fq++;
}

static void run_map(struct runner *r, const struct prog_op *op)
{
	if (r->prog->cfg.deferred)
		flush_queue_before_reuse(r, op->iova, op->size);

	struct map_before before = {
		.was_mapped = range_has_mapping(r, op->iova, op->size),
		.failed_allocs = arena_usage().failed_allocs,
		.unfit_allocs = arena_usage().unfit_allocs,
		.failed_syncs = kstack_sync_map_failures(r->ks),
	};

	/*
	 * generic_pt's unmap leaves the gather to be flushed before the
	 * range is used again (struct pt_iommu_ops): the tables it took out
	 * stay in the device's walk cache until that sync, so a new map
	 * under them may not be seen. dma-iommu never reuses an IOVA so
	 * early; a program that does is outside that contract.
	 */
	if (op->size && kstack_generic_pt_format(r->ks) &&
	    oracle_pending_in(r->orc, op->iova, range_last(op->iova, op->size))) {
		run_reject(r,
			   "op #%zu maps over an unmap not yet synced, on "
			   "generic_pt tables, which must be flushed first: "
			   "what follows is undefined",
			   r->op);
		return;
	}
	/*
	 * generic_pt's engine refuses a map over anything live with
	 * -EADDRINUSE (and the core undoes what it mapped first), whoever's
	 * driver it is: judged like io-pgtable's refusal.
	 */
	if (before.was_mapped && r->traits.facts->map_over_live_undefined &&
	    !kstack_generic_pt_format(r->ks)) {
		/* API misuse this driver does not refuse: nothing to judge */
		run_reject(r,
			   "op #%zu maps over a live mapping, which the %s "
			   "driver does not refuse: what follows is undefined",
			   r->op, kstack_driver_name(r->ks));
		return;
	}
	/*
	 * io-pgtable refuses a live leaf but frees a live table under a new
	 * block: what a map over live mappings leaves depends on the page
	 * sizes, so drivers may differ from here on (F12)
	 */
	if (before.was_mapped && r->opt->cross)
		cross_run_ambiguous(r->opt->cross, r->op);
	int ret = kstack_map(r->ks, op->iova, op->paddr, op->size, op->prot);

	if (r->recording)
		op_record_result(&r->rec, ret);
	judge_map(r, op, ret, &before);
}

/* Does a leaf of the tables reach past [iova, last] at @at? */
static bool leaf_reaches_out(struct runner *r, uint64_t at, uint64_t iova,
			     uint64_t last)
{
	struct walk_result w = hw_walk(&r->hw_tables, &r->mem, NULL, at);

	return w.status == XLATE_OK &&
	       (w.block_iova < iova || w.block_size - 1 > last - w.block_iova);
}

/* Will this unmap split a block (io-pgtable before 6.13 does)? */
static bool cuts_into_leaf(struct runner *r, uint64_t iova, uint64_t size)
{
	uint64_t last = range_last(iova, size);

	return size &&
	       (leaf_reaches_out(r, iova, iova, last) ||
		leaf_reaches_out(r, last & ~(r->min_page - 1), iova, last));
}

static void run_unmap(struct runner *r, const struct prog_op *op)
{
	uint64_t unmapped;
	int tag;

	if (r->opt->cross &&
	    oracle_unmap_is_ambiguous(r->orc, op->iova, op->size))
		cross_run_ambiguous(r->opt->cross, r->op);
	/* only a level hint can miss the entry of a block split apart */
	if (r->dev.range_hints && !r->dev.split_a_block)
		r->dev.split_a_block = cuts_into_leaf(r, op->iova, op->size);
	if (op->kind == OP_UNMAP_FAST) {
		unmapped = kstack_unmap_fast(r->ks, op->iova, op->size,
					     op->gather);
		tag = (int)op->gather;
	} else if (r->prog->cfg.deferred) {
		r->queued_cuts_leaf = cuts_into_leaf(r, op->iova, op->size);
		unmapped = kstack_unmap_queued(r->ks, op->iova, op->size);
		note_queued(r, op->iova, unmapped);
		tag = ORACLE_TAG_FQ;
	} else {
		unmapped = kstack_unmap(r->ks, op->iova, op->size);
		tag = ORACLE_TAG_STRICT;
	}
	if (r->recording)
		op_record_result(&r->rec, (int64_t)unmapped);
	r->engine_unmapped_nothing =
		!unmapped && kstack_generic_pt_format(r->ks);
	/* the empty range stays in the gather until its next sync */
	if (op->kind == OP_UNMAP_FAST) {
		if (r->gathers_with_empty_range & (1u << op->gather))
			r->engine_unmapped_nothing = true;
		else if (r->engine_unmapped_nothing)
			r->gathers_with_empty_range |= 1u << op->gather;
	}
	judge_unmap(r, op, unmapped, tag);
}

static void run_access(struct runner *r, const struct prog_op *op,
		       bool checked)
{
	struct xlate_result x = iotlb_access(
		r->tlb, op->iova, checked ? op->access : HW_PERM_READ);

	if (r->recording)
		op_record_access(&r->rec, &x);
	judge_access(r, op, &x, checked);
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
		if (r->gathers_with_empty_range & (1u << op->gather)) {
			r->engine_unmapped_nothing = true;
			/*
			 * F23: riscv steps its invalidations from the
			 * gather's start, which the empty range moved
			 */
			if (r->prog->cfg.driver == DRIVER_ID(DRV_RISCV))
				r->dev.known_finding = "F23";
		}
		r->gathers_with_empty_range &= ~(1u << op->gather);
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
		check_walk_cache(r);
	if (!r->diverged)
		gather_contract_op_end(&r->contract, contract_broken, r);
}

/* The op record is for observers called at an op's end. */
static bool observers_read_records(const struct run_observer *o)
{
	for (; o; o = o->next)
		if (o->ops->op_end || o->ops->op_abandoned)
			return true;
	return false;
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
		r->engine_unmapped_nothing = false;
		note_op_for_watchdog(r);
		r->posted_at_op_start = r->dev.nr_posted;
		r->waits_at_op_start = r->log->count[EV_HW_WAIT];
		op_record_begin(&r->rec, r->op, r->op_first_event[r->op]);
		RUN_NOTIFY(r, op_begin);
		run_op(r, &r->prog->ops[r->op]);
		if (!r->diverged && r->opt->cross)
			cross_run_record(r->opt->cross, r->op, r->orc);
		if (!r->diverged)
			run_reject_over_budget(r);
		RUN_NOTIFY(r, op_end);
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
	r.recording = observers_read_records(opt->observers);
	r.log = &event_log;
	r.dev.log = &event_log;
	r.dev.posted = posted;
	r.mem.read = arena_device_read;
	r.dev.on_sync = on_sync;
	r.dev.on_sync_arg = &r;
	r.dev.on_add_page = on_add_page;
	r.dev.on_reprogram = on_reprogram;
	r.dev.on_sync_frees_tables = on_sync_frees_tables;
	r.dev.on_complete = on_complete;
	r.dev.on_issue = on_issue;
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

	/* the driver's hardware: its quirks, the page sizes it offers */
	if (!run_fit_to_driver(&p, opt, &r.traits, out))
		goto out_clean;
	gather_contract_init(
		&r.contract,
		&(struct gather_rules){
			.sync_needs_nonempty_gather =
				r.traits.facts->sync_needs_nonempty_gather,
			.judge_overinvalidation =
				r.traits.facts->overinv == OVERINV_EXACT &&
				!opt->no_over_invalidation,
			.sync_covers_range =
				r.traits.facts->gather_use == GATHER_RANGE,
			.sync_reads_pgsize = r.traits.facts->sync_reads_pgsize,
			.judge_excess_syncs = !opt->no_excess_sync,
		},
		PROG_MAX_GATHERS);
	/* where the tables sit, before anything allocates one */
	unsigned int requested_oas = p.cfg.oas;

	placement_of(&p.cfg, requested_oas, &r.placement);
	if (!place_tables(&r.placement)) {
		snprintf(why, sizeof(why),
			 "config.table_base 0x%" PRIx64 " cannot hold the page tables",
			 r.placement.base);
		run_reject_outcome(out, why);
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
		.untraced_stand_in = opt->partner,
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
		run_reject_outcome(out, why);
		kstack_destroy(r.ks);
		goto out_clean;
	}
	r.min_page = bitmap & -bitmap;
	r.iova_limit = p.cfg.ias >= 64 ? 0 : 1ULL << p.cfg.ias; /* 0: 2^64 */
	arena_set_coherent(r.hw_device.coherent);

	struct iotlb_config tc = {
		.walk_cache = p.cfg.walk_cache,
		.cache_not_present = p.cfg.cache_not_present,
		.entries = (enum iotlb_entry_policy)p.cfg.iotlb_entries,
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
	r.dev.range_hints = p.cfg.range_invalidation;

	RUN_NOTIFY(&r, run_begin);
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
		RUN_NOTIFY(&r, teardown_begin);
		watchdog_note_op(r.op, "teardown", 0, 0,
				 kstack_driver_name(r.ks));
		kstack_destroy(r.ks);
		r.ks = NULL;
		if (!r.diverged)
			check_teardown(&r);
		RUN_NOTIFY(&r, teardown_end);
	} else if (r.op < p.nr_ops) {
		/* a BUG or a loop that does not end left the op */
		RUN_NOTIFY(&r, op_abandoned);
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
	op_record_release(&r.rec);
	out->noted_finding = r.dev.known_finding;
	out->warns = kshim_counters().warns;
	memcpy(out->events, event_log.count, sizeof(out->events));
	kshim_release_leaks();
	kshim_set_hooks(NULL);
	arena_reset();
	return out->result;
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
	    !cross_driver_skips(&prog->cfg))
		res = run_cross(prog, opt, out);
	else
		res = run_one(prog, opt, out);
	watchdog_disarm();
	hw_work_set_limit(0);
	out->work = run_input_work();
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
		run_reject_outcome(out, why);
		out->undecoded = true;
		return RUN_REJECTED;
	}
	return run_program(&p, opt, out);
}
