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

#endif
