// SPDX-License-Identifier: GPL-2.0-only
/*
 * arm-smmu (SMMUv1/v2, MMU-500) and its qcom and nvidia implementations
 * (drivers/iommu/arm/arm-smmu). tlb_add_page *posts* a leaf invalidation
 * (TLBIVAL / TLBIIPAS2L) without waiting; the gather is never written.
 * iotlb_sync only waits for what was posted (TLBSYNC): until it runs, the
 * unmap is not complete. Walk and full flushes post and wait at once.
 * The variants differ in what they post: the qcom/adreno impls flush
 * walks with TLBIASID, nvidia's Tegra194/234 offer pages up to PAGE_SIZE
 * only, and stage 2 on SMMUv1 invalidates the whole VMID for every page.
 */
#include "glue.h"

static void post_vmid(struct glue_domain *gd, struct iommu_iotlb_gather *gather,
		      unsigned long iova, size_t granule)
{
	(void)gather;
	(void)iova;
	(void)granule;
	sim_post(gd->dev, SIM_INV_ALL, 0, 0);
}

static void post_all_and_sync_walk(struct glue_domain *gd, unsigned long iova,
				   size_t size, size_t granule)
{
	(void)iova;
	(void)size;
	(void)granule;
	glue_post_all_and_wait(gd);
}

#define ARM_SMMU_FORMATS (FMT_LPAE | FMT(PT_ARM_V7S))

const struct glue_model drv_arm_smmu = {
	.id = DRIVER_ID(DRV_ARM_SMMU),
	.name = "arm-smmu",
	.summary = "add_page posts TLBIVAL, gather untouched; sync waits "
		   "(TLBSYNC)",
	.facts.formats = ARM_SMMU_FORMATS,
	.facts.gather_use = GATHER_IGNORED,
	.facts.overinv = OVERINV_ANY,
	.facts.supports_fq = true,
	.tlb_flush_all = glue_post_all_and_wait,
	.iotlb_sync = glue_sync_wait_posted,
	.flush_iotlb_all = glue_post_all_and_wait,
	.tlb_flush_walk = glue_post_walk_and_wait,
	.tlb_add_page = glue_post_leaf,
};

const struct glue_model drv_arm_smmu_qcom = {
	.id = DRIVER_ID(DRV_ARM_SMMU_QCOM),
	.name = "arm-smmu-qcom",
	.summary = "arm-smmu with the qcom impl: walk flushes by TLBIASID",
	.facts.formats = ARM_SMMU_FORMATS,
	.facts.gather_use = GATHER_IGNORED,
	.facts.overinv = OVERINV_ANY,
	.facts.supports_fq = true,
	.tlb_flush_all = glue_post_all_and_wait,
	.iotlb_sync = glue_sync_wait_posted,
	.flush_iotlb_all = glue_post_all_and_wait,
	.tlb_flush_walk = post_all_and_sync_walk,
	.tlb_add_page = glue_post_leaf,
};

const struct glue_model drv_arm_smmu_nvidia = {
	.id = DRIVER_ID(DRV_ARM_SMMU_NVIDIA),
	.name = "arm-smmu-nvidia",
	.summary =
		"arm-smmu with the nvidia impl (Tegra194/234): pages up to 4K",
	.facts.formats = ARM_SMMU_FORMATS,
	.facts.pgsize_mask = 0x1000,
	.facts.gather_use = GATHER_IGNORED,
	.facts.overinv = OVERINV_ANY,
	.facts.supports_fq = true,
	.tlb_flush_all = glue_post_all_and_wait,
	.iotlb_sync = glue_sync_wait_posted,
	.flush_iotlb_all = glue_post_all_and_wait,
	.tlb_flush_walk = glue_post_walk_and_wait,
	.tlb_add_page = glue_post_leaf,
};

const struct glue_model drv_arm_smmu_v1_s2 = {
	.id = DRIVER_ID(DRV_ARM_SMMU_V1_S2),
	.name = "arm-smmu-v1-s2",
	.summary = "SMMUv1 stage 2: every page posts a whole-VMID invalidation",
	.facts.formats = FMT(PT_ARM_64_LPAE_S2) | FMT(PT_ARM_32_LPAE_S2),
	.facts.gather_use = GATHER_IGNORED,
	.facts.overinv = OVERINV_ANY,
	.facts.supports_fq = true,
	.tlb_flush_all = glue_post_all_and_wait,
	.iotlb_sync = glue_sync_wait_posted,
	.flush_iotlb_all = glue_post_all_and_wait,
	.tlb_flush_walk = post_all_and_sync_walk,
	.tlb_add_page = post_vmid,
};

/*
 * A mutant of this model (corpus/regressions, queued-invalidation): its
 * unmap hides the gather's queued flag from io-pgtable, as a driver that
 * rebuilt the gather would, so a flush-queue unmap posts a TLBIVAL per
 * page that only the queue's flush needed to cover.
 */
static size_t unmap_hiding_queued(struct glue_domain *gd, unsigned long iova,
				  size_t pgsize, size_t pgcount,
				  struct iommu_iotlb_gather *gather)
{
	bool queued = iommu_iotlb_gather_queued(gather);
	size_t unmapped;

	if (queued)
		gather->queued = false;
	unmapped = gd->pgtbl->unmap_pages(gd->pgtbl, iova, pgsize, pgcount,
					  gather);
	if (queued)
		gather->queued = true;
	return unmapped;
}

const struct glue_model glue_broken_fq_hides_queued = {
	.id = DRIVER_ID(BROKEN_FQ_HIDES_QUEUED),
	.name = "broken-fq-hides-queued",
	.mutant = true,
	.summary = "mutant: arm-smmu whose unmap hides a queued gather from "
		   "io-pgtable",
	.facts.formats = ARM_SMMU_FORMATS,
	.facts.gather_use = GATHER_IGNORED,
	.facts.overinv = OVERINV_ANY,
	.facts.supports_fq = true,
	.tlb_flush_all = glue_post_all_and_wait,
	.iotlb_sync = glue_sync_wait_posted,
	.flush_iotlb_all = glue_post_all_and_wait,
	.tlb_flush_walk = glue_post_walk_and_wait,
	.tlb_add_page = glue_post_leaf,
	.unmap_pages = unmap_hiding_queued,
};
