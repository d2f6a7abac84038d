// SPDX-License-Identifier: GPL-2.0-only
/*
 * The runner's probes after each operation: the page tables as the
 * hardware reads them and iova_to_phys against the API state, the IOTLB's
 * entries, where io-pgtable keeps its tables, and what is left at
 * teardown.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "kshim_runtime.h"
#include "ktrace.h"
#include "runner_priv.h"

/* Pages probed per map/unmap for the table and iova_to_phys checks. */
#define PROBES_PER_RANGE 48

/* iommu_iova_to_phys() against the API state; false on a divergence. */
bool check_iova_to_phys(struct runner *r, uint64_t iova)
{
	uint64_t got = kstack_iova_to_phys(r->ks, iova);
	uint64_t want = 0;
	bool mapped;

	if (r->recording)
		op_record_lookup(&r->rec, iova, got);
	mapped = oracle_current(r->orc, iova, &want);
	if (mapped)
		want += iova & (r->min_page - 1);
	if (got == want)
		return true;
	run_diverge(r, DIV_IOVA_TO_PHYS, iova,
		    "iova 0x%" PRIx64 ": iova_to_phys returned 0x%" PRIx64
		    ", the API state says 0x%" PRIx64 "%s",
		    iova, got, want, mapped ? "" : " (unmapped)");
	return false;
}

/*
 * The table descriptors one sweep of probes has read, one per level. The
 * tables do not change during a sweep (walks and iova_to_phys only read
 * them), so each walk resumes below what the sweep's earlier walks found,
 * as a device's walk cache would, rather than from the root. The reads it
 * saves still count toward the work budget (charge_skipped_reads).
 */
#define SWEEP_LEVELS 8 /* LPAE counts levels from 0, AMD down from 6 */

struct sweep_cache {
	bool valid[SWEEP_LEVELS];
	struct walk_cache_entry e[SWEEP_LEVELS];
};

static bool sweep_lookup(void *ctx, int level, uint64_t iova,
			 uint64_t *table_pa)
{
	const struct sweep_cache *c = ctx;
	const struct walk_cache_entry *e;

	if (level < 0 || level >= SWEEP_LEVELS || !c->valid[level])
		return false;
	e = &c->e[level];
	if (iova - e->iova >= e->span)
		return false;
	*table_pa = e->next_table_pa;
	return true;
}

static void sweep_insert(void *ctx, const struct walk_cache_entry *e)
{
	struct sweep_cache *c = ctx;

	if (e->level < 0 || e->level >= SWEEP_LEVELS)
		return;
	c->valid[e->level] = true;
	c->e[e->level] = *e;
}

/* The tables as hardware reads them, and iova_to_phys, against the API. */
static uint64_t probe_page(struct runner *r, const struct walk_cache_ops *wc,
			   uint64_t iova)
{
	struct walk_result w = hw_walk(&r->hw_tables, &r->mem, wc, iova);
	char *why = r->why;

	if (r->recording)
		op_record_walk(&r->rec, iova, &w);
	if (w.status == XLATE_WALK_FREED || w.status == XLATE_WALK_UNBACKED) {
		run_diverge(
			r, DIV_PGTABLE_STATE, iova,
			"iova 0x%" PRIx64 ": the tables lead to %s memory "
					  "(level %d descriptor 0x%" PRIx64 ")",
			iova,
			w.status == XLATE_WALK_FREED ? "freed" : "non-table",
			w.level, w.pte);
		return r->min_page;
	}

	bool mapped = w.status == XLATE_OK;

	if (oracle_check_state(r->orc, iova, mapped, w.pa, why,
			       sizeof(r->why)) != ORACLE_OK) {
		run_diverge(r, DIV_PGTABLE_STATE, iova, "tables: %s", why);
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
	const struct walk_cache_ops *wc;
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
		probe_page(ep->r, ep->wc, iova);
	if (last <= ep->last && last != iova)
		probe_page(ep->r, ep->wc, last);
}

void check_range_state(struct runner *r, uint64_t iova, uint64_t size)
{
	/* last bytes, not ends: a range may end at 2^64 */
	uint64_t limit_last = r->iova_limit ? r->iova_limit - 1 : UINT64_MAX;
	uint64_t last = size && size - 1 <= limit_last - iova ? iova + size - 1
							      : limit_last;
	unsigned int probes = 0;
	/* our probes are not the op: keep them out of a report's trace */
	bool tracing = ktrace_pause();
	struct sweep_cache cache = {0};
	const struct walk_cache_ops wc = {sweep_lookup, sweep_insert, &cache,
					  true};

	if (iova >= r->min_page)
		probe_page(r, &wc, iova - r->min_page);
	for (uint64_t p = iova;
	     size && !r->diverged && probes < PROBES_PER_RANGE; probes++) {
		uint64_t step = probe_page(r, &wc, p);

		if (step > last - p)
			break;
		p += step;
	}
	if (!r->diverged && size)
		probe_page(r, &wc, last & ~(r->min_page - 1));
	if (!r->diverged && (!size || last < limit_last))
		probe_page(r, &wc, size ? last + 1 : iova);

	struct extent_probe ep = {r, &wc, iova, last, PROBES_PER_RANGE / 2};

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
	char *why = r->why;
	enum oracle_verdict v;

	if (r->diverged)
		return;
	v = oracle_check_entry(r->orc, e->iova, e->size, e->pa, e->perm,
			       e->negative, why, sizeof(r->why));
	if (v != ORACLE_OK)
		run_diverge(r,
			    v == ORACLE_STALE && completing(r)
				    ? DIV_COMPLETION
				    : verdict_class(v),
			    e->iova,
			    "IOTLB entry [0x%" PRIx64 " +0x%" PRIx64 "]%s: %s",
			    e->iova, e->size,
			    e->negative ? " (cached fault)" : "", why);
}

/* Everything the device has cached must still be legal. */
void check_iotlb(struct runner *r)
{
	iotlb_for_each(r->tlb, check_entry, r);
}

static void check_walk_entry(void *arg, const struct walk_cache_entry *e)
{
	struct runner *r = arg;
	uint64_t word;

	if (r->diverged || r->mem.read(r->mem.ctx, e->next_table_pa, &word,
				       sizeof(word)) != PHYS_READ_FREED)
		return;
	run_diverge(r, DIV_TABLE_USE_AFTER_FREE, e->iova,
		    "the walk cache still holds the level %d descriptor of "
		    "[0x%" PRIx64 " +0x%" PRIx64 "] leading to the table at "
		    "pa 0x%" PRIx64 ", which has been freed: it was freed "
		    "before a walk invalidation covering it completed",
		    e->level, e->iova, e->span, e->next_table_pa);
}

/*
 * A table may be freed only once no walk cache can lead to it: whatever
 * the mode (a flush-queue unmap too), its walk invalidation comes first.
 */
void check_walk_cache(struct runner *r)
{
	iotlb_for_each_walk(r->tlb, check_walk_entry, r);
}

/* What is still posted, in the contract's terms. */
bool check_posted(struct runner *r)
{
	/* not on the stack: a sanitizer would poison 24K of it every op */
	static struct contract_posted posted[SIM_MAX_POSTED];
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

bool range_has_mapping(struct runner *r, uint64_t iova, uint64_t size)
{
	return size && oracle_maps_any_in(r->orc, iova, range_last(iova, size));
}

void probe_for_oracle(void *arg, uint64_t iova, bool *mapped, uint64_t *pa,
		      uint64_t *span)
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
void check_table_placement(struct runner *r, uint64_t iova)
{
	struct arena_usage u = arena_usage();

	if (u.live_unfit)
		run_diverge(r, DIV_PGTABLE_STATE, iova,
			    "io-pgtable keeps %zu page table%s at or above PA "
			    "0x%" PRIx64 " (the last allocated at 0x%" PRIx64
			    "), which it must refuse: %s",
			    u.live_unfit, u.live_unfit > 1 ? "s" : "",
			    r->placement.fit, u.unfit_pa, r->placement.fit_why);
}

/*
 * F18: io-pgtable-arm offers a block as large as the whole input range (1G
 * at ias 30 with 4K pages) that no level of its tables can hold, so the
 * core's map of the whole space fails with -EINVAL, and its unmap of the
 * whole space unmaps nothing, whatever smaller pages map it.
 */
bool whole_space_block(const struct runner *r, const struct prog_op *op)
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

void check_teardown(struct runner *r)
{
	struct arena_usage u = arena_usage();
	struct kshim_counters c = kshim_counters();

	r->op = r->prog->nr_ops;
	if (u.live_pages || u.live_objects || c.live_heap_objects ||
	    c.live_caches)
		run_diverge(r, DIV_PGTABLE_LEAK, 0,
			    "after free_io_pgtable_ops: %zu table pages, %zu "
			    "table objects, %ld kmalloc objects, %ld slab "
			    "caches still allocated",
			    u.live_pages, u.live_objects, c.live_heap_objects,
			    c.live_caches);
}

/*
 * io-pgtable refused the domain. Having met table memory the format
 * cannot hold, it had to: the input is rejected, with that as the reason.
 * Otherwise, where the same domain with its tables at the default place is
 * accepted, it refused table memory it can use: a divergence.
 */
void judge_refused_domain(struct runner *r, const struct kstack_params *params,
			  const char *why)
{
	struct arena_usage u = arena_usage();
	struct run_outcome *out = r->out;
	const struct table_placement *pl = &r->placement;
	struct table_placement there;
	struct kstack *ks;
	unsigned int ias, oas;
	char why2[256];

	if (kstack_refused_driver_config()) {
		out->result = RUN_DIVERGENCE;
		out->cls = DIV_PGTABLE_STATE;
		out->op = 0;
		snprintf(out->msg, sizeof(out->msg),
			 "at setup, the kernel refused the domain the %s driver "
			 "asks for, so the driver's domain allocation fails: %s",
			 kstack_driver_name_by_id(params->driver), why);
		RUN_NOTIFY(r, setup_verdict);
		if (r->opt->fatal)
			divergence_raise(out->cls, out->msg, true);
		return;
	}
	if (u.unfit_allocs) {
		snprintf(out->msg, sizeof(out->msg),
			 "%s, as it must: its table at PA 0x%" PRIx64
			 " does not fit (%s)",
			 why, u.unfit_pa, pl->fit_why);
		out->result = RUN_REJECTED;
		return;
	}
	if (pl->base == PROG_DEFAULT_TABLE_BASE) {
		run_reject_outcome(out, why);
		return;
	}
	arena_reset();
	arena_set_dma_limit(pl->dma);
	ks = kstack_create(params, &r->dev, why2, sizeof(why2));
	if (!ks) {
		run_reject_outcome(out, why);
		return;
	}
	kstack_address_sizes(ks, &ias, &oas);
	kstack_destroy(ks);
	placement_of(&r->prog->cfg, oas, &there);
	if (placement_check(&r->prog->cfg, oas, &there, why2, sizeof(why2))) {
		run_reject_outcome(out, why2);
		return;
	}
	out->result = RUN_DIVERGENCE;
	out->cls = DIV_PGTABLE_STATE;
	out->op = 0;
	snprintf(out->msg, sizeof(out->msg),
		 "at setup, io-pgtable refused the domain with its tables at "
		 "0x%" PRIx64
		 ", which %s can hold (it accepts it with them at 0x%llx): %s",
		 pl->base, pt_format_name(r->prog->cfg.fmt),
		 PROG_DEFAULT_TABLE_BASE, why);
	RUN_NOTIFY(r, setup_verdict);
	if (r->opt->fatal)
		divergence_raise(out->cls, out->msg, true);
}

/*
 * The engine's set_prot refuses the map before it reads the table, for
 * erratum ERRATA_772415_SPR17: a nesting parent may hold no read-only
 * entry.
 */
bool run_map_refused_as_read_only(const struct program *p, const char *gpt,
				  const struct prog_op *op)
{
	return gpt && !strcmp(gpt, "vtdss") &&
	       (p->cfg.quirks & Q_VTDSS_NEST_PARENT) &&
	       !(op->prot & ORACLE_PROT_WRITE);
}

/*
 * What a map did, against the contract: first what it did with the table
 * memory, then what it mapped; a failure is legal only where an injected
 * fault or table memory the format cannot hold explains it.
 */
void judge_map(struct runner *r, const struct prog_op *op, int ret,
	       const struct map_before *before)
{
	char why[256];

	check_table_placement(r, op->iova);
	if (r->diverged)
		return;
	if (run_map_refused_as_read_only(r->prog,
					 kstack_generic_pt_format(r->ks), op)) {
		if (ret != -EINVAL) {
			run_diverge(r, DIV_MAP_RESULT, op->iova,
				    "a read-only map on a nesting-parent VT-d second stage returned %d, not -EINVAL",
				    ret);
			return;
		}
		/* refused before the walk: nothing may have changed */
		check_range_state(r, op->iova, op->size);
		return;
	}
	if (ret == 0) {
		oracle_map_ok(r->orc, op->iova, op->paddr, op->size, op->prot);
	} else {
		/*
		 * A map of no bytes has no contract: the io-pgtable path maps
		 * nothing and returns 0, generic_pt's map_range refuses the
		 * empty range (-EINVAL). Either way nothing may change, which
		 * the range check below holds it to.
		 */
		bool empty_refused = !op->size && ret == -EINVAL;

		if (!before->was_mapped && !empty_refused &&
		    arena_usage().failed_allocs == before->failed_allocs &&
		    arena_usage().unfit_allocs == before->unfit_allocs &&
		    kstack_sync_map_failures(r->ks) == before->failed_syncs) {
			if (ret == -EINVAL && whole_space_block(r, op))
				r->dev.op_finding = "F18";
			run_diverge(r, DIV_MAP_RESULT, op->iova,
				    "map of a free range failed with %d", ret);
			return;
		}

		bool tore_down;

		if (oracle_map_failed(r->orc, op->iova, op->size,
				      probe_for_oracle, r, &tore_down, why,
				      sizeof(why)) != ORACLE_OK) {
			run_diverge(r, DIV_MAP_RESULT, op->iova,
				    "map failed with %d and left: %s", ret,
				    why);
			return;
		}
		/*
		 * io-pgtable frees a live table under a new block before it
		 * meets the live leaf that fails the map. Nobody asked for
		 * those mappings to go, so nothing says they must be
		 * invalidated: drivers without flush callbacks (mtk) leave
		 * them in the IOTLB. The API forbids the map; stop here.
		 */
		if (before->was_mapped && tore_down) {
			run_reject(r,
				   "op #%zu maps over a live mapping and fails "
				   "after io-pgtable tore live mappings down: "
				   "what follows is undefined",
				   r->op);
			return;
		}
	}
	check_range_state(r, op->iova, op->size);
}

/* What an unmap returned and left, against the contract. */
void judge_unmap(struct runner *r, const struct prog_op *op, uint64_t unmapped,
		 int tag)
{
	char why[256];

	/* a block split takes a table */
	check_table_placement(r, op->iova);
	if (r->diverged)
		return;
	if (oracle_unmap(r->orc, op->iova, op->size, unmapped, tag, why,
			 sizeof(why)) != ORACLE_OK) {
		/* F18's other side: that block, unmapped, finds no level */
		if (!unmapped && whole_space_block(r, op))
			r->dev.op_finding = "F18";
		run_diverge(r, DIV_UNMAP_RESULT, op->iova,
			    "unmap iova 0x%" PRIx64 " size 0x%" PRIx64
			    " returned 0x%" PRIx64 ": %s",
			    op->iova, op->size, unmapped, why);
		return;
	}
	check_range_state(r, op->iova,
			  unmapped > op->size ? unmapped : op->size);
}

/* What the device saw for an access or a prefetch, against the contract. */
void judge_access(struct runner *r, const struct prog_op *op,
		  const struct xlate_result *x, bool checked)
{
	char why[256];

	if (x->status == XLATE_WALK_FREED) {
		run_diverge(r, DIV_TABLE_USE_AFTER_FREE, op->iova,
			    "device walk for iova 0x%" PRIx64
			    " read a freed page table",
			    op->iova);
		return;
	}
	if (x->status == XLATE_WALK_UNBACKED) {
		run_diverge(r, DIV_BAD_WALK, op->iova,
			    "device walk for iova 0x%" PRIx64
			    " read memory that is no page table",
			    op->iova);
		return;
	}
	if (!checked)
		return; /* a prefetch may fill anything; the scan judges it */

	struct oracle_observation obs = {
		.ok = x->status == XLATE_OK,
		.perm_fault = x->status == XLATE_FAULT_PERMISSION,
		.pa = x->pa,
		.perm = x->perm,
	};
	enum oracle_verdict v = oracle_check_access(
		r->orc, op->iova, op->access, &obs, why, sizeof(why));

	if (v != ORACLE_OK)
		run_diverge(r, verdict_class(v), op->iova, "%s access: %s",
			    op->access == HW_PERM_WRITE ? "write" : "read",
			    why);
}
