// SPDX-License-Identifier: GPL-2.0-only
/*
 * RISC-V Sv39/Sv48/Sv57 tables from the tree's generic_pt riscv64 format,
 * set up as riscv_iommu_alloc_paging_domain() does (7.3): the VA width the
 * IOMMU's capabilities allow (the program's ias: 39, 48 or 57), 56-bit
 * outputs, sign-extended IOVAs, Svnapot 64K pages (the RISC-V IOMMU
 * specification requires Svnapot), range flushes, and a detailed gather:
 * the levels of the leaves and tables an unmap removed, from which the
 * driver picks its invalidation commands. An IOMMU that reports Svpbmt
 * (the program's Q_RISCV_SVPBMT) also gets PT_FEAT_RISCV_SVPBMT, as the
 * driver asks for it from RISCV_IOMMU_CAPABILITIES_SVPBMT: leaves then
 * carry PBMT NC, or IO for IOMMU_MMIO, unless IOMMU_CACHE.
 *
 * The device walks it as Sv39/48/57 (impl/iotlb/walk_riscv.c) from the
 * device context's iosatp (PPN and mode, as hw_info gives them), with
 * Svnapot, with Svpbmt if the IOMMU has it, and without hardware A/D
 * updates: the engine writes leaves with A and D set.
 */
#include <linux/generic_pt/iommu.h>
#include <linux/iommu.h>

#include "gpt.h"
#include "gpt_state.h"
#include "kstack.h"

static_assert(sizeof(struct pt_iommu_riscv_64) <= GLUE_GPT_TABLE_BYTES,
	      "struct pt_iommu_riscv_64 does not fit the glue's room for it");
static_assert(offsetof(struct pt_iommu_riscv_64, iommu.domain) == 0,
	      "the pt_iommu's domain must be the glue's");

/* iosatp.MODE for Sv39; Sv48 and Sv57 follow */
#define RISCV_IOSATP_MODE_SV39 8

static struct pt_iommu_riscv_64 *table_of(const struct glue_domain *gd)
{
	return (struct pt_iommu_riscv_64 *)gd->gpt_table;
}

static int riscv64_init(struct glue_domain *gd, const struct kstack_params *p,
			char *err, size_t errlen)
{
	struct pt_iommu_riscv_64 *t = table_of(gd);
	struct pt_iommu_riscv_64_cfg cfg = {};
	bool svpbmt = p->quirks & Q_RISCV_SVPBMT;
	int ret;

	if (p->ias != 39 && p->ias != 48 && p->ias != 57) {
		snprintf(err, errlen,
			 "RISC-V IOMMU first stage has 39, 48 or 57 address bits, not %u",
			 p->ias);
		return -EINVAL;
	}
	t->iommu.nid = NUMA_NO_NODE;
	cfg.common.features = BIT(PT_FEAT_SIGN_EXTEND) |
			      BIT(PT_FEAT_FLUSH_RANGE) |
			      BIT(PT_FEAT_RISCV_SVNAPOT_64K) |
			      BIT(PT_FEAT_DETAILED_GATHER);
	if (svpbmt)
		cfg.common.features |= BIT(PT_FEAT_RISCV_SVPBMT);
	cfg.common.hw_max_vasz_lg2 = p->ias;
	cfg.common.hw_max_oasz_lg2 = p->oas;
	ret = pt_iommu_riscv_64_init(t, &cfg, GFP_KERNEL);
	if (ret) {
		snprintf(err, errlen,
			 "generic_pt riscv64 refused the table (ias %u, oas %u%s): %d",
			 p->ias, p->oas, svpbmt ? ", Svpbmt" : "", ret);
		return ret;
	}
	return gpt_narrow_pgsizes(gd, p, err, errlen);
}

static void riscv64_hw(const struct glue_domain *gd, struct hw_context *hw)
{
	struct pt_iommu_riscv_64_hw_info info;

	pt_iommu_riscv_64_hw_info(table_of(gd), &info);
	hw->fmt = PT_RISCV;
	hw->riscv.root = info.ppn << 12;
	hw->riscv.levels = info.fsc_iosatp_mode - RISCV_IOSATP_MODE_SV39 + 3;
	hw->riscv.svnapot = true;
	hw->riscv.svpbmt = gd->cfg.quirks & Q_RISCV_SVPBMT;
	hw->riscv.hw_ad = false;
}

static phys_addr_t riscv64_iova_to_phys(struct glue_domain *gd,
					dma_addr_t iova)
{
	return pt_iommu_riscv_64_iova_to_phys(&gd->domain, iova);
}

const struct gpt_adapter gpt_adapter_riscv64 = {
	.name = "riscv64",
	.hw_fmt = PT_RISCV,
	.init = riscv64_init,
	.hw_context = riscv64_hw,
	.iova_to_phys = riscv64_iova_to_phys,
};
