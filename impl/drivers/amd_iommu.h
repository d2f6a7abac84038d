/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the AMD models share whatever holds their pages (amd_iommu.c on
 * the stand-in, amd_iommu_v1_64.c on tables of its own): 6.12's
 * INVALIDATE_IOMMU_PAGES windows, the sync and sync_map that issue them,
 * and how an unmap's result reaches the gather.
 */
#ifndef IOTLBFUZZ_DRIVERS_AMD_IOMMU_H
#define IOTLBFUZZ_DRIVERS_AMD_IOMMU_H

#include "glue.h"

/* NpCache: the model has an iotlb_sync_map. */
bool amd_np_cache(const struct glue_domain *gd);
/* amd_iommu_domain_flush_pages() of [address, address + size). */
void amd_flush_pages(struct glue_domain *gd, unsigned long address,
		     unsigned long size);
/* amd_iommu_unmap_pages() after the table walk: the gather's part. */
void amd_gather_unmapped(struct glue_domain *gd,
			 struct iommu_iotlb_gather *gather, unsigned long iova,
			 unsigned long unmapped);
void amd_iotlb_sync(struct glue_domain *gd, struct iommu_iotlb_gather *gather);
int amd_sync_map(struct glue_domain *gd, unsigned long iova, size_t size);
/* BROKEN_AMD_SYNC_NO_PDE's sync: table entries never invalidated. */
void amd_iotlb_sync_no_pde(struct glue_domain *gd,
			   struct iommu_iotlb_gather *gather);

#endif
