/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Domains on the kernel's own generic_pt tables (docs/generic-pt.md): one
 * adapter per hardware format, impl/gpt/gpt_<fmt>.c, compiled when the
 * tree has drivers/iommu/generic_pt/fmt/iommu_<fmt>.c. An adapter builds
 * the format's table into the domain's storage as the driver does (its
 * cfg, its features), describes the tables as the device reads them, and
 * tears them down. The driver's rules (iotlb_sync, flush_iotlb_all,
 * iotlb_sync_map) stay in its model file; map and unmap are the engine's,
 * reached through the tree's own iommu_map()/iommu_unmap().
 *
 * Kernel-interfacing: compiled against the tree's headers.
 */
#ifndef IOTLBFUZZ_GPT_H
#define IOTLBFUZZ_GPT_H

#include "glue.h"

struct kstack_params;

struct gpt_adapter {
	const char *name; /* the tree's format name, fmt/iommu_<name>.c */
	enum pt_format hw_fmt; /* how the device walks what it builds */
	/*
	 * Build an empty table in gd->gpt_table for @p (address sizes, the
	 * model's facts); 0 or a -errno the runner reports as a refusal.
	 * The domain's pgsize_bitmap and aperture are the engine's.
	 */
	int (*init)(struct glue_domain *gd, const struct kstack_params *p,
		    char *err, size_t errlen);
	/* The device's view: root and levels as the driver programs them. */
	void (*hw_context)(const struct glue_domain *gd, struct hw_context *hw);
	phys_addr_t (*iova_to_phys)(struct glue_domain *gd, dma_addr_t iova);
};

/* The adapters this tree has (generated, gpt_registry.c); NULL-ended. */
extern const struct gpt_adapter *const gpt_adapters[];

const struct gpt_adapter *gpt_adapter_by_name(const char *name);

/*
 * The domain's page sizes: the engine's, narrowed by the program's
 * bitmap as a driver narrows them (amd_iommu_pgsize_bitmap); -EINVAL
 * with @err if none is left.
 */
int gpt_narrow_pgsizes(struct glue_domain *gd, const struct kstack_params *p,
		       char *err, size_t errlen);

/* The IOMMU's struct device, for the engine's DMA syncs of table writes. */
struct device *gpt_dma_device(void);

/* What every adapter gives the engine (gpt_common.c). */
extern const struct pt_iommu_driver_ops gpt_driver_ops;

/* The engine's pt_iommu of a generic_pt domain. */
struct pt_iommu *gpt_iommu(struct glue_domain *gd);

/*
 * Free the tables an unmap took out, once the driver has invalidated
 * what the device may still walk through them (the driver's iotlb_sync
 * calls it last, as iommu_put_pages_list(&gather->freelist)).
 */
void gpt_free_gathered_tables(struct iommu_iotlb_gather *gather);
bool gpt_gathered_tables(struct iommu_iotlb_gather *gather);

/*
 * A queued gather's tables wait for the flush queue's flush_iotlb_all,
 * as dma-iommu's queue keeps them (fq_ring_free()).
 */
void gpt_queue_gathered_tables(struct glue_domain *gd,
			       struct iommu_iotlb_gather *gather);
void gpt_free_queued_tables(struct glue_domain *gd);

/*
 * Make @gd a domain on its model's generic_pt format when the program
 * asks for that format's hardware (p->fmt): 1 if it did, 0 if the model
 * keeps its other tables for this program, or a -errno with @err.
 */
int gpt_domain_create(struct glue_domain *gd, const struct kstack_params *p,
		      char *err, size_t errlen);

/* Tear the table down (pt_iommu_deinit), queued tables included. */
void gpt_destroy(struct glue_domain *gd);

#endif
