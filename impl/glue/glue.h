/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A driver glue: how one IOMMU driver connects io-pgtable and the IOMMU core
 * to its hardware. It supplies io-pgtable's flush callbacks and the domain's
 * iotlb_sync / flush_iotlb_all / iotlb_sync_map, and turns them into
 * commands to the simulated device. Adding a driver model is adding one file
 * that defines a struct glue_model and listing it in glue_registry.c.
 *
 * Kernel-interfacing: compiled against the kernel tree's iommu.h.
 *
 * A model's own loops that run once per page of a request (rather than
 * once per leaf or hole) stop once hw_work_exceeded(): a map fails with
 * -ENOMEM, an unmap returns what it did so far, and the runner rejects
 * the input as too expensive. A loop that ignored the budget would run
 * into the kernel-step limit and be reported as one that does not end.
 */
#ifndef IOTLBFUZZ_GLUE_H
#define IOTLBFUZZ_GLUE_H

#include <linux/io-pgtable.h>
#include <linux/iommu.h>

#include "hw_context.h"
#include "driver_facts.h"
#include "driver_id.h"
#include "sim_device.h"

/*
 * Room for a generic_pt table, struct pt_iommu_<fmt> (impl/gpt/): its
 * struct iommu_domain comes first, so one domain serves the core's
 * iommupt_from_domain() and our to_glue_domain(). Each adapter checks
 * that its format fits.
 */
#define GLUE_GPT_TABLE_BYTES 512

struct gpt_adapter;
struct gpt_state;

struct glue_domain {
	union {
		struct iommu_domain domain; /* what the core sees */
		unsigned char gpt_table[GLUE_GPT_TABLE_BYTES]
			__attribute__((aligned(16)));
	};
	/* the generic_pt adapter whose table this domain is, or NULL */
	const struct gpt_adapter *gpt;
	struct gpt_state *gpt_state; /* impl/gpt/gpt_common.c's */
	struct iommu_domain_ops ops; /* only the ops this driver has */
	struct io_pgtable_cfg cfg;
	struct io_pgtable_ops *pgtbl; /* NULL for glue_model.tables_init */
	struct iommu_flush_ops flush_ops;
	const struct glue_model *model;
	struct sim_device *dev;
	/* the caller's gathers, to name them in the event log */
	struct iommu_iotlb_gather *gathers;
	unsigned int nr_gathers;
	/* the model's own state (priv_size bytes, zeroed), or NULL */
	void *priv;
	/* fault injection: the n-th iotlb_sync_map fails (0: none) */
	unsigned int fail_sync_map;
	unsigned int sync_map_failures; /* injected so far */
};

static inline struct glue_domain *to_glue_domain(struct iommu_domain *d)
{
	return container_of(d, struct glue_domain, domain);
}

struct glue_model {
	int id; /* the program's Driver value (proto/program.proto) */
	const char *name;
	const char *summary;
	struct driver_facts facts;
	/*
	 * Drivers with their own tables: the page sizes of the stand-in
	 * io-pgtable underneath, when the domain offers others (AMD v1's
	 * replicated large pages). 0: the domain offers what io-pgtable has.
	 */
	unsigned long table_pgsizes;
	size_t priv_size; /* bytes of per-domain model state */
	/* frees what the model allocated into gd->priv, or NULL */
	void (*release)(struct glue_domain *gd);
	/* io-pgtable callbacks; NULL leaves that callback out of cfg.tlb */
	void (*tlb_flush_all)(struct glue_domain *gd);
	void (*tlb_flush_walk)(struct glue_domain *gd, unsigned long iova,
			       size_t size, size_t granule);
	void (*tlb_add_page)(struct glue_domain *gd,
			     struct iommu_iotlb_gather *gather,
			     unsigned long iova, size_t granule);
	/* domain ops; NULL means the driver does not have the op */
	void (*iotlb_sync)(struct glue_domain *gd,
			   struct iommu_iotlb_gather *gather);
	void (*flush_iotlb_all)(struct glue_domain *gd);
	int (*iotlb_sync_map)(struct glue_domain *gd, unsigned long iova,
			      size_t size);
	/* optional: drivers with their own tables (or quirks) replace these */
	int (*map_pages)(struct glue_domain *gd, unsigned long iova,
			 phys_addr_t paddr, size_t pgsize, size_t pgcount,
			 int prot, gfp_t gfp, size_t *mapped);
	size_t (*unmap_pages)(struct glue_domain *gd, unsigned long iova,
			      size_t pgsize, size_t pgcount,
			      struct iommu_iotlb_gather *gather);
	phys_addr_t (*iova_to_phys)(struct glue_domain *gd, dma_addr_t iova);
	/* optional: adjust what is programmed into the hardware */
	void (*program_hw)(struct glue_domain *gd, struct hw_context *hw);
	/*
	 * Drivers whose tables no io-pgtable format holds (AMD v1 with
	 * pages above 1T): the domain gets no io-pgtable at all.
	 * tables_init builds the empty tables as the domain is created (0,
	 * or -ENOMEM), tables_hw describes them as the device walks them,
	 * and release frees them. map_pages, unmap_pages and iova_to_phys
	 * are then the model's.
	 */
	int (*tables_init)(struct glue_domain *gd);
	void (*tables_hw)(struct glue_domain *gd, struct hw_context *hw);
	/*
	 * The generic_pt format (fmt/iommu_<name>.c) this driver's tables
	 * are on trees that have it, for programs of its hardware format:
	 * map and unmap are then the kernel's (docs/generic-pt.md). NULL:
	 * the model's or io-pgtable's tables on every tree.
	 */
	const char *gpt_format;
	/*
	 * The driver sets that format up sign-extended (PT_FEAT_SIGN_EXTEND:
	 * an x86-64 first stage as VT-d uses it), where another driver of
	 * the same format does not (AMD v2 cuts the top IOVA bit instead).
	 */
	bool gpt_sign_extend;
	/*
	 * What the driver does differently on those tables, where the
	 * engine fills the gather (e.g. ranges with gaps); NULL: facts.
	 */
	const struct driver_facts *gpt_facts;
	/* the driver never frees its page tables (a deliberate leak) */
	bool leaks_pgtable;
	/* a deliberately broken test glue, never fuzzed */
	bool mutant;
	/* a model whose device side is not checked yet: replay only */
	bool experimental;
};

const struct glue_model *glue_model_by_id(int id);
const struct glue_model *glue_model_by_name(const char *name);
#define FMT(f) (1u << (f))
#define FMT_LPAE64 (FMT(PT_ARM_64_LPAE_S1) | FMT(PT_ARM_64_LPAE_S2))
#define FMT_LPAE32 (FMT(PT_ARM_32_LPAE_S1) | FMT(PT_ARM_32_LPAE_S2))
#define FMT_LPAE (FMT_LPAE64 | FMT_LPAE32)
#define FMT_DART (FMT(PT_APPLE_DART) | FMT(PT_APPLE_DART2))

/* io-pgtable quirk bits, for models (IO_PGTABLE_QUIRK_*) */
#define GLUE_QUIRK_NS (1UL << 0)
#define GLUE_QUIRK_NO_PERMS (1UL << 1)
#define GLUE_QUIRK_MTK_EXT (1UL << 3)

/* Models in registry order; NULL-terminated. */
extern const struct glue_model *const glue_models[];
extern const unsigned int glue_nr_models;

/* Shared pieces the reference behaviour is made of. */
void glue_invalidate_all(struct glue_domain *gd);
void glue_invalidate_walk(struct glue_domain *gd, unsigned long iova,
			  size_t size, size_t granule);
void glue_invalidate_leaf(struct glue_domain *gd,
			  struct iommu_iotlb_gather *gather,
			  unsigned long iova, size_t granule);
void glue_sync_nothing_pending(struct glue_domain *gd,
			       struct iommu_iotlb_gather *gather);
int glue_sync_map_invalidate(struct glue_domain *gd, unsigned long iova,
			     size_t size);
void glue_walk_invalidate_all(struct glue_domain *gd, unsigned long iova,
			      size_t size, size_t granule);
void glue_sync_invalidate_all(struct glue_domain *gd,
			      struct iommu_iotlb_gather *gather);
int glue_sync_map_invalidate_all(struct glue_domain *gd, unsigned long iova,
				 size_t size);
void glue_post_leaf(struct glue_domain *gd, struct iommu_iotlb_gather *gather,
		    unsigned long iova, size_t granule);
void glue_post_walk_and_wait(struct glue_domain *gd, unsigned long iova,
			     size_t size, size_t granule);
void glue_post_all_and_wait(struct glue_domain *gd);
void glue_sync_wait_posted(struct glue_domain *gd,
			   struct iommu_iotlb_gather *gather);

/* The caller's index of @gather, or -1 for one of the core's own. */
int glue_gather_index(const struct glue_domain *gd,
		      const struct iommu_iotlb_gather *gather);
/*
 * A model that fills the gather itself (not through io-pgtable's
 * tlb_add_page) tells the runner what it added, once added: the runner
 * judges each sync by the first page that came after it.
 */
void glue_gathered(struct glue_domain *gd, struct iommu_iotlb_gather *gather,
		   unsigned long iova, size_t size);

#endif
