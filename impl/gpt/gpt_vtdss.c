// SPDX-License-Identifier: GPL-2.0-only
/*
 * Intel VT-d second-stage tables from the tree's generic_pt vtdss format,
 * set up as intel_iommu_domain_alloc_second_stage() does (7.3): the top
 * level the address width needs (39, 48 or 57 bits: 3, 4 or 5 levels,
 * from the program's ias), 52-bit outputs, range flushes, and the table
 * writes flushed by DMA syncs when the IOMMU does not snoop its walks
 * (PT_FEAT_DMA_INCOHERENT, the program's non-coherent walk). The page
 * sizes are what the engine offers, narrowed by the program's bitmap.
 *
 * Two variants the driver sets up, as program quirks:
 * - Q_VTDSS_NEST_PARENT, a domain allocated with
 *   IOMMU_HWPT_ALLOC_NEST_PARENT: PT_FEAT_VTDSS_FORCE_WRITEABLE, under
 *   which the engine refuses a map without IOMMU_WRITE (-EINVAL, erratum
 *   ERRATA_772415_SPR17); the runner holds it to that (run_checks.c).
 * - Q_VTDSS_FORCE_COHERENCE, a domain whose cache coherency was enforced
 *   before its first map: intel_iommu_enforce_cache_coherency_ss() sets
 *   PT_FEAT_VTDSS_FORCE_COHERENCE in the live table's features (never
 *   through the cfg), and every leaf mapped after it carries SNP. Done
 *   here right after init, as iommufd does before any map, so the whole
 *   table is written that way. The driver does it only when every IOMMU
 *   of the domain has snoop control (ECAP.SC), so the device walks with
 *   it.
 *
 * The device walks it as VT-d second stage (impl/iotlb/walk_vtdss.c)
 * from the context entry's SSPTPTR and AW, as hw_info gives them.
 */
#include <linux/generic_pt/iommu.h>
#include <linux/iommu.h>

#include "gpt.h"
#include "gpt_state.h"
#include "kstack.h"

static_assert(sizeof(struct pt_iommu_vtdss) <= GLUE_GPT_TABLE_BYTES,
	      "struct pt_iommu_vtdss does not fit the glue's room for it");
static_assert(offsetof(struct pt_iommu_vtdss, iommu.domain) == 0,
	      "the pt_iommu's domain must be the glue's");

static struct pt_iommu_vtdss *table_of(const struct glue_domain *gd)
{
	return (struct pt_iommu_vtdss *)gd->gpt_table;
}

static int vtdss_init(struct glue_domain *gd, const struct kstack_params *p,
		      char *err, size_t errlen)
{
	struct pt_iommu_vtdss *t = table_of(gd);
	struct pt_iommu_vtdss_cfg cfg = {};
	int ret;

	if (p->ias != 39 && p->ias != 48 && p->ias != 57) {
		snprintf(err, errlen,
			 "VT-d second stage has 39, 48 or 57 address bits, not %u",
			 p->ias);
		return -EINVAL;
	}
	t->iommu.nid = NUMA_NO_NODE;
	t->iommu.iommu_device = gpt_dma_device();
	cfg.common.features = BIT(PT_FEAT_FLUSH_RANGE);
	if (p->quirks & Q_VTDSS_NEST_PARENT)
		cfg.common.features |= BIT(PT_FEAT_VTDSS_FORCE_WRITEABLE);
	if (!p->coherent_walk)
		cfg.common.features |= BIT(PT_FEAT_DMA_INCOHERENT);
	gd->gpt_state->dma_incoherent = !p->coherent_walk;
	cfg.common.hw_max_vasz_lg2 = p->ias;
	cfg.common.hw_max_oasz_lg2 = p->oas;
	cfg.top_level = p->ias == 39 ? 2 : p->ias == 48 ? 3 : 4;
	ret = pt_iommu_vtdss_init(t, &cfg, GFP_KERNEL);
	if (ret) {
		snprintf(err, errlen,
			 "generic_pt vtdss refused the table (ias %u, oas %u%s): %d",
			 p->ias, p->oas,
			 p->coherent_walk ? "" : ", non-coherent walk", ret);
		return ret;
	}
	if (p->quirks & Q_VTDSS_FORCE_COHERENCE)
		t->vtdss_pt.common.features |=
			BIT(PT_FEAT_VTDSS_FORCE_COHERENCE);
	return gpt_narrow_pgsizes(gd, p, err, errlen);
}

static void vtdss_hw(const struct glue_domain *gd, struct hw_context *hw)
{
	struct pt_iommu_vtdss_hw_info info;

	pt_iommu_vtdss_hw_info(table_of(gd), &info);
	hw->fmt = PT_VTD_SS;
	hw->vtdss.root = info.ssptptr;
	hw->vtdss.aw = info.aw;
	hw->coherent = !gd->gpt_state->dma_incoherent;
}

static phys_addr_t vtdss_iova_to_phys(struct glue_domain *gd, dma_addr_t iova)
{
	return pt_iommu_vtdss_iova_to_phys(&gd->domain, iova);
}

const struct gpt_adapter gpt_adapter_vtdss = {
	.name = "vtdss",
	.hw_fmt = PT_VTD_SS,
	.init = vtdss_init,
	.hw_context = vtdss_hw,
	.iova_to_phys = vtdss_iova_to_phys,
};
