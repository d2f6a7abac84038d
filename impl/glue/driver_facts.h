/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What a driver model says of its driver, as plain facts (docs/drivers.md
 * has them as a table): the formats and page sizes its hardware takes, how
 * its iotlb_sync uses the gather, whether it has a flush queue. The model
 * (glue.h) holds one row; the runner, the fuzz targets and the
 * before/after differential read that row (kstack_driver_traits()), with
 * no kernel types in sight.
 */
#ifndef IOTLBFUZZ_DRIVER_FACTS_H
#define IOTLBFUZZ_DRIVER_FACTS_H

#include <stdbool.h>

/* What the driver's iotlb_sync does with the gather. */
enum glue_gather_use {
	GATHER_IGNORED, /* full flush or a wait: the range does not matter */
	GATHER_RANGE, /* invalidates the gathered range */
};

/* How precisely the driver's sync is allowed to invalidate. */
enum glue_overinv {
	OVERINV_ANY, /* full flushes, or not range based */
	OVERINV_UNION, /* [min, max] of what was gathered, gaps included */
	OVERINV_EXACT, /* splits disjoint ranges into separate syncs */
};

struct driver_facts {
	/*
	 * The hardware: formats it walks (BIT(pt_format); 0 = any), the page
	 * sizes it offers (0 = any) and the io-pgtable quirks it sets.
	 */
	unsigned int formats;
	unsigned long pgsize_mask;
	unsigned long quirks;
	/*
	 * The driver's page sizes are a constant (exynos, omap, rockchip):
	 * the domain offers exactly pgsize_mask whatever the program asks,
	 * since a subset the driver never offers can break it (a hole
	 * reported as 4K in a domain without 4K leaves the core no size).
	 */
	bool fixed_pgsizes;
	/* the gather contract, for the runner's checks */
	enum glue_gather_use gather_use;
	bool sync_needs_nonempty_gather; /* computes end - start + 1 */
	/* invalidates by gather->pgsize (SMMUv3's TG/TTL range hints) */
	bool sync_reads_pgsize;
	enum glue_overinv overinv;
	/* IOMMU_CAP_DEFERRED_FLUSH: without it dma-iommu stays strict */
	bool supports_fq;
	/*
	 * A map over a live mapping succeeds with no defined outcome (the
	 * API forbids it; the driver neither refuses nor documents it): the
	 * harness stops a program there instead of judging it.
	 */
	bool map_over_live_undefined;
	/*
	 * Its iotlb_sync_map can fail (s390's refresh, virtio's request):
	 * fault injection may make it, and the core must then undo the map.
	 */
	bool sync_map_can_fail;
};

#endif
