// SPDX-License-Identifier: GPL-2.0-only
/*
 * The reference glue: every invalidation io-pgtable asks for is issued and
 * completes at once, iotlb_sync has nothing left to wait for, and
 * iotlb_sync_map drops any cached "not present" entry for the new range (so
 * the reference stays correct on an IOTLB that caches faults).
 */
#include "glue.h"

const struct glue_model glue_reference = {
	.name = "reference",
	.summary = "invalidate at once; sync completes; sync_map invalidates",
	.tlb_flush_all = glue_invalidate_all,
	.tlb_flush_walk = glue_invalidate_walk,
	.tlb_add_page = glue_invalidate_leaf,
	.iotlb_sync = glue_sync_nothing_pending,
	.flush_iotlb_all = glue_invalidate_all,
	.iotlb_sync_map = glue_sync_map_invalidate,
};
