// SPDX-License-Identifier: GPL-2.0-only
/*
 * apple-dart (drivers/iommu/apple-dart.c): APPLE_DART / APPLE_DART2 with
 * the DART's single page size, and no io-pgtable flush callbacks, so an
 * unmap leaves the gather untouched and invalidates nothing. iotlb_sync,
 * flush_iotlb_all and iotlb_sync_map all invalidate the whole TLB of every
 * stream. No flush queue.
 */
#include "glue.h"

static void invalidate_streams(struct glue_domain *gd,
			       struct iommu_iotlb_gather *gather)
{
	(void)gather;
	sim_inv_all(gd->dev);
}

static int invalidate_streams_map(struct glue_domain *gd, unsigned long iova,
				  size_t size)
{
	(void)iova;
	(void)size;
	sim_inv_all(gd->dev);
	return 0;
}

const struct glue_model drv_apple_dart = {
	.id = 29,
	.name = "apple-dart",
	.summary = "no flush callbacks, gather untouched; sync, flush_all and sync_map invalidate everything",
	.formats = FMT_DART,
	.gather_use = GATHER_IGNORED,
	.overinv = OVERINV_ANY,
	.iotlb_sync = invalidate_streams,
	.flush_iotlb_all = glue_invalidate_all,
	.iotlb_sync_map = invalidate_streams_map,
};
