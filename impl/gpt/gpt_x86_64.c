// SPDX-License-Identifier: GPL-2.0-only
/*
 * x86-64 paging from the tree's generic_pt x86_64 format, set up as one of
 * its two 7.3 users does:
 *
 *  - amd_iommu_domain_alloc_paging_v2() for AMD v2 (GCR3) tables: 4
 *    levels, or 5 for a 57-bit program ias, with the top IOVA bit cut off
 *    and no sign extension (47 or 56 bits), the encrypted-table feature,
 *    and range flushes: with no gaps when the IOMMU caches non-present
 *    entries (NpCache, a model with an iotlb_sync_map);
 *  - intel_iommu_domain_alloc_first_stage() for a VT-d first stage (a
 *    model with gpt_sign_extend): sign-extended, 4 levels up to 48 bits
 *    and 5 above (compute_vasz_lg2_fs(): the program's ias is the MGAW),
 *    range flushes, and DMA syncs of table writes when the walk does not
 *    snoop (no ECAP.SMPWC: the program's non-coherent walk).
 *
 * Both have 52-bit outputs (the program's oas). Programs address the lower
 * half of a sign-extended space (kstack: the aperture's end). The device
 * walks it as x86-64 paging (impl/iotlb/walk_x86_64.c) from the table's
 * pointer and level count, as hw_info gives them.
 */
#include <linux/generic_pt/iommu.h>
#include <linux/iommu.h>

#include "gpt.h"
#include "gpt_state.h"
#include "kstack.h"

static_assert(sizeof(struct pt_iommu_x86_64) <= GLUE_GPT_TABLE_BYTES,
	      "struct pt_iommu_x86_64 does not fit the glue's room for it");
static_assert(offsetof(struct pt_iommu_x86_64, iommu.domain) == 0,
	      "the pt_iommu's domain must be the glue's");

static struct pt_iommu_x86_64 *table_of(const struct glue_domain *gd)
{
	return (struct pt_iommu_x86_64 *)gd->gpt_table;
}

static void amd_v2_cfg(struct glue_domain *gd, const struct kstack_params *p,
		       struct pt_iommu_x86_64_cfg *cfg)
{
	bool np_cache = gd->model->iotlb_sync_map != NULL;
	bool five = p->ias >= 57;

	cfg->common.features = BIT(PT_FEAT_X86_64_AMD_ENCRYPT_TABLES) |
			       BIT(np_cache ? PT_FEAT_FLUSH_RANGE_NO_GAPS :
					      PT_FEAT_FLUSH_RANGE);
	cfg->common.hw_max_vasz_lg2 = five ? 56 : 47;
	cfg->top_level = five ? 4 : 3;
}

static int intel_first_stage_cfg(struct glue_domain *gd,
				 const struct kstack_params *p,
				 struct pt_iommu_x86_64_cfg *cfg, char *err,
				 size_t errlen)
{
	struct pt_iommu_x86_64 *t = table_of(gd);

	if (p->ias < 32 || p->ias > 57) {
		snprintf(err, errlen,
			 "a VT-d first stage has 32 to 57 address bits (MGAW), not %u",
			 p->ias);
		return -EINVAL;
	}
	cfg->common.features = BIT(PT_FEAT_SIGN_EXTEND) |
			       BIT(PT_FEAT_FLUSH_RANGE);
	if (!p->coherent_walk)
		cfg->common.features |= BIT(PT_FEAT_DMA_INCOHERENT);
	gd->gpt_state->dma_incoherent = !p->coherent_walk;
	t->iommu.iommu_device = gpt_dma_device();
	cfg->common.hw_max_vasz_lg2 = p->ias;
	cfg->top_level = p->ias > 48 ? 4 : 3;
	return 0;
}

static int x86_64_init(struct glue_domain *gd, const struct kstack_params *p,
		       char *err, size_t errlen)
{
	struct pt_iommu_x86_64 *t = table_of(gd);
	struct pt_iommu_x86_64_cfg cfg = {};
	int ret;

	t->iommu.nid = NUMA_NO_NODE;
	if (gd->model->gpt_sign_extend) {
		ret = intel_first_stage_cfg(gd, p, &cfg, err, errlen);
		if (ret)
			return ret;
	} else {
		amd_v2_cfg(gd, p, &cfg);
	}
	cfg.common.hw_max_oasz_lg2 = p->oas;
	ret = pt_iommu_x86_64_init(t, &cfg, GFP_KERNEL);
	if (ret) {
		snprintf(err, errlen,
			 "generic_pt x86_64 refused the table (%u levels, %u-bit IOVAs%s, oas %u%s): %d",
			 cfg.top_level + 1, cfg.common.hw_max_vasz_lg2,
			 gd->model->gpt_sign_extend ? " sign-extended" : "",
			 p->oas, p->coherent_walk ? "" : ", non-coherent walk",
			 ret);
		return ret;
	}
	return gpt_narrow_pgsizes(gd, p, err, errlen);
}

static void x86_64_hw(const struct glue_domain *gd, struct hw_context *hw)
{
	struct pt_iommu_x86_64_hw_info info;

	pt_iommu_x86_64_hw_info(table_of(gd), &info);
	hw->fmt = PT_X86_64;
	hw->x86_64.root = info.gcr3_pt;
	hw->x86_64.levels = info.levels;
	hw->x86_64.sign_extend = gd->model->gpt_sign_extend;
	hw->coherent = !gd->gpt_state->dma_incoherent;
}

static phys_addr_t x86_64_iova_to_phys(struct glue_domain *gd, dma_addr_t iova)
{
	return pt_iommu_x86_64_iova_to_phys(&gd->domain, iova);
}

const struct gpt_adapter gpt_adapter_x86_64 = {
	.name = "x86_64",
	.hw_fmt = PT_X86_64,
	.init = x86_64_init,
	.hw_context = x86_64_hw,
	.iova_to_phys = x86_64_iova_to_phys,
};
