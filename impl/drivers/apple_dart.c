// SPDX-License-Identifier: GPL-2.0-only
/*
 * apple-dart (drivers/iommu/apple-dart.c): APPLE_DART / APPLE_DART2 with
 * the DART's single page size, and no io-pgtable flush callbacks, so an
 * unmap leaves the gather untouched and invalidates nothing. iotlb_sync,
 * flush_iotlb_all and iotlb_sync_map all invalidate the whole TLB of every
 * stream. No flush queue.
 */
#include "glue.h"

const struct glue_model drv_apple_dart = {
	.id = DRIVER_ID(DRV_APPLE_DART),
	.name = "apple-dart",
	.summary = "no flush callbacks, gather untouched; sync, flush_all and "
		   "sync_map invalidate everything",
	.facts.formats = FMT_DART,
	.facts.gather_use = GATHER_IGNORED,
	.facts.overinv = OVERINV_ANY,
	.iotlb_sync = glue_sync_invalidate_all,
	.flush_iotlb_all = glue_invalidate_all,
	.iotlb_sync_map = glue_sync_map_invalidate_all,
};
