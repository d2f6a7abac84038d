/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The context the functions cut out of iommu.c compile in: the real
 * linux/iommu.h (gather helpers, iommu_iotlb_sync) and the shims.
 */
#ifndef IOTLBFUZZ_CORE_PRELUDE_H
#define IOTLBFUZZ_CORE_PRELUDE_H

#define pr_fmt(fmt) "iommu: " fmt

#include <linux/bug.h>
#include <linux/iommu.h>

#include "core_features.h"

#ifdef IOTLBFUZZ_CORE_HAS_GENERIC_PT
/* the real header: without CONFIG_IOMMU_PT no domain is a pt_iommu */
#include <linux/generic_pt/iommu.h>
#endif

#ifdef IOTLBFUZZ_CORE_HAS_DEBUG_HOOKS
/*
 * iommu-priv.h's hooks as they are without CONFIG_IOMMU_DEBUG_PAGEALLOC;
 * the header itself would pull in most of the iommu core's internals.
 */
static inline void iommu_debug_map(struct iommu_domain *domain,
				   phys_addr_t phys, size_t size)
{
}

static inline void iommu_debug_unmap_begin(struct iommu_domain *domain,
					   unsigned long iova, size_t size)
{
}

static inline void iommu_debug_unmap_end(struct iommu_domain *domain,
					 unsigned long iova, size_t size,
					 size_t unmapped)
{
}
#endif

#endif
