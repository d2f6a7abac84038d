// SPDX-License-Identifier: GPL-2.0-only
/*
 * AMD IOMMU host (v1) tables from the tree's generic_pt amdv1 format, set
 * up as amd_iommu_domain_alloc_paging_v1() does (7.3): a table that
 * starts at level 2 and grows (PT_FEAT_DYNAMIC_TOP), encrypted-table and
 * force-coherence features on, and flushes by range: with no gaps when
 * the IOMMU caches non-present entries (NpCache, a model with an
 * iotlb_sync_map), else one range. The IOVA size is the program's
 * (amd_iommu_hpt_vasize), the output size 52 bits, and the page sizes
 * the program's bitmap narrows them to, as amd_iommu_pgsize_bitmap does.
 *
 * The device walks it as AMD v1 (impl/iotlb/walk_amdv1.c): the DTE's
 * root and mode, hw_info's, or change_top's once the table grew.
 */
#include <linux/generic_pt/iommu.h>
#include <linux/iommu.h>

#include "gpt.h"
#include "gpt_state.h"
#include "kstack.h"

static_assert(sizeof(struct pt_iommu_amdv1) <= GLUE_GPT_TABLE_BYTES,
	      "struct pt_iommu_amdv1 does not fit the glue's room for it");
static_assert(offsetof(struct pt_iommu_amdv1, iommu.domain) == 0,
	      "the pt_iommu's domain must be the glue's");

static struct pt_iommu_amdv1 *table_of(const struct glue_domain *gd)
{
	return (struct pt_iommu_amdv1 *)gd->gpt_table;
}

static int amdv1_init(struct glue_domain *gd, const struct kstack_params *p,
		      char *err, size_t errlen)
{
	struct pt_iommu_amdv1 *t = table_of(gd);
	struct pt_iommu_amdv1_cfg cfg = {};
	bool np_cache = gd->model->iotlb_sync_map != NULL;
	int ret;

	t->iommu.driver_ops = &gpt_driver_ops;
	t->iommu.nid = NUMA_NO_NODE;
	cfg.common.features = BIT(PT_FEAT_DYNAMIC_TOP) |
			      BIT(PT_FEAT_AMDV1_ENCRYPT_TABLES) |
			      BIT(PT_FEAT_AMDV1_FORCE_COHERENCE) |
			      BIT(np_cache ? PT_FEAT_FLUSH_RANGE_NO_GAPS :
					     PT_FEAT_FLUSH_RANGE);
	cfg.common.hw_max_vasz_lg2 = p->ias;
	cfg.common.hw_max_oasz_lg2 = p->oas;
	cfg.starting_level = 2;
	ret = pt_iommu_amdv1_init(t, &cfg, GFP_KERNEL);
	if (ret) {
		snprintf(err, errlen,
			 "generic_pt amdv1 refused the table (ias %u, oas %u): %d",
			 p->ias, p->oas, ret);
		return ret;
	}
	return gpt_narrow_pgsizes(gd, p, err, errlen);
}

static void amdv1_hw(const struct glue_domain *gd, struct hw_context *hw)
{
	struct pt_iommu_amdv1_hw_info info;

	pt_iommu_amdv1_hw_info(table_of(gd), &info);
	if (gd->gpt_state->top_changed) {
		info.host_pt_root = gd->gpt_state->top_paddr;
		info.mode = gd->gpt_state->top_level + 1;
	}
	hw->fmt = PT_AMD_V1;
	hw->amdv1.root = info.host_pt_root;
	hw->amdv1.mode = info.mode;
}

static phys_addr_t amdv1_iova_to_phys(struct glue_domain *gd, dma_addr_t iova)
{
	return pt_iommu_amdv1_iova_to_phys(&gd->domain, iova);
}

const struct gpt_adapter gpt_adapter_amdv1 = {
	.name = "amdv1",
	.hw_fmt = PT_AMD_V1,
	.init = amdv1_init,
	.hw_context = amdv1_hw,
	.iova_to_phys = amdv1_iova_to_phys,
};
