// SPDX-License-Identifier: GPL-2.0-only
/*
 * The reference glue: every invalidation io-pgtable asks for is issued and
 * completes at once, iotlb_sync has nothing left to wait for, and there is
 * no iotlb_sync_map, as on hardware that never caches "not present" (Arm
 * SMMUs): anything stale after a map is then the map path's own doing.
 * reference-np-cache adds the iotlb_sync_map an IOTLB that caches faults
 * needs (AMD NpCache, VT-d caching mode).
 */
#include "glue.h"

#define REFERENCE_CALLBACKS                      \
	.tlb_flush_all = glue_invalidate_all,    \
	.tlb_flush_walk = glue_invalidate_walk,  \
	.tlb_add_page = glue_invalidate_leaf,    \
	.iotlb_sync = glue_sync_nothing_pending, \
	.flush_iotlb_all = glue_invalidate_all, .facts.supports_fq = true

const struct glue_model glue_reference = {
	.id = DRIVER_ID(REFERENCE),
	.name = "reference",
	.summary = "invalidate at once; sync completes; no sync_map",
	REFERENCE_CALLBACKS,
};

const struct glue_model glue_reference_np_cache = {
	.id = DRIVER_ID(REFERENCE_NP_CACHE),
	.name = "reference-np-cache",
	.summary = "reference, plus a sync_map that drops cached faults",
	REFERENCE_CALLBACKS,
	.iotlb_sync_map = glue_sync_map_invalidate,
};
