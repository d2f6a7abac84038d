// SPDX-License-Identifier: GPL-2.0-only
/* The driver models, indexed by the program's Driver enum value. */
#include <string.h>

#include "glue.h"

extern const struct glue_model glue_reference;
extern const struct glue_model glue_broken_no_add_page;
extern const struct glue_model glue_broken_no_walk_flush;
extern const struct glue_model glue_broken_no_flush_all;
extern const struct glue_model glue_reference_np_cache;
extern const struct glue_model glue_broken_ttbr_offset;
extern const struct glue_model glue_broken_leak_table;
extern const struct glue_model glue_broken_readonly_as_rw;
extern const struct glue_model glue_broken_unmap_short;
extern const struct glue_model glue_broken_map_refuses_blocks;
extern const struct glue_model glue_broken_iova_to_phys_no_offset;
extern const struct glue_model glue_broken_hw_not_coherent;
extern const struct glue_model glue_broken_unmap_byte_short;
extern const struct glue_model glue_broken_map_no_progress;
extern const struct glue_model glue_broken_sync_never_completes;
extern const struct glue_model glue_broken_sync_polls_tables;
extern const struct glue_model glue_broken_gather_mixed_pgsize;
extern const struct glue_model glue_broken_gather_sync_every_page;
extern const struct glue_model glue_broken_fq_hides_queued;
extern const struct glue_model glue_broken_range_hint_min_page;
extern const struct glue_model drv_arm_smmu_v3;
extern const struct glue_model drv_arm_smmu;
extern const struct glue_model drv_arm_smmu_qcom;
extern const struct glue_model drv_arm_smmu_nvidia;
extern const struct glue_model drv_arm_smmu_v1_s2;
extern const struct glue_model drv_qcom_iommu;
extern const struct glue_model drv_ipmmu_vmsa;
extern const struct glue_model drv_mtk_iommu;
extern const struct glue_model drv_msm_iommu;
extern const struct glue_model drv_apple_dart;
extern const struct glue_model drv_sprd_iommu;
extern const struct glue_model drv_sun50i_iommu;
extern const struct glue_model drv_virtio_iommu;
extern const struct glue_model drv_s390_iommu;
extern const struct glue_model drv_s390_iommu_refresh;
extern const struct glue_model drv_amd_v1;
extern const struct glue_model drv_amd_v1_np_cache;
extern const struct glue_model drv_amd_v2;
extern const struct glue_model drv_amd_v2_np_cache;
extern const struct glue_model drv_intel;
extern const struct glue_model drv_intel_caching_mode;
extern const struct glue_model drv_riscv_iommu;
extern const struct glue_model drv_mtk_iommu_v1;
extern const struct glue_model drv_exynos_iommu;
extern const struct glue_model drv_rockchip_iommu;
extern const struct glue_model drv_omap_iommu;
extern const struct glue_model drv_tegra_smmu;
extern const struct glue_model drv_amd_v1_64;
extern const struct glue_model drv_amd_v1_64_np_cache;
extern const struct glue_model glue_broken_amd_sync_no_pde;
extern const struct glue_model glue_broken_intel_sync_always_ih;
extern const struct glue_model glue_broken_amd_v2_sync_no_pde;
extern const struct glue_model glue_broken_riscv_sync_no_nl;
extern const struct glue_model drv_intel_first_stage;

/* Looked up by their id, the program's Driver value. */
const struct glue_model *const glue_models[] = {
	&glue_reference,
	&glue_broken_no_add_page,
	&glue_broken_no_walk_flush,
	&glue_broken_no_flush_all,
	&glue_reference_np_cache,
	&glue_broken_ttbr_offset,
	&glue_broken_leak_table,
	&glue_broken_readonly_as_rw,
	&glue_broken_unmap_short,
	&glue_broken_map_refuses_blocks,
	&glue_broken_iova_to_phys_no_offset,
	&glue_broken_hw_not_coherent,
	&glue_broken_unmap_byte_short,
	&glue_broken_map_no_progress,
	&glue_broken_sync_never_completes,
	&glue_broken_sync_polls_tables,
	&glue_broken_gather_mixed_pgsize,
	&glue_broken_gather_sync_every_page,
	&glue_broken_fq_hides_queued,
	&glue_broken_range_hint_min_page,
	&drv_arm_smmu_v3,
	&drv_arm_smmu,
	&drv_arm_smmu_qcom,
	&drv_arm_smmu_nvidia,
	&drv_arm_smmu_v1_s2,
	&drv_qcom_iommu,
	&drv_ipmmu_vmsa,
	&drv_mtk_iommu,
	&drv_msm_iommu,
	&drv_apple_dart,
	&drv_sprd_iommu,
	&drv_sun50i_iommu,
	&drv_virtio_iommu,
	&drv_s390_iommu,
	&drv_s390_iommu_refresh,
	&drv_amd_v1,
	&drv_amd_v1_np_cache,
	&drv_amd_v2,
	&drv_amd_v2_np_cache,
	&drv_intel,
	&drv_intel_caching_mode,
	&drv_riscv_iommu,
	&drv_mtk_iommu_v1,
	&drv_exynos_iommu,
	&drv_rockchip_iommu,
	&drv_omap_iommu,
	&drv_tegra_smmu,
	&drv_amd_v1_64,
	&drv_amd_v1_64_np_cache,
	&glue_broken_amd_sync_no_pde,
	&glue_broken_intel_sync_always_ih,
	&glue_broken_amd_v2_sync_no_pde,
	&glue_broken_riscv_sync_no_nl,
	&drv_intel_first_stage,
	NULL,
};

const unsigned int glue_nr_models = ARRAY_SIZE(glue_models) - 1;

const struct glue_model *glue_model_by_id(int id)
{
	for (unsigned int i = 0; i < glue_nr_models; i++)
		if (glue_models[i]->id == id)
			return glue_models[i];
	return NULL;
}

const struct glue_model *glue_model_by_name(const char *name)
{
	for (unsigned int i = 0; i < glue_nr_models; i++)
		if (!strcmp(glue_models[i]->name, name))
			return glue_models[i];
	return NULL;
}
