// SPDX-License-Identifier: GPL-2.0-only
/*
 * One domain of the kernel-extracted stack. The domain ops are thin, as in
 * the io-pgtable drivers: map/unmap/iova_to_phys go straight to io-pgtable,
 * the TLB-facing ops to the glue model. Only the ops the model has are set,
 * because the core tests their presence (iommu_iotlb_sync, iotlb_sync_map).
 */
#include <stdio.h>
#include <stdlib.h>

#include <linux/io-pgtable.h>
#include <linux/iommu.h>

#include "core_features.h"
#include "glue.h"
#include "kshim_runtime.h"
#include "kstack.h"
#ifdef IOTLBFUZZ_HAS_GENERIC_PT
#include "gpt.h"
#include "gpt_state.h"
#endif

/*
 * What the core asked of the driver since an IOMMU API call began. Its map
 * and unmap loops must move forward through the request and stay inside
 * it: a call at an address the loop has already passed repeats one that
 * made no progress, and one past the end means the loop lost count of what
 * is left. Either way the loop would not end, so it is reported as stuck
 * before it spins. Judged by what the calls are, whatever the core's code.
 */
struct core_loop {
	const char *api; /* NULL: no API call in flight */
	uint64_t start, last; /* the request, inclusive */
	uint64_t next; /* the lowest IOVA the next driver call may have */
	bool unmapping; /* a map's undo (or an unmap) */
};

struct kstack {
	struct glue_domain gd;
	uint64_t driver_unmaps; /* calls of the driver's unmap_pages */
	struct iommu_iotlb_gather gathers[KSTACK_MAX_GATHERS];
	struct core_loop loop;
	bool untraced_tables; /* from io-pgtable's untraced copy */
};

static struct core_loop *core_loop_of(struct glue_domain *gd)
{
	return &container_of(gd, struct kstack, gd)->loop;
}

static void core_loop_begin(struct kstack *ks, const char *api, uint64_t iova,
			    uint64_t size, bool unmapping)
{
	uint64_t last = iova;

	/* a request that would wrap runs to the top at most */
	if (size)
		last = size - 1 > UINT64_MAX - iova ? UINT64_MAX :
						      iova + size - 1;
	ks->loop = (struct core_loop){
		.api = api,
		.start = iova,
		.last = last,
		.next = iova,
		.unmapping = unmapping,
	};
}

static void core_loop_end(struct kstack *ks)
{
	ks->loop.api = NULL;
}

static __attribute__((noreturn)) void
core_loop_stuck(const struct core_loop *l, const char *call, uint64_t iova,
		uint64_t len, const char *why)
{
	char what[320];

	snprintf(what, sizeof(what),
		 "%s of [0x%llx, 0x%llx]: the core called %s at 0x%llx for 0x%llx bytes, %s: its loop does not end",
		 l->api, (unsigned long long)l->start,
		 (unsigned long long)l->last, call, (unsigned long long)iova,
		 (unsigned long long)len, why);
	kshim_stuck(iova, what);
}

/* Before each driver call of the core's loops. */
static void core_loop_check(struct glue_domain *gd, bool unmapping,
			    const char *call, uint64_t iova, uint64_t pgsize,
			    uint64_t pgcount)
{
	struct core_loop *l = core_loop_of(gd);
	uint64_t len = pgsize * pgcount;

	if (!l->api)
		return;
	if (unmapping && !l->unmapping) {
		/* a failed map undoes itself from its start */
		l->unmapping = true;
		l->next = l->start;
	}
	if (iova < l->next)
		core_loop_stuck(l, call, iova, len,
				"again, after its call there made no progress");
	if (iova > l->last || (len && len - 1 > l->last - iova) ||
	    (pgcount && len / pgcount != pgsize))
		core_loop_stuck(l, call, iova, len,
				"past the end of the request");
}

/* After it: the next call must start beyond what this one did. */
static void core_loop_advance(struct glue_domain *gd, uint64_t iova,
			      uint64_t done)
{
	struct core_loop *l = core_loop_of(gd);

	if (!l->api)
		return;
	l->next = done && done <= UINT64_MAX - iova ? iova + done : iova + 1;
}

static const enum io_pgtable_fmt io_pgtable_formats[PT_NR_FORMATS] = {
	[PT_ARM_32_LPAE_S1] = ARM_32_LPAE_S1,
	[PT_ARM_32_LPAE_S2] = ARM_32_LPAE_S2,
	[PT_ARM_64_LPAE_S1] = ARM_64_LPAE_S1,
	[PT_ARM_64_LPAE_S2] = ARM_64_LPAE_S2,
	[PT_ARM_V7S] = ARM_V7S,
	[PT_APPLE_DART] = APPLE_DART,
	[PT_APPLE_DART2] = APPLE_DART2,
};

/* Formats after these are tables only driver models build. */
static bool has_io_pgtable(enum pt_format fmt)
{
	return fmt <= PT_APPLE_DART2;
}

static struct glue_domain *cookie_domain(void *cookie)
{
	return cookie;
}

static void flush_all_cb(void *cookie)
{
	struct glue_domain *gd = cookie_domain(cookie);

	event_log_add(gd->dev->log, EV_TLB_FLUSH_ALL, 0, 0, 0);
	gd->model->tlb_flush_all(gd);
}

static void flush_walk_cb(unsigned long iova, size_t size, size_t granule,
			  void *cookie)
{
	struct glue_domain *gd = cookie_domain(cookie);

	event_log_add(gd->dev->log, EV_TLB_FLUSH_WALK, iova, size, granule);
	gd->model->tlb_flush_walk(gd, iova, size, granule);
}

static void add_page_cb(struct iommu_iotlb_gather *gather, unsigned long iova,
			size_t granule, void *cookie)
{
	struct glue_domain *gd = cookie_domain(cookie);

	event_log_add(gd->dev->log, EV_TLB_ADD_PAGE, iova, granule,
		      (uint64_t)(int64_t)glue_gather_index(gd, gather));
	gd->model->tlb_add_page(gd, gather, iova, granule);
	glue_gathered(gd, gather, iova, granule);
}

/* What one call into a driver's map/unmap counts for the work budget. */
#define GLUE_CALL_WORK 16

static int map_pages_op(struct iommu_domain *domain, unsigned long iova,
			phys_addr_t paddr, size_t pgsize, size_t pgcount,
			int prot, gfp_t gfp, size_t *mapped)
{
	struct glue_domain *gd = to_glue_domain(domain);
	size_t before = *mapped;
	int ret;

	core_loop_check(gd, false, "map_pages", iova, pgsize, pgcount);
	hw_work_add(GLUE_CALL_WORK);
	/* past the work budget: fail the map, the runner rejects the input */
	if (hw_work_exceeded())
		return -ENOMEM;
	if (gd->model->map_pages)
		ret = gd->model->map_pages(gd, iova, paddr, pgsize, pgcount,
					   prot, gfp, mapped);
	else
		ret = gd->pgtbl->map_pages(gd->pgtbl, iova, paddr, pgsize,
					   pgcount, prot, gfp, mapped);
	core_loop_advance(gd, iova, *mapped - before);
	return ret;
}

static size_t unmap_pages_op(struct iommu_domain *domain, unsigned long iova,
			     size_t pgsize, size_t pgcount,
			     struct iommu_iotlb_gather *gather)
{
	struct glue_domain *gd = to_glue_domain(domain);
	size_t unmapped;

	container_of(gd, struct kstack, gd)->driver_unmaps++;
	core_loop_check(gd, true, "unmap_pages", iova, pgsize, pgcount);
	/*
	 * A driver that steps over holes a page at a time makes the core
	 * call it once per page of a huge range: past the work budget, stop
	 * the core's loop (the runner rejects the input at this op).
	 */
	hw_work_add(GLUE_CALL_WORK);
	if (hw_work_exceeded())
		return 0;
	if (gd->model->unmap_pages)
		unmapped = gd->model->unmap_pages(gd, iova, pgsize, pgcount,
						  gather);
	else
		unmapped = gd->pgtbl->unmap_pages(gd->pgtbl, iova, pgsize,
						  pgcount, gather);
	core_loop_advance(gd, iova, unmapped);
	return unmapped;
}

static phys_addr_t iova_to_phys_op(struct iommu_domain *domain,
				   dma_addr_t iova)
{
	struct glue_domain *gd = to_glue_domain(domain);

#ifdef IOTLBFUZZ_HAS_GENERIC_PT
	if (gd->gpt)
		return gd->gpt->iova_to_phys(gd, iova);
#endif
	if (gd->model->iova_to_phys)
		return gd->model->iova_to_phys(gd, iova);
	return gd->pgtbl->iova_to_phys(gd->pgtbl, iova);
}

static void iotlb_sync_op(struct iommu_domain *domain,
			  struct iommu_iotlb_gather *gather)
{
	struct glue_domain *gd = to_glue_domain(domain);

	event_log_add(gd->dev->log, EV_IOTLB_SYNC, gather->start, gather->end,
		      gather->pgsize);
	if (gd->dev->on_sync)
		gd->dev->on_sync(gd->dev->on_sync_arg, gather->start,
				 gather->end, gather->pgsize,
				 glue_gather_index(gd, gather));
#ifdef IOTLBFUZZ_HAS_GENERIC_PT
	if (gd->gpt && gpt_gathered_tables(gather) &&
	    gd->dev->on_sync_frees_tables)
		gd->dev->on_sync_frees_tables(gd->dev->on_sync_arg);
#endif
	gd->model->iotlb_sync(gd, gather);
}

static void flush_iotlb_all_op(struct iommu_domain *domain)
{
	struct glue_domain *gd = to_glue_domain(domain);

	event_log_add(gd->dev->log, EV_FLUSH_IOTLB_ALL, 0, 0, 0);
	gd->model->flush_iotlb_all(gd);
}

#ifdef IOTLBFUZZ_SYNC_MAP_RETURNS_INT
static int iotlb_sync_map_op(struct iommu_domain *domain, unsigned long iova,
			     size_t size)
{
	struct glue_domain *gd = to_glue_domain(domain);

	event_log_add(gd->dev->log, EV_SYNC_MAP, iova, size, 0);
	if (gd->fail_sync_map && gd->model->facts.sync_map_can_fail &&
	    --gd->fail_sync_map == 0) {
		/* the driver's request failed: nothing of it took effect */
		gd->sync_map_failures++;
		return -EIO;
	}
	return gd->model->iotlb_sync_map(gd, iova, size);
}
#else
static void iotlb_sync_map_op(struct iommu_domain *domain, unsigned long iova,
			      size_t size)
{
	struct glue_domain *gd = to_glue_domain(domain);

	event_log_add(gd->dev->log, EV_SYNC_MAP, iova, size, 0);
	gd->model->iotlb_sync_map(gd, iova, size);
}
#endif

static void set_domain_ops(struct glue_domain *gd)
{
	const struct glue_model *m = gd->model;

	gd->ops.map_pages = map_pages_op;
	gd->ops.unmap_pages = unmap_pages_op;
	gd->ops.iova_to_phys = iova_to_phys_op;
	if (m->iotlb_sync)
		gd->ops.iotlb_sync = iotlb_sync_op;
	if (m->flush_iotlb_all)
		gd->ops.flush_iotlb_all = flush_iotlb_all_op;
	if (m->iotlb_sync_map)
		gd->ops.iotlb_sync_map = iotlb_sync_map_op;
}

/* io-pgtable treats a missing callback as "nothing to do". */
static const struct iommu_flush_ops *set_flush_ops(struct glue_domain *gd)
{
	const struct glue_model *m = gd->model;

	if (!m->tlb_flush_all && !m->tlb_flush_walk && !m->tlb_add_page)
		return NULL;
	if (m->tlb_flush_all)
		gd->flush_ops.tlb_flush_all = flush_all_cb;
	if (m->tlb_flush_walk)
		gd->flush_ops.tlb_flush_walk = flush_walk_cb;
	if (m->tlb_add_page)
		gd->flush_ops.tlb_add_page = add_page_cb;
	return &gd->flush_ops;
}

/*
 * A model with map_pages of its own maps into tables of its own: for a
 * driver model, the driver's tables kept in a stand-in io-pgtable
 * (stand_in.h), state of the harness rather than the kernel under test.
 */
static bool model_has_own_tables(const struct glue_model *m)
{
	return m->map_pages != NULL;
}

/*
 * io-pgtable's copy without coverage instrumentation, its symbols prefixed
 * (IOTLBFUZZ_STAND_IN_IO_PGTABLE, impl/CMakeLists.txt), for the stand-in
 * tables of kstack_params.untraced_stand_in; the ops it returns lead into
 * the copy. Builds without it have only the kernel's.
 */
#ifdef IOTLBFUZZ_STAND_IN_IO_PGTABLE
__typeof__(alloc_io_pgtable_ops) iotlbfuzz_stand_in_alloc_io_pgtable_ops;
__typeof__(free_io_pgtable_ops) iotlbfuzz_stand_in_free_io_pgtable_ops;
#define untraced_alloc_ops iotlbfuzz_stand_in_alloc_io_pgtable_ops
#define untraced_free_ops iotlbfuzz_stand_in_free_io_pgtable_ops
#else
#define untraced_alloc_ops alloc_io_pgtable_ops
#define untraced_free_ops free_io_pgtable_ops
#endif

/* Did the last kstack_create() fail on a configuration its driver uses? */
static bool refused_driver_config;

bool kstack_refused_driver_config(void)
{
	return refused_driver_config;
}

struct kstack *kstack_create(const struct kstack_params *p,
			     struct sim_device *dev, char *err, size_t errlen)
{
	const struct glue_model *model = glue_model_by_id(p->driver);

	refused_driver_config = false;
	if (p->fmt >= PT_NR_FORMATS || !model) {
		snprintf(err, errlen, "unknown format or driver");
		return NULL;
	}

	struct kstack *ks = calloc(1, sizeof(*ks));

	if (!ks) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}

	struct glue_domain *gd = &ks->gd;

	gd->model = model;
	gd->dev = dev;
	gd->gathers = ks->gathers;
	gd->nr_gathers = KSTACK_MAX_GATHERS;
	if (model->priv_size) {
		gd->priv = calloc(1, model->priv_size);
		if (!gd->priv) {
			snprintf(err, errlen, "out of memory");
			free(ks);
			return NULL;
		}
	}
	gd->cfg = (struct io_pgtable_cfg){
		.quirks = p->quirks,
		.pgsize_bitmap = model->table_pgsizes ? model->table_pgsizes :
							p->pgsize_bitmap,
		.ias = p->ias,
		.oas = p->oas,
		.coherent_walk = p->coherent_walk,
		.tlb = set_flush_ops(gd),
	};
#ifdef IOTLBFUZZ_HAS_GENERIC_PT
	if (model->gpt_format) {
		int ret = gpt_domain_create(gd, p, err, errlen);

		/*
		 * The adapters ask for what the driver asks for; the engine
		 * refuses features its format was not built with this way.
		 */
		refused_driver_config = ret == -EOPNOTSUPP;
		if (ret < 0) {
			if (model->release)
				model->release(gd);
			free(gd->priv);
			free(ks);
			return NULL;
		}
		if (ret > 0)
			goto gpt_done;
	}
#endif
	if (model->tables_init) {
		if (model->tables_init(gd)) {
			snprintf(err, errlen,
				 "%s could not build its tables (out of table memory)",
				 model->name);
			if (model->release)
				model->release(gd);
			free(gd->priv);
			free(ks);
			return NULL;
		}
	} else if (!has_io_pgtable(p->fmt) && model->gpt_format &&
		   p->fmt != PT_AMD_V1) {
		snprintf(err, errlen,
			 "%s tables come from generic_pt's %s format, which this tree (%s) does not have",
			 pt_format_name(p->fmt), model->gpt_format,
			 IOTLBFUZZ_KERNEL_RELEASE);
		free(gd->priv);
		free(ks);
		return NULL;
	} else if (!has_io_pgtable(p->fmt)) {
		snprintf(err, errlen,
			 "%s has no io-pgtable: only driver models that build such tables drive it, not %s",
			 pt_format_name(p->fmt), model->name);
		free(gd->priv);
		free(ks);
		return NULL;
	} else if (p->untraced_stand_in && model_has_own_tables(model)) {
		/* never a mutant glue: those are no partners (run_cross.c) */
		ks->untraced_tables = true;
		gd->pgtbl = untraced_alloc_ops(io_pgtable_formats[p->fmt],
					       &gd->cfg, gd);
	} else {
		gd->pgtbl = alloc_io_pgtable_ops(io_pgtable_formats[p->fmt],
						 &gd->cfg, gd);
	}
	if (!gd->pgtbl && !model->tables_init) {
		snprintf(err, errlen,
			 "io-pgtable refused the configuration (%s, pgsize 0x%lx, ias %u, oas %u, quirks 0x%lx%s)",
			 pt_format_name(p->fmt), p->pgsize_bitmap, p->ias,
			 p->oas, p->quirks,
			 p->coherent_walk ? "" : ", non-coherent walk");
		free(gd->priv);
		free(ks);
		return NULL;
	}

	set_domain_ops(gd);
#ifdef IOTLBFUZZ_HAS_GENERIC_PT
	goto io_pgtable_done;
gpt_done:
	/*
	 * The engine's page sizes and aperture, the driver's ops. Programs
	 * address the aperture's lower part: a sign-extended table
	 * (RISC-V, VT-d first stage) has half of its VA width there.
	 */
	set_domain_ops(gd);
	gd->domain.ops = &gd->ops;
	gd->cfg.pgsize_bitmap = gd->domain.pgsize_bitmap;
	if (gd->domain.geometry.aperture_end != ~0UL)
		gd->cfg.ias = 64 - (unsigned int)__builtin_clzl(
					   gd->domain.geometry.aperture_end);
	for (unsigned int i = 0; i < KSTACK_MAX_GATHERS; i++)
		iommu_iotlb_gather_init(&ks->gathers[i]);
	return ks;
io_pgtable_done:
#endif
	gd->domain.type = IOMMU_DOMAIN_UNMANAGED;
	gd->domain.ops = &gd->ops;
	gd->domain.pgsize_bitmap = model->table_pgsizes ? p->pgsize_bitmap :
							  gd->cfg.pgsize_bitmap;
	gd->domain.geometry.aperture_start = 0;
	gd->domain.geometry.aperture_end =
		gd->cfg.ias >= 64 ? ~0UL : (1UL << gd->cfg.ias) - 1;
	gd->domain.geometry.force_aperture = true;
	for (unsigned int i = 0; i < KSTACK_MAX_GATHERS; i++)
		iommu_iotlb_gather_init(&ks->gathers[i]);
	return ks;
}

void kstack_destroy(struct kstack *ks)
{
	if (!ks)
		return;
#ifdef IOTLBFUZZ_HAS_GENERIC_PT
	if (ks->gd.gpt) {
		/* tables of gathers the program never synced */
		for (unsigned int i = 0; i < KSTACK_MAX_GATHERS; i++)
			gpt_free_gathered_tables(&ks->gathers[i]);
		gpt_destroy(&ks->gd);
	}
#endif
	if (ks->gd.pgtbl && !ks->gd.model->leaks_pgtable) {
		if (ks->untraced_tables)
			untraced_free_ops(ks->gd.pgtbl);
		else
			free_io_pgtable_ops(ks->gd.pgtbl);
	}
	if (ks->gd.model->release)
		ks->gd.model->release(&ks->gd);
	free(ks->gd.priv);
	free(ks);
}

void kstack_abandon(struct kstack *ks)
{
	free(ks->gd.gpt_state);
	if (ks->gd.model->release)
		ks->gd.model->release(&ks->gd);
	free(ks->gd.priv);
	free(ks);
}

unsigned long kstack_pgsize_bitmap(const struct kstack *ks)
{
	return ks->gd.domain.pgsize_bitmap;
}

void kstack_address_sizes(const struct kstack *ks, unsigned int *ias,
			  unsigned int *oas)
{
	*ias = ks->gd.cfg.ias;
	*oas = ks->gd.cfg.oas;
}

const char *kstack_driver_name(const struct kstack *ks)
{
	return ks->gd.model->name;
}

const char *kstack_generic_pt_format(const struct kstack *ks)
{
#ifdef IOTLBFUZZ_HAS_GENERIC_PT
	if (ks->gd.gpt)
		return ks->gd.gpt->name;
#endif
	(void)ks;
	return NULL;
}

void kstack_hw_context(const struct kstack *ks, bool as_programmed,
		       struct hw_context *hw)
{
	const struct glue_domain *gd = &ks->gd;
	const struct io_pgtable_cfg *cfg = &gd->cfg;
	enum io_pgtable_fmt fmt;

	memset(hw, 0, sizeof(*hw));
#ifdef IOTLBFUZZ_HAS_GENERIC_PT
	if (gd->gpt) {
		hw->ias = cfg->ias;
		hw->oas = cfg->oas;
		hw->pgsize_bitmap = gd->domain.pgsize_bitmap;
		hw->coherent = true;
		gd->gpt->hw_context(gd, hw);
		goto programmed;
	}
#endif
	if (!gd->pgtbl) {
		gd->model->tables_hw((struct glue_domain *)gd, hw);
		goto programmed;
	}
	fmt = io_pgtable_ops_to_pgtable(gd->pgtbl)->fmt;
	for (int i = 0; i < PT_NR_FORMATS; i++)
		if (has_io_pgtable((enum pt_format)i) &&
		    io_pgtable_formats[i] == fmt)
			hw->fmt = (enum pt_format)i;
	hw->ias = cfg->ias;
	hw->oas = cfg->oas;
	hw->quirks = (uint32_t)cfg->quirks;
	hw->pgsize_bitmap = cfg->pgsize_bitmap;
	hw->coherent = cfg->coherent_walk;
	switch (hw->fmt) {
	case PT_ARM_32_LPAE_S1:
	case PT_ARM_64_LPAE_S1:
		hw->s1.ttbr = cfg->arm_lpae_s1_cfg.ttbr;
		hw->s1.tsz = cfg->arm_lpae_s1_cfg.tcr.tsz;
		hw->s1.tg = cfg->arm_lpae_s1_cfg.tcr.tg;
		hw->s1.ips = cfg->arm_lpae_s1_cfg.tcr.ips;
		break;
	case PT_ARM_32_LPAE_S2:
	case PT_ARM_64_LPAE_S2:
		hw->s2.vttbr = cfg->arm_lpae_s2_cfg.vttbr;
		hw->s2.tsz = cfg->arm_lpae_s2_cfg.vtcr.tsz;
		hw->s2.sl = cfg->arm_lpae_s2_cfg.vtcr.sl;
		hw->s2.tg = cfg->arm_lpae_s2_cfg.vtcr.tg;
		hw->s2.ps = cfg->arm_lpae_s2_cfg.vtcr.ps;
		break;
	case PT_ARM_V7S:
		hw->v7s.ttbr = cfg->arm_v7s_cfg.ttbr;
		break;
	case PT_APPLE_DART:
	case PT_APPLE_DART2:
		hw->dart.n_ttbrs = cfg->apple_dart_cfg.n_ttbrs;
#ifdef IOTLBFUZZ_PGTABLE_DART_HAS_N_LEVELS
		/* io-pgtable counts the TTBR level too */
		hw->dart.n_levels = cfg->apple_dart_cfg.n_levels - 1;
#endif
		for (unsigned int i = 0; i < 4; i++)
			hw->dart.ttbr[i] = cfg->apple_dart_cfg.ttbr[i];
		break;
	default:
		break;
	}
programmed:
	if (as_programmed && gd->model->program_hw)
		gd->model->program_hw((struct glue_domain *)gd, hw);
}

void kstack_fail_sync_map(struct kstack *ks, unsigned int n)
{
	ks->gd.fail_sync_map = n;
}

unsigned int kstack_sync_map_failures(const struct kstack *ks)
{
	return ks->gd.sync_map_failures;
}

int kstack_map(struct kstack *ks, uint64_t iova, uint64_t paddr,
	       uint64_t size, unsigned int prot)
{
	int ret;

	core_loop_begin(ks, "iommu_map", iova, size, false);
#ifdef IOTLBFUZZ_MAP_HAS_GFP
	ret = iommu_map(&ks->gd.domain, iova, paddr, size, (int)prot,
			GFP_KERNEL);
#else
	ret = iommu_map(&ks->gd.domain, iova, paddr, size, (int)prot);
#endif
	core_loop_end(ks);
	return ret;
}

uint64_t kstack_unmap(struct kstack *ks, uint64_t iova, uint64_t size)
{
	uint64_t unmapped;

	core_loop_begin(ks, "iommu_unmap", iova, size, true);
	unmapped = iommu_unmap(&ks->gd.domain, iova, size);
	core_loop_end(ks);
	return unmapped;
}

uint64_t kstack_unmap_queued(struct kstack *ks, uint64_t iova, uint64_t size)
{
	struct iommu_iotlb_gather gather;
	uint64_t unmapped;

	/* as __iommu_dma_unmap() does with a flush queue */
	iommu_iotlb_gather_init(&gather);
	gather.queued = true;
	core_loop_begin(ks, "iommu_unmap_fast", iova, size, true);
	unmapped = iommu_unmap_fast(&ks->gd.domain, iova, size, &gather);
	core_loop_end(ks);
#ifdef IOTLBFUZZ_HAS_GENERIC_PT
	if (ks->gd.gpt)
		gpt_queue_gathered_tables(&ks->gd, &gather);
#endif
	return unmapped;
}

uint64_t kstack_unmap_fast(struct kstack *ks, uint64_t iova, uint64_t size,
			   unsigned int gather)
{
	uint64_t unmapped;

	struct iommu_iotlb_gather *g = &ks->gathers[gather % KSTACK_MAX_GATHERS];

	core_loop_begin(ks, "iommu_unmap_fast", iova, size, true);
	unmapped = iommu_unmap_fast(&ks->gd.domain, iova, size, g);
	core_loop_end(ks);
#ifdef IOTLBFUZZ_HAS_GENERIC_PT
	/*
	 * The engine adds the range to the gather itself, after any sync a
	 * disjoint range forced (PT_FEAT_FLUSH_RANGE_NO_GAPS): the contract
	 * hears of it as of a driver's add, in the same order.
	 */
	if (ks->gd.gpt && unmapped)
		glue_gathered(&ks->gd, g, iova, unmapped);
#endif
	return unmapped;
}

void kstack_sync(struct kstack *ks, unsigned int gather)
{
	iommu_iotlb_sync(&ks->gd.domain,
			 &ks->gathers[gather % KSTACK_MAX_GATHERS]);
}

void kstack_flush_all(struct kstack *ks)
{
	iommu_flush_iotlb_all(&ks->gd.domain);
#ifdef IOTLBFUZZ_HAS_GENERIC_PT
	/* the flush queue's flush: what it held may go (fq_ring_free()) */
	if (ks->gd.gpt)
		gpt_free_queued_tables(&ks->gd);
#endif
}

uint64_t kstack_iova_to_phys(struct kstack *ks, uint64_t iova)
{
	return iommu_iova_to_phys(&ks->gd.domain, iova);
}

void kstack_gather_state(const struct kstack *ks, unsigned int gather,
			 struct kstack_gather *out)
{
	const struct iommu_iotlb_gather *g =
		&ks->gathers[gather % KSTACK_MAX_GATHERS];

	out->start = g->start;
	out->end = g->end;
	out->pgsize = g->pgsize;
	out->queued = g->queued;
}

const char *kstack_kernel_release(void)
{
	return IOTLBFUZZ_KERNEL_RELEASE;
}

uint64_t kstack_driver_unmap_calls(const struct kstack *ks)
{
	return ks->driver_unmaps;
}

const char *kstack_generic_pt_formats(void)
{
	return IOTLBFUZZ_GENERIC_PT_FORMATS;
}

#ifndef IOTLBFUZZ_FUNCTION_TRACE
#define IOTLBFUZZ_FUNCTION_TRACE 0
#endif

bool kstack_function_traced(void)
{
	return IOTLBFUZZ_FUNCTION_TRACE;
}

unsigned int kstack_nr_drivers(void)
{
	return glue_nr_models;
}

const char *kstack_driver_info(unsigned int index, int *id,
			       const char **summary)
{
	if (index >= glue_nr_models)
		return NULL;

	const struct glue_model *m = glue_models[index];

	if (id)
		*id = m->id;
	if (summary)
		*summary = m->summary;
	return m->name;
}

int kstack_driver_by_name(const char *name)
{
	const struct glue_model *m = glue_model_by_name(name);

	return m ? m->id : -1;
}

const char *kstack_driver_name_by_id(int id)
{
	const struct glue_model *m = glue_model_by_id(id);

	return m ? m->name : "?";
}

bool kstack_driver_is_mutant(int id)
{
	const struct glue_model *m = glue_model_by_id(id);

	return m && (m->mutant || m->experimental);
}

bool kstack_driver_is_experimental(int id)
{
	const struct glue_model *m = glue_model_by_id(id);

	return m && m->experimental;
}

void kstack_driver_traits_on(int id, enum pt_format fmt,
			     struct kstack_driver_traits *t)
{
#ifdef IOTLBFUZZ_HAS_GENERIC_PT
	const struct glue_model *m = glue_model_by_id(id);
	const struct gpt_adapter *a =
		m && m->gpt_format ? gpt_adapter_by_name(m->gpt_format) : NULL;

	if (a && a->hw_fmt == fmt && m->gpt_facts)
		t->facts = m->gpt_facts;
#else
	(void)id, (void)fmt, (void)t;
#endif
}

bool kstack_driver_traits(int id, struct kstack_driver_traits *t)
{
	const struct glue_model *m = glue_model_by_id(id);

	if (!m)
		return false;
	*t = (struct kstack_driver_traits){
		.facts = &m->facts,
		.has_sync_map = m->iotlb_sync_map != NULL,
		.has_flush_all = m->flush_iotlb_all != NULL,
		.own_tables = model_has_own_tables(m),
#ifdef IOTLBFUZZ_SYNC_MAP_RETURNS_INT
		.sync_map_can_fail = m->facts.sync_map_can_fail,
#endif
	};
	return true;
}
